import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { readRows } from './ml-rows.js';
import { applyPostTransform, parsePostTransform } from './post-transform.js';
import { classLabels, labelTensor } from './class-labels.js';
import { floatsOrTensor, readClassicTrees } from './tree-ensemble-classic.js';
import { runTreeEnsemble } from './tree-ensemble-engine.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Deprecated by TreeEnsemble in ai.onnx.ml 5; version 3 added the *_as_tensor attributes.
export const TreeEnsembleClassifier = [1, 3].map((since) =>
  defineOp('TreeEnsembleClassifier', since, (ctx) => {
    const postName = ctx.attrs.string('post_transform', 'NONE');
    const post = parsePostTransform(postName);
    if (!post) throw ctx.attrs.error(`unknown post_transform "${postName}"`, 'post_transform');
    const labels = classLabels(ctx, 'classlabels_int64s');
    const nClasses = labels.count;
    const base = floatsOrTensor(ctx, 'base_values');
    const model = readClassicTrees(ctx, 'class', Math.max(nClasses, 1));
    const classIds = new Set(ctx.attrs.ints('class_ids', []));
    // every weight for one class: a binary model scoring that class against the rest
    const binary = classIds.size === 1 && nClasses <= 2;
    const binaryClass = binary ? [...classIds][0] : 0;
    return (inputs) => {
      const rows = readRows('TreeEnsembleClassifier', tensorInput(inputs, 0, 'X'));
      const raw = runTreeEnsemble('TreeEnsembleClassifier', model, rows, 'SUM', base);
      const width = binary ? 2 : nClasses;
      let scores = raw;
      if (binary) {
        scores = new Float64Array(rows.n * 2);
        for (let r = 0; r < rows.n; r++) {
          const s = raw[r * model.nTargets + binaryClass];
          scores[r * 2 + 1] = s;
          scores[r * 2] = post === 'NONE' || post === 'PROBIT' ? 1 - s : -s;
        }
      }
      const best = new Int32Array(rows.n);
      for (let r = 0; r < rows.n; r++) {
        applyPostTransform(post, scores, r * width, width);
        let arg = 0;
        for (let j = 1; j < width; j++) if (scores[r * width + j] > scores[r * width + arg]) arg = j;
        best[r] = arg;
      }
      const z = new Tensor('float32', Float32Array.from(scores), [rows.n, width]);
      if (binary && labels.count === 1) {
        // one label for a two-column score: position 1 is that label, position 0 the "other" value
        const y = labels.strings
          ? new Tensor('string', Array.from(best, (b) => (b === 1 ? labels.strings![0] : '')), [rows.n])
          : new Tensor('int64', BigInt64Array.from(best, (b) => BigInt(b === 1 ? labels.ints![0] : 0)), [rows.n]);
        return [y, z];
      }
      return [labelTensor(labels, best), z];
    };
  }, ML_DOMAIN),
);
