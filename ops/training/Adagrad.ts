import { defineOp } from '../define.js';
import type { Tensor } from '../../data/tensor.js';
import { readOptimizerInputs, updateParameter } from './optimizer-inputs.js';
import { TRAINING_DOMAIN } from '../../data/domains.js';


// Inputs R, T, X..., G..., H...; outputs X_new..., H_new...
export const Adagrad = [
  defineOp('Adagrad', 1, (ctx) => {
    const decay = ctx.attrs.float('decay_factor', 0);
    const epsilon = ctx.attrs.float('epsilon', 1e-6);
    const norm = ctx.attrs.float('norm_coefficient', 0);
    return (inputs) => {
      const { rate, count, groups: [xs, gs, hs] } = readOptimizerInputs('Adagrad', inputs, 3);
      const r = rate / (1 + count * decay);
      const newX: Tensor[] = [];
      const newH: Tensor[] = [];
      xs.forEach((x, i) => {
        const [nx, nh] = updateParameter(x, [gs[i], hs[i]], 2, ([xv, g, h], out) => {
          const gReg = norm * xv + g;
          const hNew = h + gReg * gReg;
          out[0] = xv - (r * gReg) / (Math.sqrt(hNew) + epsilon);
          out[1] = hNew;
        });
        newX.push(nx);
        newH.push(nh);
      });
      return [...newX, ...newH];
    };
  }, TRAINING_DOMAIN),
];
