import { defineOp } from '../define.js';
import { allocCompute, computeView, fromCompute, numbersOf, optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';
import { fft } from './fft.js';

// signal [batch, length, 1|2] → [batch, frames, bins, 2], frames = 1 + (length − frame_length) / step.
export const STFT = [
  defineOp('STFT', 17, (ctx) => {
    const onesided = ctx.attrs.int('onesided', 1) !== 0;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'signal');
      const step = readScalar(tensorInput(inputs, 1, 'frame_step'));
      const windowT = optionalTensorInput(inputs, 2);
      const lengthT = optionalTensorInput(inputs, 3);
      if (x.dims.length !== 3 || (x.dims[2] !== 1 && x.dims[2] !== 2)) {
        throw new InvalidInputError(`STFT: signal must be [batch, length, 1 or 2], got [${x.dims}]`);
      }
      const [batch, sigLen, parts] = x.dims;
      if (windowT && windowT.dims.length !== 1) throw new InvalidInputError(`STFT: window must be 1-D, got [${windowT.dims}]`);
      const frameLen = lengthT ? readScalar(lengthT) : windowT ? windowT.dims[0] : sigLen;
      if (windowT && windowT.dims[0] !== frameLen) {
        throw new InvalidInputError(`STFT: window length ${windowT.dims[0]} differs from frame_length ${frameLen}`);
      }
      if (!(step >= 1) || !(frameLen >= 1) || frameLen > sigLen) {
        throw new InvalidInputError(`STFT: need frame_step >= 1 and 1 <= frame_length <= signal length ${sigLen}, got step ${step} and frame_length ${frameLen}`);
      }
      const window = windowT ? numbersOf(windowT) : undefined;
      const frames = 1 + Math.floor((sigLen - frameLen) / step);
      const bins = onesided ? Math.floor(frameLen / 2) + 1 : frameLen;
      const src = computeView(x) as ArrayLike<number>;
      const out = allocCompute(x.type, batch * frames * bins * 2) as Float64Array;
      const re = new Float64Array(frameLen);
      const im = new Float64Array(frameLen);
      for (let b = 0; b < batch; b++) {
        for (let f = 0; f < frames; f++) {
          for (let k = 0; k < frameLen; k++) {
            const at = (b * sigLen + f * step + k) * parts;
            const w = window ? window[k] : 1;
            re[k] = src[at] * w;
            im[k] = parts === 2 ? src[at + 1] * w : 0;
          }
          fft(re, im);
          const base = (b * frames + f) * bins * 2;
          for (let k = 0; k < bins; k++) {
            out[base + 2 * k] = re[k];
            out[base + 2 * k + 1] = im[k];
          }
        }
      }
      return [fromCompute(x.type, out, [batch, frames, bins, 2])];
    };
  }),
];
