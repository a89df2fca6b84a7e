// One reduction over a tensor of any numeric type: plan the strides, run the accumulation,
// finish each output, and store the results in the input's element type.
import { type DataType, allocateData, isBigIntType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { reducedDims } from '../helpers/reduce-axes.js';
import { type ReducePlan, planReduction, reduceWithPlan } from '../helpers/reduce-plan.js';
import { computeView, fromCompute } from '../helpers/values.js';
import { type Accumulation, BIGINT_KERNELS, NUMBER_KERNELS, WRAPPING_KERNELS } from './run-kernels.js';

export interface ReduceSpec {
  accumulation: Accumulation;
  /** Per-output map from the accumulated value (and the count reduced) to the result. */
  finish?: (acc: number, count: number) => number;
  /** 64-bit integers stay exact (no float64 detour) for these; `mean` divides, truncating. */
  exactBigint?: 'plain' | 'mean';
  /** log(Σ exp(x)), computed with the max subtracted first so large inputs don't overflow. */
  logSumExp?: boolean;
}

const INT_RANGE: Partial<Record<DataType, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295], bool: [0, 1],
};
const INT64_RANGE = { int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n] } as const;

const ACC_INIT: Record<Accumulation, number> = {
  sum: 0, sumAbs: 0, sumSquare: 0, sumExp: 0, prod: 1, max: -Infinity, min: Infinity,
};

/** Reuses the plan while the input shape stays the same (the usual case across runs). */
export class PlanCache {
  private key = '';
  private plan: ReducePlan | undefined;

  get(dims: readonly number[], axes: readonly number[]): ReducePlan {
    const key = `${dims.join(',')}|${axes.join(',')}`;
    if (!this.plan || key !== this.key) {
      this.plan = planReduction(dims, axes);
      this.key = key;
    }
    return this.plan;
  }
}

function numbersOfTensor(x: Tensor): ArrayLike<number> {
  const v = computeView(x);
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float64Array.from(v, Number);
  return v as ArrayLike<number>;
}

/** Float64 results in `type`; integer types truncate, and ±inf/NaN (empty sets, logs) saturate. */
function numbersToTensor(type: DataType, values: Float64Array, dims: readonly number[]): Tensor {
  if (type === 'float64') return new Tensor(type, values, dims);
  if (type === 'float32') return new Tensor(type, Float32Array.from(values), dims);
  if (isBigIntType(type)) {
    const [lo, hi] = INT64_RANGE[type];
    const out = allocateData(type, values.length) as BigInt64Array;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : v > 0 ? hi : v < 0 ? lo : 0n;
    }
    return new Tensor(type, out, dims);
  }
  const range = INT_RANGE[type];
  if (range) {
    const out = allocateData(type, values.length) as Int32Array;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = Number.isFinite(v) ? v : v > 0 ? range[1] : v < 0 ? range[0] : 0;
    }
    return new Tensor(type, out, dims);
  }
  return fromCompute(type, values, dims);
}

function reduceBigint(x: Tensor, plan: ReducePlan, spec: ReduceSpec, dims: readonly number[]): Tensor {
  const type = x.type as 'int64' | 'uint64';
  const acc = spec.accumulation;
  const [lo, hi] = INT64_RANGE[type];
  const init = acc === 'prod' ? 1n : acc === 'max' ? lo : acc === 'min' ? hi : 0n;
  const out = allocateData(type, plan.outSize) as BigInt64Array;
  reduceWithPlan(x.data as BigInt64Array, plan, BIGINT_KERNELS[acc]!, init, out);
  if (spec.exactBigint === 'mean' && plan.count > 0) {
    const n = BigInt(plan.count);
    for (let i = 0; i < out.length; i++) out[i] /= n;
  }
  return new Tensor(type, out, dims);
}

/** Reduces `x` over normalized, sorted `axes`. */
export function reduceTensor(x: Tensor, axes: readonly number[], keepdims: boolean, spec: ReduceSpec, cache?: PlanCache): Tensor {
  if (x.type === 'string' || x.type.startsWith('complex')) {
    throw new InvalidInputError(`expected a numeric tensor to reduce, got ${x.type}`);
  }
  const dims = reducedDims(x.dims, axes, keepdims);
  const plan = cache ? cache.get(x.dims, axes) : planReduction(x.dims, axes);
  if (isBigIntType(x.type) && spec.exactBigint) return reduceBigint(x, plan, spec, dims);

  const values = numbersOfTensor(x);
  const out = new Float64Array(plan.outSize);
  if (spec.logSumExp) {
    const max = new Float64Array(plan.outSize);
    reduceWithPlan(values, plan, NUMBER_KERNELS.max, -Infinity, max);
    for (let o = 0; o < max.length; o++) if (!Number.isFinite(max[o])) max[o] = 0;
    reduceWithPlan(values, plan, NUMBER_KERNELS.sumExp, 0, out, max);
    for (let o = 0; o < out.length; o++) out[o] = Math.log(out[o]) + max[o];
  } else {
    const acc = spec.accumulation, finish = spec.finish;
    const wraps = !finish && (acc === 'prod' || acc === 'sumSquare') && INT_RANGE[x.type] !== undefined && x.type !== 'bool';
    reduceWithPlan(values, plan, wraps ? WRAPPING_KERNELS[acc as 'prod' | 'sumSquare'] : NUMBER_KERNELS[acc], ACC_INIT[acc], out);
    if (finish) for (let o = 0; o < out.length; o++) out[o] = finish(out[o], plan.count);
  }
  return numbersToTensor(x.type, out, dims);
}
