import { defineOpVersions } from '../define.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { numbersOf, readScalar, tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

// A new axis of length `depth` is inserted at `axis`; it holds values[1] where the index points
// and values[0] elsewhere. Negative indices count back from depth; out-of-range ones select nothing.
export const OneHot = defineOpVersions('OneHot', [9, 11], (ctx) => {
  const axisAttr = ctx.attrs.int('axis', -1);
  return (inputs) => {
    const indices = tensorInput(inputs, 0, 'indices');
    const depth = Math.trunc(readScalar(tensorInput(inputs, 1, 'depth')));
    const values = tensorInput(inputs, 2, 'values');
    if (!(depth >= 1)) throw new InvalidInputError(`OneHot: depth must be at least 1, got ${depth}`);
    if (values.size !== 2) throw new InvalidInputError(`OneHot: values must hold [off_value, on_value], got ${values.size} elements`);
    const rank = indices.dims.length + 1;
    const axis = normalizeAxis(axisAttr, rank, 'OneHot axis');
    const dims = [...indices.dims.slice(0, axis), depth, ...indices.dims.slice(axis)];
    const outer = sizeOf(indices.dims.slice(0, axis));
    const inner = sizeOf(indices.dims.slice(axis));
    if (slotsPerElement(values.type) !== 1) throw new InvalidInputError(`OneHot: ${values.type} values are not supported`);
    checkedOutputShape(dims, values.type, 'OneHot');
    const v = values.data as unknown as ArrayLike<unknown>;
    const out = allocateData(values.type, outer * depth * inner) as unknown as { [i: number]: unknown };
    for (let i = 0; i < outer * depth * inner; i++) out[i] = v[0];
    const idx = numbersOf(indices);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        let j = Math.trunc(idx[o * inner + k]);
        if (j < 0) j += depth;
        if (j >= 0 && j < depth) out[(o * depth + j) * inner + k] = v[1];
      }
    }
    return [new Tensor(values.type, out as never, dims)];
  };
});
