import { defineOp } from '../define.js';
import type { Tensor } from '../../data/tensor.js';
import { readOptimizerInputs, updateParameter } from './optimizer-inputs.js';
import { TRAINING_DOMAIN } from '../../data/domains.js';


// Inputs R, T, X..., G..., V...; outputs X_new..., V_new...
export const Momentum = [
  defineOp('Momentum', 1, (ctx) => {
    const alpha = ctx.attrs.required('alpha', ctx.attrs.float('alpha'));
    const beta = ctx.attrs.required('beta', ctx.attrs.float('beta'));
    const norm = ctx.attrs.required('norm_coefficient', ctx.attrs.float('norm_coefficient'));
    const mode = ctx.attrs.required('mode', ctx.attrs.string('mode'));
    if (mode !== 'standard' && mode !== 'nesterov') throw ctx.attrs.error(`mode must be "standard" or "nesterov", got "${mode}"`, 'mode');
    const nesterov = mode === 'nesterov';
    return (inputs) => {
      const { rate, count, groups: [xs, gs, vs] } = readOptimizerInputs('Momentum', inputs, 3);
      // the first update (T = 0) takes the whole gradient
      const b = count > 0 ? beta : 1;
      const newX: Tensor[] = [];
      const newV: Tensor[] = [];
      xs.forEach((x, i) => {
        const [nx, nv] = updateParameter(x, [gs[i], vs[i]], 2, ([xv, g, v], out) => {
          const gReg = norm * xv + g;
          const vNew = alpha * v + b * gReg;
          out[0] = xv - rate * (nesterov ? gReg + alpha * vNew : vNew);
          out[1] = vNew;
        });
        newX.push(nx);
        newV.push(nv);
      });
      return [...newX, ...newV];
    };
  }, TRAINING_DOMAIN),
];
