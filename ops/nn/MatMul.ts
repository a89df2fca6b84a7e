import type { RuntimeContext } from '../types.js';
import type { Activation } from '../../data/activation.js';
import { outputArray } from '../helpers/output-data.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { broadcastIndex, broadcastShapes, sameDims, sizeOf } from '../helpers/shape.js';
import { computeView, fromCompute, tensorInput } from '../helpers/values.js';
import { gemmForType } from './conv-gemm-dispatch.js';

/**
 * numpy.matmul: 1-D operands are promoted to a row (A) or column (B) vector and the added
 * axis removed from the result; leading axes are batch axes and broadcast.
 */
export function runMatMul(a: Tensor, b: Tensor, activation?: Activation, rt?: RuntimeContext): Tensor {
  if (a.dims.length === 0 || b.dims.length === 0) throw new InvalidInputError(`MatMul: inputs must have rank >= 1, got shapes [${a.dims}] and [${b.dims}]`);
  if (a.type !== b.type) throw new InvalidInputError(`MatMul: A and B must have the same type, got ${a.type} and ${b.type}`);
  const gemm = gemmForType('MatMul', a.type);
  const aDims = a.dims.length === 1 ? [1, a.dims[0]] : [...a.dims];
  const bDims = b.dims.length === 1 ? [b.dims[0], 1] : [...b.dims];
  const [m, k] = aDims.slice(-2), [kb, n] = bDims.slice(-2);
  if (k !== kb) throw new InvalidInputError(`MatMul: A's last axis (${k}) must match B's second-to-last (${kb}); shapes [${a.dims}] and [${b.dims}]`);
  const aBatch = aDims.slice(0, -2), bBatch = bDims.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch);
  const count = sizeOf(batch);
  const outDims = [...batch, ...(a.dims.length === 1 ? [] : [m]), ...(b.dims.length === 1 ? [] : [n])];
  const av = computeView(a), bv = computeView(b);
  const y = outputArray(rt, 0, a.type, count * m * n);
  if (sizeOf(bBatch) === 1 && sameDims(aBatch.length === batch.length ? aBatch : [...new Array(batch.length - aBatch.length).fill(1), ...aBatch], batch)) {
    // B is one matrix shared by every batch: stack A's batches into one tall GEMM
    gemm({ m: count * m, n, k, a: av, b: bv, c: y, activation });
  } else {
    const ai = broadcastIndex(batch, aBatch), bi = broadcastIndex(batch, bBatch);
    for (let i = 0; i < count; i++) {
      gemm({ m, n, k, a: av, aOffset: ai[i] * m * k, b: bv, bOffset: bi[i] * k * n, c: y, cOffset: i * m * n, activation });
    }
  }
  return fromCompute(a.type, y, outDims);
}

// MatMul-9 added the integer types, 13 bfloat16.
export const MatMul = defineOpVersions('MatMul', [1, 9, 13], () => (inputs, rt) => [
  runMatMul(tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B'), undefined, rt),
]);
