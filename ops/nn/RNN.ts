import { defineOp } from '../define.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import {
  RnnOutputs, clipInPlace, inputProjection, readInitialState, readRnnAttributes, readRnnInputs, timeAt, xRow,
} from './rnn-common.js';

// H_t = f(X_t * W^T + H_{t-1} * R^T + Wb + Rb), default f = Tanh.
export const RNN = [1, 7, 14, 22].map((since) =>
  defineOp('RNN', since, (ctx) => {
    const a = readRnnAttributes(ctx, ['Tanh']);
    return (inputs) => {
      const p = readRnnInputs(inputs, a, 1);
      const h0 = readInitialState(inputs, 5, p, 'initial_h');
      const out = new RnnOutputs(p, 1);
      const H = p.hidden;
      const gate = new Float64Array(p.batch * H);
      for (let dir = 0; dir < p.numDirections; dir++) {
        const reverse = dir === 1 || a.reverseFirst;
        const f = a.activations[dir];
        const xw = inputProjection(p, dir, 1);
        const h = h0.slice(dir * p.batch * H, (dir + 1) * p.batch * H);
        for (let step = 0; step < p.seqLength; step++) {
          matmulF64(h, 0, p.r, dir * H * H, gate, 0, p.batch, H, H, true);
          for (let b = 0; b < p.batch; b++) {
            const t = timeAt(p, reverse, step, b);
            if (t < 0) continue;
            const xo = xRow(p, t, b) * H, ho = b * H;
            for (let j = 0; j < H; j++) gate[ho + j] += xw[xo + j];
            clipInPlace(gate, ho, H, a.clip);
            f(gate, ho, H);
            h.set(gate.subarray(ho, ho + H), ho);
            out.storeY(t, dir, b, h, ho);
          }
        }
        out.storeFinal(0, dir, h);
      }
      return out.tensors();
    };
  }),
);
