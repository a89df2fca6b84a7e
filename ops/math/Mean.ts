import { isFloatType } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { unaryMap } from '../helpers/elementwise.js';
import { computesInFloat32, unaryFloat32 } from '../helpers/float32-loops.js';
import { addKernel } from './Add.js';
import { foldInputs } from './define-variadic.js';

export const Mean = [1, 6, 8, 13].map((since) =>
  defineOp('Mean', since, () => (inputs) => {
    const sum = foldInputs('Mean', inputs, addKernel);
    if (!isFloatType(sum.type)) throw new InvalidInputError(`Mean does not take ${sum.type} tensors`, undefined, undefined, sum.type);
    const count = inputs.length;
    if (count === 1) return [sum];
    if (!computesInFloat32(sum.type)) return [unaryMap(sum, (v: number) => v / count)];
    return [unaryFloat32(sum, (x, y) => {
      for (let i = 0; i < x.length; i++) y[i] = x[i] / count;
    })];
  }),
);
