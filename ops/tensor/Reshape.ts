import { defineOp } from '../define.js';
import { sizeOf } from '../helpers/shape.js';
import { readInts, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';

/** Resolves 0 (copy, unless allowzero) and -1 (infer) in a Reshape target shape. */
export function resolveReshape(input: readonly number[], target: number[], allowZero: boolean): number[] {
  const dims = target.map((d, i) => (d === 0 && !allowZero ? input[i] : d));
  if (dims.some((d) => d === undefined || d < -1)) throw new InvalidInputError(`Reshape: invalid target shape [${target}] for input [${input}]`);
  const inferred = dims.indexOf(-1);
  if (inferred !== dims.lastIndexOf(-1)) throw new InvalidInputError(`Reshape: target shape [${target}] has more than one -1`);
  const total = sizeOf(input);
  if (inferred >= 0) {
    const rest = sizeOf(dims.filter((_, i) => i !== inferred));
    if (rest === 0 || total % rest !== 0) throw new InvalidInputError(`Reshape: cannot reshape [${input}] to [${target}]`);
    dims[inferred] = total / rest;
  }
  if (sizeOf(dims) !== total) throw new InvalidInputError(`Reshape: cannot reshape [${input}] (${total} elements) to [${target}]`);
  return dims;
}

export const Reshape = [
  // Reshape-1 took the shape as an attribute
  defineOp('Reshape', 1, (ctx) => {
    const shape = ctx.attrs.ints('shape', []);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'data');
      return [x.reshape(resolveReshape(x.dims, shape, false))];
    };
  }),
  ...[5, 13, 14, 19, 21, 23, 24, 25].map((since) =>
    defineOp('Reshape', since, (ctx) => {
      const allowZero = ctx.attrs.int('allowzero', 0) === 1;
      return (inputs) => {
        const x: Tensor = tensorInput(inputs, 0, 'data');
        const shape = readInts(tensorInput(inputs, 1, 'shape'));
        return [x.reshape(resolveReshape(x.dims, shape, allowZero))];
      };
    }),
  ),
];
