import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';

/**
 * Causal depthwise 1-D convolution over [batch, channels, length] with a carried state: the
 * input is left-padded with past_state (zeros when omitted, k - 1 positions), each output
 * position t sums weight[c, 0, i] * padded[t + i], plus bias, optionally through SiLU.
 * present_state is the last k - 1 positions of the padded sequence.
 */
export const CausalConvWithState = [
  defineOp('CausalConvWithState', 27, (ctx) => {
    const activation = ctx.attrs.string('activation', 'none');
    if (activation !== 'none' && activation !== 'silu' && activation !== 'swish') {
      throw ctx.attrs.error(`activation must be 'none', 'silu' or 'swish', got '${activation}'`, 'activation');
    }
    const silu = activation !== 'none';
    const wantState = outputRequested(ctx.node, 1);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const w = tensorInput(inputs, 1, 'weight');
      if (x.dims.length !== 3) throw new InvalidInputError(`input must have shape [batch, channels, length], got [${x.dims}]`);
      const [batch, channels, length] = x.dims;
      if (w.dims.length !== 3 || w.dims[0] !== channels || w.dims[1] !== 1 || w.dims[2] < 1) {
        throw new InvalidInputError(`weight must have shape [${channels}, 1, k], got [${w.dims}]`);
      }
      const k = w.dims[2];
      const biasT = optionalTensorInput(inputs, 2);
      if (biasT && biasT.size !== channels) throw new InvalidInputError(`bias must have shape [${channels}], got [${biasT.dims}]`);
      const pastT = optionalTensorInput(inputs, 3);
      if (pastT && (pastT.dims.length !== 3 || pastT.dims[0] !== batch || pastT.dims[1] !== channels || pastT.dims[2] !== k - 1)) {
        throw new InvalidInputError(`past_state must have shape [${batch}, ${channels}, ${k - 1}], got [${pastT.dims}]`);
      }
      const xv = floatData(x, 'input');
      const wv = floatData(w, 'weight');
      const bias = biasT ? floatData(biasT, 'bias') : undefined;
      const past = pastT ? floatData(pastT, 'past_state') : undefined;
      const y = allocFloat(x.type, x.size);
      const state = allocFloat(x.type, batch * channels * (k - 1));
      const padded = new Float64Array(length + k - 1);
      for (let bc = 0; bc < batch * channels; bc++) {
        const c = bc % channels;
        if (past) for (let i = 0; i < k - 1; i++) padded[i] = past[bc * (k - 1) + i];
        for (let t = 0; t < length; t++) padded[k - 1 + t] = xv[bc * length + t];
        const wo = c * k;
        const b0 = bias ? bias[c] : 0;
        for (let t = 0; t < length; t++) {
          let acc = b0;
          for (let i = 0; i < k; i++) acc += wv[wo + i] * padded[t + i];
          y[bc * length + t] = silu ? acc / (1 + Math.exp(-acc)) : acc;
        }
        for (let i = 0; i < k - 1; i++) state[bc * (k - 1) + i] = padded[length + i];
      }
      return [
        fromCompute(x.type, y, x.dims),
        wantState ? fromCompute(x.type, state, [batch, channels, k - 1]) : null,
      ];
    };
  }),
];
