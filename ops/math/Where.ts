import { allocateData, slotsPerElement } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { broadcastIndex, broadcastShapes, sameDims, sizeOf } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';

type Slots = { [i: number]: unknown; length: number };

// Where only selects, so it copies stored elements as they are (encoded floats included,
// complex values as their two slots) without decoding anything.
function select(cond: Tensor, x: Tensor, y: Tensor): Tensor {
  if (cond.type !== 'bool') throw new InvalidInputError(`Where: condition must be a bool tensor, got ${cond.type}`, 'condition');
  if (x.type !== y.type) throw new InvalidInputError(`Where: X and Y must have one element type, got ${x.type} and ${y.type}`);
  const dims = broadcastShapes(cond.dims, x.dims, y.dims);
  const n = sizeOf(dims);
  const c = cond.data as Uint8Array;
  const xs = x.data as unknown as Slots;
  const ys = y.data as unknown as Slots;
  const out = allocateData(x.type, n) as unknown as Slots;
  const slots = slotsPerElement(x.type);
  if (slots === 1 && sameDims(cond.dims, dims) && sameDims(x.dims, dims) && sameDims(y.dims, dims)) {
    for (let i = 0; i < n; i++) out[i] = c[i] ? xs[i] : ys[i];
  } else {
    const ci = sameDims(cond.dims, dims) ? null : broadcastIndex(dims, cond.dims);
    const xi = sameDims(x.dims, dims) ? null : broadcastIndex(dims, x.dims);
    const yi = sameDims(y.dims, dims) ? null : broadcastIndex(dims, y.dims);
    for (let i = 0; i < n; i++) {
      const pick = c[ci ? ci[i] : i];
      const src = pick ? xs : ys;
      const j = (pick ? (xi ? xi[i] : i) : (yi ? yi[i] : i)) * slots;
      for (let s = 0; s < slots; s++) out[i * slots + s] = src[j + s];
    }
  }
  return new Tensor(x.type, out as never, dims);
}

// Where-16 added bfloat16 to the types; the selection itself never changed.
export const Where = [9, 16].map((since) =>
  defineOp('Where', since, () => (inputs) => [
    select(tensorInput(inputs, 0, 'Where condition'), tensorInput(inputs, 1, 'Where input X'), tensorInput(inputs, 2, 'Where input Y')),
  ]),
);
