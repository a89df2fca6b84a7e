import { defineOpVersions } from '../define.js';
import { readInts, tensorInput } from '../helpers/values.js';
import { allocateData, type TypedArray } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { checkedOutputShape } from '../helpers/output-shape.js';

export const ConstantOfShape = defineOpVersions('ConstantOfShape', [9, 20, 21, 23, 24, 25], (ctx) => {
  // default: a float32 zero
  const value = ctx.attrs.tensor('value') ?? new Tensor('float32', new Float32Array(1), [1]);
  if (value.size !== 1) throw ctx.attrs.error(`value must hold exactly one element, got ${value.size}`, 'value');
  return (inputs) => {
    const dims = readInts(tensorInput(inputs, 0, 'input'));
    const n = checkedOutputShape(dims, value.type, 'ConstantOfShape');
    const out = allocateData(value.type, n);
    if (Array.isArray(out)) out.fill((value.data as string[])[0]);
    else (out as Float32Array).fill((value.data as TypedArray as Float32Array)[0]);
    return [new Tensor(value.type, out, dims)];
  };
});
