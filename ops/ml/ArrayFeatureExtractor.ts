import { defineOp } from '../define.js';
import { readInts, tensorInput } from '../helpers/values.js';
import { allocateData } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Selects the Y-th elements of X's last axis: [..., D] → [..., len(Y)]; a 1-D X gives [1, len(Y)].
export const ArrayFeatureExtractor = [
  defineOp('ArrayFeatureExtractor', 1, () => (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const indices = readInts(tensorInput(inputs, 1, 'Y'));
    if (x.dims.length === 0) throw new InvalidInputError('ArrayFeatureExtractor: X must have at least one dimension');
    const d = x.dims[x.dims.length - 1];
    for (const i of indices) {
      if (i < 0 || i >= d) throw new InvalidInputError(`ArrayFeatureExtractor: index ${i} is out of range for a last dimension of ${d}`);
    }
    const rows = d === 0 ? 0 : x.size / d;
    const k = indices.length;
    const src = x.data as ArrayLike<unknown>;
    const out = allocateData(x.type, rows * k) as unknown as { [i: number]: unknown };
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < k; j++) out[r * k + j] = src[r * d + indices[j]];
    }
    const dims = x.dims.length === 1 ? [1, k] : [...x.dims.slice(0, -1), k];
    return [new Tensor(x.type, out as never, dims)];
  }, ML_DOMAIN),
];
