// The negative log likelihood loss shared by NegativeLogLikelihoodLoss and
// SoftmaxCrossEntropyLoss (which applies it to the log-softmax of its scores).
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import type { AttributeReader } from '../attributes.js';

export type LossReduction = 'none' | 'sum' | 'mean';

export function readReduction(attrs: AttributeReader): LossReduction {
  const r = attrs.string('reduction', 'mean');
  if (r !== 'none' && r !== 'sum' && r !== 'mean') {
    throw attrs.error(`reduction must be 'none', 'sum' or 'mean', got '${r}'`, 'reduction');
  }
  return r;
}

/**
 * loss[n, d...] = -logProb[n, target[n, d...], d...] * weight[target], 0 where the target is
 * `ignoreIndex`. `mean` divides the sum by the sum of the weights applied (the count of
 * non-ignored targets without weights).
 */
export function nllLoss(
  logProb: ArrayLike<number>, dims: readonly number[], target: Tensor, weight: Tensor | undefined,
  reduction: LossReduction, ignoreIndex: number | undefined, outType: DataType,
): Tensor {
  if (dims.length < 2) throw new InvalidInputError(`input must have shape [N, C, d1, ...], got [${dims}]`);
  const [n, c] = dims;
  const inner = dims.slice(2).reduce((p, d) => p * d, 1);
  const expected = [n, ...dims.slice(2)];
  if (target.dims.length !== expected.length || target.dims.some((d, i) => d !== expected[i])) {
    throw new InvalidInputError(`target must have shape [${expected}], got [${target.dims}]`);
  }
  if (target.type !== 'int32' && target.type !== 'int64') {
    throw new InvalidInputError(`target must be int32 or int64, got ${target.type}`);
  }
  const w = weight ? floatData(weight, 'weight') : undefined;
  if (w && weight!.size !== c) throw new InvalidInputError(`weight must have shape [${c}], got [${weight!.dims}]`);
  const labels = target.data as Int32Array | BigInt64Array;
  const loss = new Float64Array(n * inner);
  let weightSum = 0;
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < inner; j++) {
      const k = b * inner + j;
      const t = Number(labels[k]);
      if (t === ignoreIndex) continue;
      if (!(t >= 0 && t < c)) {
        throw new InvalidInputError(`target value ${t} is out of range [0, ${c})${ignoreIndex === undefined ? '' : ` and is not ignore_index ${ignoreIndex}`}`);
      }
      const wt = w ? w[t] : 1;
      loss[k] = -logProb[(b * c + t) * inner + j] * wt;
      weightSum += wt;
    }
  }
  if (reduction === 'none') return floatTensor(outType, loss, expected);
  let sum = 0;
  for (let i = 0; i < loss.length; i++) sum += loss[i];
  return floatTensor(outType, [reduction === 'sum' ? sum : sum / weightSum], []);
}
