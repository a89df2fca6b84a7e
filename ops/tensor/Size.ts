import { defineOpVersions } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';

export const Size = defineOpVersions('Size', [1, 13, 19, 21, 23, 24, 25], () => (inputs) => {
  const x = tensorInput(inputs, 0, 'data');
  return [new Tensor('int64', BigInt64Array.of(BigInt(x.size)), [])];
});
