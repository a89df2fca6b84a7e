import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { floatData } from '../helpers/float-data.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import { optionalTensorInput } from '../helpers/values.js';
import {
  RnnOutputs, clipInPlace, inputProjection, readInitialState, readRnnAttributes, readRnnInputs, timeAt, xRow,
} from './rnn-common.js';

/**
 * Gates i, o, f, c (in that order in W, R and B), peepholes P = [Pi, Po, Pf], default
 * f = Sigmoid, g = Tanh, h = Tanh:
 *   i = f(X W_i^T + H R_i^T + Pi . C + b_i),  f = f(X W_f^T + H R_f^T + Pf . C + b_f)
 *   c~ = g(X W_c^T + H R_c^T + b_c),  C' = f . C + i . c~
 *   o = f(X W_o^T + H R_o^T + Po . C' + b_o),  H' = o . h(C')
 * With input_forget, the forget gate is coupled to the input gate: f = 1 - i.
 */
export const LSTM = [1, 7, 14, 22].map((since) =>
  defineOp('LSTM', since, (ctx) => {
    const a = readRnnAttributes(ctx, ['Sigmoid', 'Tanh', 'Tanh']);
    const inputForget = ctx.attrs.int('input_forget', 0) !== 0;
    return (inputs) => {
      const p = readRnnInputs(inputs, a, 4);
      const h0 = readInitialState(inputs, 5, p, 'initial_h');
      const c0 = readInitialState(inputs, 6, p, 'initial_c');
      const H = p.hidden, N = p.batch;
      const pT = optionalTensorInput(inputs, 7);
      if (pT && pT.size !== p.numDirections * 3 * H) {
        throw new InvalidInputError(`P must have shape [${p.numDirections}, ${3 * H}], got [${pT.dims}]`);
      }
      const peep = pT ? floatData(pT, 'P') : undefined;
      const out = new RnnOutputs(p, 2);
      const gates = new Float64Array(N * 4 * H);
      for (let dir = 0; dir < p.numDirections; dir++) {
        const reverse = dir === 1 || a.reverseFirst;
        const [fAct, gAct, hAct] = a.activations.slice(dir * 3, dir * 3 + 3);
        const xw = inputProjection(p, dir, 4);
        const pOff = dir * 3 * H;
        const h = h0.slice(dir * N * H, (dir + 1) * N * H);
        const c = c0.slice(dir * N * H, (dir + 1) * N * H);
        for (let step = 0; step < p.seqLength; step++) {
          matmulF64(h, 0, p.r, dir * 4 * H * H, gates, 0, N, H, 4 * H, true);
          for (let b = 0; b < N; b++) {
            const t = timeAt(p, reverse, step, b);
            if (t < 0) continue;
            const xo = xRow(p, t, b) * 4 * H, go = b * 4 * H, ho = b * H;
            const gi = go, gO = go + H, gf = go + 2 * H, gc = go + 3 * H;
            for (let j = 0; j < 4 * H; j++) gates[go + j] += xw[xo + j];
            if (peep) {
              for (let j = 0; j < H; j++) {
                gates[gi + j] += peep[pOff + j] * c[ho + j];
                gates[gf + j] += peep[pOff + 2 * H + j] * c[ho + j];
              }
            }
            // the output gate is clipped once its peephole term on C' is in
            clipInPlace(gates, gi, H, a.clip);
            clipInPlace(gates, gf, 2 * H, a.clip);
            fAct(gates, gi, H);
            if (inputForget) {
              for (let j = 0; j < H; j++) gates[gf + j] = 1 - gates[gi + j];
            } else {
              fAct(gates, gf, H);
            }
            gAct(gates, gc, H);
            for (let j = 0; j < H; j++) c[ho + j] = gates[gf + j] * c[ho + j] + gates[gi + j] * gates[gc + j];
            if (peep) for (let j = 0; j < H; j++) gates[gO + j] += peep[pOff + H + j] * c[ho + j];
            clipInPlace(gates, gO, H, a.clip);
            fAct(gates, gO, H);
            // h(C') into the candidate slot, which is no longer needed
            gates.set(c.subarray(ho, ho + H), gc);
            hAct(gates, gc, H);
            for (let j = 0; j < H; j++) h[ho + j] = gates[gO + j] * gates[gc + j];
            out.storeY(t, dir, b, h, ho);
          }
        }
        out.storeFinal(0, dir, h);
        out.storeFinal(1, dir, c);
      }
      return out.tensors();
    };
  }),
);
