import { defineOp } from '../define.js';
import type { Tensor } from '../../data/tensor.js';
import { readOptimizerInputs, updateParameter } from './optimizer-inputs.js';
import { TRAINING_DOMAIN } from '../../data/domains.js';


// Inputs R, T, X..., G..., V..., H...; outputs X_new..., V_new..., H_new...
export const Adam = [
  defineOp('Adam', 1, (ctx) => {
    const alpha = ctx.attrs.float('alpha', 0.9);
    const beta = ctx.attrs.float('beta', 0.999);
    const epsilon = ctx.attrs.float('epsilon', 1e-6);
    const norm = ctx.attrs.float('norm_coefficient', 0);
    const normPost = ctx.attrs.float('norm_coefficient_post', 0);
    return (inputs) => {
      const { rate, count, groups: [xs, gs, vs, hs] } = readOptimizerInputs('Adam', inputs, 4);
      // bias correction of the moment estimates, from the second update on
      const r = count > 0 ? (rate * Math.sqrt(1 - beta ** count)) / (1 - alpha ** count) : rate;
      const newX: Tensor[] = [];
      const newV: Tensor[] = [];
      const newH: Tensor[] = [];
      xs.forEach((x, i) => {
        const [nx, nv, nh] = updateParameter(x, [gs[i], vs[i], hs[i]], 3, ([xv, g, v, h], out) => {
          const gReg = norm * xv + g;
          const vNew = alpha * v + (1 - alpha) * gReg;
          const hNew = beta * h + (1 - beta) * gReg * gReg;
          out[0] = (1 - normPost) * (xv - (r * vNew) / (Math.sqrt(hNew) + epsilon));
          out[1] = vNew;
          out[2] = hNew;
        });
        newX.push(nx);
        newV.push(nv);
        newH.push(nh);
      });
      return [...newX, ...newV, ...newH];
    };
  }, TRAINING_DOMAIN),
];
