import type { NumberArray } from '../../data/number-array.js';
import { outputArray } from '../helpers/output-data.js';
import { Tensor } from '../../data/tensor.js';
import { defineOpVersions } from '../define.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { stridesOf } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import { PoolPlanner, poolInput, readPoolOptions } from './pool-options.js';
import type { PoolPlan } from './pool-plan.js';
import { FLOAT_POOL_TYPES, poolValues } from './pool-types.js';

// MaxPool-8 added storage_order and the Indices output, 10 ceil_mode and dilations, 12 int8/uint8.
export const MaxPool = defineOpVersions('MaxPool', [1, 8, 10, 11, 12, 22], (ctx) => {
  const options = readPoolOptions(ctx);
  const storageOrder = ctx.attrs.int('storage_order', 0);
  if (storageOrder !== 0 && storageOrder !== 1) throw ctx.attrs.error(`storage_order must be 0 (row major) or 1 (column major), got ${storageOrder}`, 'storage_order');
  const planner = new PoolPlanner(options);
  const wantIndices = outputRequested(ctx.node, 1);
  return (inputs, rt) => {
    const x = tensorInput(inputs, 0, 'X');
    const src = poolValues('MaxPool', x, [...FLOAT_POOL_TYPES, 'int8', 'uint8']);
    const { batch, channels, inShape } = poolInput('MaxPool', x);
    const { geometry, plan } = planner.plan(inShape);
    const planes = batch * channels;
    const y = outputArray(rt, 0, x.type, planes * plan.outSize) as NumberArray;
    const indices = wantIndices ? new BigInt64Array(planes * plan.outSize) : undefined;
    const toStorage = storageOrder === 1 ? columnMajorOffsets(inShape) : undefined;
    for (let p = 0; p < planes; p++) maxPlane(src, p * plan.inSize, y, p * plan.outSize, plan, indices, toStorage);
    const dims = [batch, channels, ...geometry.outShape];
    const out = fromCompute(x.type, y, dims);
    return indices ? [out, new Tensor('int64', indices, dims)] : [out];
  };
});

function maxPlane(
  src: NumberArray, xo: number, y: NumberArray, yo: number, plan: PoolPlan,
  indices: BigInt64Array | undefined, toStorage: ((rowMajor: number) => number) | undefined,
): void {
  const { tapStart, taps } = plan;
  for (let o = 0; o < plan.outSize; o++) {
    const end = tapStart[o + 1];
    let best = -Infinity, arg = -1;
    // NaNs never win; a window of only NaNs yields NaN
    for (let t = tapStart[o]; t < end; t++) {
      const v = src[xo + taps[t]];
      if (v > best || arg < 0 || (best !== best && v === v)) {
        best = v;
        arg = taps[t];
      }
    }
    y[yo + o] = best;
    if (indices && arg >= 0) indices[yo + o] = BigInt(xo + (toStorage ? toStorage(arg) : arg));
  }
}

/** Maps a row-major offset within a plane to the offset of the same cell in column-major order. */
function columnMajorOffsets(inShape: readonly number[]): (rowMajor: number) => number {
  const rowStrides = stridesOf(inShape);
  const colStrides = stridesOf([...inShape].reverse()).reverse();
  return (rowMajor) => {
    let off = 0;
    for (let d = 0; d < inShape.length; d++) {
      off += Math.floor(rowMajor / rowStrides[d]) % inShape[d] * colStrides[d];
    }
    return off;
  };
}
