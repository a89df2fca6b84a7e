import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { classLabels, labelTensor } from './class-labels.js';
import { readRows } from './ml-rows.js';
import { applyPostTransform, parsePostTransform } from './post-transform.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Scores = X·coefficientsᵀ + intercepts, one coefficient row per class. A single row with two
// labels is a binary model: its score s becomes the two columns [−s, s].
export const LinearClassifier = [
  defineOp('LinearClassifier', 1, (ctx) => {
    const coef = ctx.attrs.required('coefficients', ctx.attrs.floats('coefficients'));
    const intercepts = ctx.attrs.floats('intercepts', []);
    const postName = ctx.attrs.string('post_transform', 'NONE');
    const post = parsePostTransform(postName);
    if (!post) throw ctx.attrs.error(`unknown post_transform "${postName}"`, 'post_transform');
    const labels = classLabels(ctx, 'classlabels_ints');
    return (inputs) => {
      const { n, c, data } = readRows('LinearClassifier', tensorInput(inputs, 0, 'X'));
      if (c === 0 || coef.length % c !== 0) throw new InvalidInputError(`LinearClassifier: ${coef.length} coefficients do not fit ${c} features`);
      const classes = coef.length / c;
      if (intercepts.length && intercepts.length !== classes) throw new InvalidInputError(`LinearClassifier: ${intercepts.length} intercepts for ${classes} classes`);
      const binary = classes === 1 && labels.count === 2;
      const width = binary ? 2 : classes;
      const scores = new Float64Array(n * width);
      const best = new Int32Array(n);
      const threshold = post === 'NONE' ? 0 : 0.5;
      for (let r = 0; r < n; r++) {
        const o = r * width;
        for (let k = 0; k < classes; k++) {
          let s = intercepts.length ? intercepts[k] : 0;
          for (let j = 0; j < c; j++) s += data[r * c + j] * coef[k * c + j];
          if (binary) {
            scores[o] = -s;
            scores[o + 1] = s;
          } else scores[o + k] = s;
        }
        applyPostTransform(post, scores, o, width);
        if (width > 1) {
          let arg = 0;
          for (let k = 1; k < width; k++) if (scores[o + k] > scores[o + arg]) arg = k;
          best[r] = arg;
        } else {
          best[r] = scores[o] >= threshold ? 1 : 0;
        }
      }
      let y: Tensor;
      if (width === 1) {
        // one class and at most one label: the label when the score passes, else 0 / ""
        y = labels.strings
          ? new Tensor('string', Array.from(best, (b) => (b ? labels.strings![0] ?? '1' : '')), [n])
          : new Tensor('int64', BigInt64Array.from(best, (b) => BigInt(b ? labels.ints?.[0] ?? 1 : 0)), [n]);
      } else {
        y = labelTensor(labels, best);
      }
      return [y, new Tensor('float32', Float32Array.from(scores), [n, width])];
    };
  }, ML_DOMAIN),
];
