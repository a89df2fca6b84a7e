import { defineOp } from '../define.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import {
  RnnOutputs, clipInPlace, inputProjection, readInitialState, readRnnAttributes, readRnnInputs, timeAt, xRow,
} from './rnn-common.js';

/**
 * Gates z, r, h (in that order in W, R and B), default f = Sigmoid, g = Tanh:
 *   z = f(X W_z^T + H R_z^T + Wb_z + Rb_z),  r = f(X W_r^T + H R_r^T + Wb_r + Rb_r)
 *   h~ = g(X W_h^T + (r . H) R_h^T + Rb_h + Wb_h)            linear_before_reset = 0
 *   h~ = g(X W_h^T + r . (H R_h^T + Rb_h) + Wb_h)            linear_before_reset != 0
 *   H' = (1 - z) . h~ + z . H
 * GRU-1 had no linear_before_reset (it reads as 0).
 */
export const GRU = [1, 3, 7, 14, 22].map((since) =>
  defineOp('GRU', since, (ctx) => {
    const a = readRnnAttributes(ctx, ['Sigmoid', 'Tanh']);
    const linearBeforeReset = ctx.attrs.int('linear_before_reset', 0) !== 0;
    return (inputs) => {
      const p = readRnnInputs(inputs, a, 3);
      const h0 = readInitialState(inputs, 5, p, 'initial_h');
      const out = new RnnOutputs(p, 1);
      const H = p.hidden, N = p.batch;
      const zr = new Float64Array(N * 2 * H); // H R_z^T | H R_r^T per batch row
      const hh = new Float64Array(N * H); // the candidate's recurrent term
      const rh = new Float64Array(H);
      for (let dir = 0; dir < p.numDirections; dir++) {
        const reverse = dir === 1 || a.reverseFirst;
        const f = a.activations[dir * 2], g = a.activations[dir * 2 + 1];
        const xw = inputProjection(p, dir, 3, 2);
        const rOff = dir * 3 * H * H;
        const rbh = dir * 6 * H + 5 * H; // Rb_h within B
        const h = h0.slice(dir * N * H, (dir + 1) * N * H);
        for (let step = 0; step < p.seqLength; step++) {
          matmulF64(h, 0, p.r, rOff, zr, 0, N, H, 2 * H, true);
          if (linearBeforeReset) matmulF64(h, 0, p.r, rOff + 2 * H * H, hh, 0, N, H, H, true);
          for (let b = 0; b < N; b++) {
            const t = timeAt(p, reverse, step, b);
            if (t < 0) continue;
            const xo = xRow(p, t, b) * 3 * H, zo = b * 2 * H, ho = b * H;
            for (let j = 0; j < 2 * H; j++) zr[zo + j] += xw[xo + j];
            clipInPlace(zr, zo, 2 * H, a.clip);
            f(zr, zo, 2 * H);
            if (linearBeforeReset) {
              for (let j = 0; j < H; j++) hh[ho + j] = xw[xo + 2 * H + j] + zr[zo + H + j] * (hh[ho + j] + p.b[rbh + j]);
            } else {
              for (let j = 0; j < H; j++) rh[j] = zr[zo + H + j] * h[ho + j];
              matmulF64(rh, 0, p.r, rOff + 2 * H * H, hh, ho, 1, H, H, true);
              for (let j = 0; j < H; j++) hh[ho + j] += xw[xo + 2 * H + j] + p.b[rbh + j];
            }
            clipInPlace(hh, ho, H, a.clip);
            g(hh, ho, H);
            for (let j = 0; j < H; j++) {
              const z = zr[zo + j];
              h[ho + j] = (1 - z) * hh[ho + j] + z * h[ho + j];
            }
            out.storeY(t, dir, b, h, ho);
          }
        }
        out.storeFinal(0, dir, h);
      }
      return out.tensors();
    };
  }),
);
