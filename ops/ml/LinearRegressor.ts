import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { readRows } from './ml-rows.js';
import { applyPostTransform, parsePostTransform } from './post-transform.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Y[n, t] = X[n]·coefficients[t] + intercepts[t], coefficients being [targets, features].
export const LinearRegressor = [
  defineOp('LinearRegressor', 1, (ctx) => {
    const coef = ctx.attrs.floats('coefficients', []);
    const intercepts = ctx.attrs.floats('intercepts', []);
    const targets = ctx.attrs.int('targets', 1);
    const postName = ctx.attrs.string('post_transform', 'NONE');
    const post = parsePostTransform(postName);
    if (!post) throw ctx.attrs.error(`unknown post_transform "${postName}"`, 'post_transform');
    if (targets < 1 || coef.length % targets !== 0) throw ctx.attrs.error(`${coef.length} coefficients cannot be split among ${targets} targets`);
    if (intercepts.length && intercepts.length !== targets) throw ctx.attrs.error(`intercepts must have ${targets} values, got ${intercepts.length}`);
    const features = coef.length / targets;
    return (inputs) => {
      const { n, c, data } = readRows('LinearRegressor', tensorInput(inputs, 0, 'X'));
      if (c !== features) throw new InvalidInputError(`LinearRegressor: X has ${c} features, the model ${features}`);
      const out = new Float64Array(n * targets);
      for (let r = 0; r < n; r++) {
        for (let t = 0; t < targets; t++) {
          let s = intercepts.length ? intercepts[t] : 0;
          for (let j = 0; j < c; j++) s += data[r * c + j] * coef[t * c + j];
          out[r * targets + t] = s;
        }
        applyPostTransform(post, out, r * targets, targets);
      }
      return [new Tensor('float32', Float32Array.from(out), [n, targets])];
    };
  }, ML_DOMAIN),
];
