import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { readRows } from './ml-rows.js';
import { applyPostTransform, parsePostTransform } from './post-transform.js';
import { linearKernel, readSvmKernel } from './svm-kernel.js';
import { ML_DOMAIN } from '../../data/domains.js';

// With support vectors: Σ coefficients[j]·K(x, sv[j]) + rho; without: x·coefficients + rho.
// A one-class model outputs +1 / −1 by the sign of that score.
export const SVMRegressor = [
  defineOp('SVMRegressor', 1, (ctx) => {
    const { kernel } = readSvmKernel(ctx);
    const coef = ctx.attrs.floats('coefficients', []);
    const sv = ctx.attrs.floats('support_vectors', []);
    const nSupports = ctx.attrs.int('n_supports', 0);
    const rho = ctx.attrs.floats('rho', [0]);
    const oneClass = ctx.attrs.int('one_class', 0) !== 0;
    const postName = ctx.attrs.string('post_transform', 'NONE');
    const post = parsePostTransform(postName);
    if (!post) throw ctx.attrs.error(`unknown post_transform "${postName}"`, 'post_transform');
    if (nSupports > 0 && (coef.length < nSupports || sv.length % nSupports !== 0)) {
      throw ctx.attrs.error(`${nSupports} support vectors do not fit ${sv.length} support vector values and ${coef.length} coefficients`);
    }
    return (inputs) => {
      const { n, c, data } = readRows('SVMRegressor', tensorInput(inputs, 0, 'X'));
      const features = nSupports > 0 ? sv.length / nSupports : coef.length;
      if (c !== features) throw new InvalidInputError(`SVMRegressor: X has ${c} features, the model ${features}`);
      const out = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        let s = 0;
        if (nSupports > 0) for (let j = 0; j < nSupports; j++) s += coef[j] * kernel(data, r * c, sv, j * c, c);
        else s = linearKernel(data, r * c, coef, 0, c);
        s += rho[0] ?? 0;
        out[r] = oneClass ? (s > 0 ? 1 : -1) : s;
        applyPostTransform(post, out, r, 1);
      }
      return [new Tensor('float32', Float32Array.from(out), [n, 1])];
    };
  }, ML_DOMAIN),
];
