// The generalized cosine windows (Hann, Hamming, Blackman) shared by the *Window ops.
import { dataTypeFromCode } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { readScalar, tensorFromNumbers, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { checkedOutputShape } from '../helpers/output-shape.js';

/** w[n] = a0 − a1·cos(2πn/N) + a2·cos(4πn/N), N = size (periodic) or size − 1 (symmetric). */
export function cosineWindowOp(opType: string, a0: number, a1: number, a2: number): OpDefinition {
  return defineOp(opType, 17, (ctx) => {
    const code = ctx.attrs.int('output_datatype', 1);
    const type = dataTypeFromCode(code);
    if (!type || type === 'string' || type === 'bool' || type.startsWith('complex')) {
      throw ctx.attrs.error(`output_datatype ${code} is not a numeric type`, 'output_datatype');
    }
    const periodic = ctx.attrs.int('periodic', 1) !== 0;
    return (inputs) => {
      const size = readScalar(tensorInput(inputs, 0, 'size'));
      if (!Number.isInteger(size) || size < 0) throw new InvalidInputError(`${opType}: size must be a non-negative integer, got ${size}`);
      // the window is computed in float64 before conversion: that is the larger of the two
      checkedOutputShape([size], type === 'float64' || type === 'int64' || type === 'uint64' ? type : 'float64', opType);
      const denom = periodic ? size : size - 1;
      const w = new Float64Array(size);
      for (let n = 0; n < size; n++) {
        // a one-point symmetric window has no period: it is just its peak
        const t = denom === 0 ? 0 : (2 * Math.PI * n) / denom;
        w[n] = denom === 0 ? 1 : a0 - a1 * Math.cos(t) + a2 * Math.cos(2 * t);
      }
      return [tensorFromNumbers(type, w, [size])];
    };
  });
}
