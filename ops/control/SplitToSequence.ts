import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { normalizeAxis } from '../helpers/shape.js';
import { sliceAlongAxis, takeAlongAxis } from '../helpers/slice-along-axis.js';
import { readInts, tensorInput } from '../helpers/values.js';
import { checkSequenceLength } from '../helpers/output-shape.js';

/** Chunk lengths along an axis of size `size` from the split input (scalar: equal chunks). */
function chunkLengths(split: Tensor, size: number): number[] {
  const values = readInts(split);
  if (split.dims.length === 0) {
    const chunk = values[0];
    if (!(chunk > 0)) throw new InvalidInputError(`split must be positive, got ${chunk}`);
    const out: number[] = [];
    for (let start = 0; start < size; start += chunk) out.push(Math.min(chunk, size - start));
    return out;
  }
  if (split.dims.length !== 1) throw new InvalidInputError(`split must be a scalar or a 1-D tensor, got shape [${split.dims}]`);
  if (values.some((v) => v < 0)) throw new InvalidInputError(`split lengths must not be negative, got [${values}]`);
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum !== size) throw new InvalidInputError(`split lengths [${values}] sum to ${sum}, but the axis has size ${size}`);
  return values;
}

// Version 24 only widened the element types.
export const SplitToSequence = defineOpVersions('SplitToSequence', [11, 24], (ctx) => {
  const axisAttr = ctx.attrs.int('axis', 0);
  const keepDims = ctx.attrs.int('keepdims', 1) !== 0;
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    const axis = normalizeAxis(axisAttr, x.dims.length);
    const size = x.dims[axis];
    if (inputs[1] === undefined) {
      checkSequenceLength(size, 'SplitToSequence');
      // without split every part has length 1, and keepdims decides whether the axis stays
      return [Array.from({ length: size }, (_, i) => (keepDims ? sliceAlongAxis(x, axis, i, i + 1) : takeAlongAxis(x, axis, i)))];
    }
    const lengths = chunkLengths(tensorInput(inputs, 1, 'split'), size);
    checkSequenceLength(lengths.length, 'SplitToSequence');
    let start = 0;
    return [lengths.map((len) => {
      const part = sliceAlongAxis(x, axis, start, start + len);
      start += len;
      return part;
    })];
  };
});
