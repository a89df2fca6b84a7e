import type { RuntimeContext } from '../types.js';
import { defineOp } from '../define.js';
import { concatAlongAxis } from '../helpers/concat-along-axis.js';
import { normalizeAxis } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';

function concat(parts: Tensor[], axis: number, rt: RuntimeContext): Tensor {
  // Exporters sometimes feed an empty placeholder (e.g. shape [0]) of another rank; it adds nothing.
  const rank = parts.find((p) => p.size > 0)?.dims.length ?? parts[0].dims.length;
  const used = parts.filter((p) => p.size > 0 || p.dims.length === rank);
  return concatAlongAxis(used, normalizeAxis(axis, rank, 'Concat axis'), rt);
}

export const Concat = [
  // axis was optional (default 1) in Concat-1 and required from 4 on
  ...[1, 4, 11, 13].map((since) =>
    defineOp('Concat', since, (ctx) => {
      const axis = since === 1 ? ctx.attrs.int('axis', 1) : ctx.attrs.required('axis', ctx.attrs.int('axis'));
      return (inputs, rt) => [concat(inputs.map((_, i) => tensorInput(inputs, i, `input ${i}`)), axis, rt)];
    }),
  ),
];
