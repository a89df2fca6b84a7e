import { defineOpVersions } from '../define.js';
import { tensorFromNumbers, tensorInput } from '../helpers/values.js';
import { allocateData, dataTypeFromCode, type DataType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

// A 2-D tensor shaped like the input with ones on the k-th diagonal (j - i = k), zeros elsewhere.
export const EyeLike = defineOpVersions('EyeLike', [9, 22], (ctx) => {
  const k = ctx.attrs.int('k', 0);
  const code = ctx.attrs.int('dtype');
  const dtype = code === undefined ? undefined : dataTypeFromCode(code);
  if (code !== undefined && (dtype === undefined || dtype === 'string')) throw ctx.attrs.error(`dtype ${code} is not a supported numeric type`, 'dtype');
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    if (x.dims.length !== 2) throw new InvalidInputError(`EyeLike: input must be 2-D, got shape [${x.dims}]`);
    const type: DataType = dtype ?? x.type;
    const [rows, cols] = x.dims;
    const out = allocateData(type, rows * cols) as unknown as { [i: number]: unknown };
    const one = type === 'bool' ? 1 : tensorFromNumbers(type, [1], [1]).data[0];
    for (let i = Math.max(0, -k); i < rows && i + k < cols; i++) out[i * cols + i + k] = one;
    return [new Tensor(type, out as never, x.dims)];
  };
});
