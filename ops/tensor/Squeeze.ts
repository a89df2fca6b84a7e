import { defineOp } from '../define.js';
import { normalizeAxes } from '../helpers/shape.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

/** Drops the listed axes (each must have size 1), or every size-1 axis when none are listed. */
export function squeezeDims(x: Tensor, axes: number[] | undefined): number[] {
  if (axes === undefined) return x.dims.filter((d) => d !== 1);
  const drop = new Set(normalizeAxes(axes, x.dims.length, 'Squeeze axes'));
  for (const a of drop) {
    if (x.dims[a] !== 1) throw new InvalidInputError(`Squeeze: axis ${a} of shape [${x.dims}] has size ${x.dims[a]}, not 1`);
  }
  return x.dims.filter((_, i) => !drop.has(i));
}

export const Squeeze = [
  // axes was an attribute until opset 13
  ...[1, 11].map((since) =>
    defineOp('Squeeze', since, (ctx) => {
      const axes = ctx.attrs.ints('axes');
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'data');
        return [x.reshape(squeezeDims(x, axes))];
      };
    }),
  ),
  ...[13, 21, 23, 24, 25].map((since) =>
    defineOp('Squeeze', since, () => (inputs) => {
      const x = tensorInput(inputs, 0, 'data');
      const axesT = optionalTensorInput(inputs, 1);
      return [x.reshape(squeezeDims(x, axesT ? readInts(axesT) : undefined))];
    }),
  ),
];
