// MatMul (numpy semantics) and FusedMatMul (+ bias along the last axis, + activation) for
// float32. A constant 2-D B (the common weight case) is packed once and the batch of A is
// folded into the GEMM's rows; broadcast batches run one GEMM per output matrix.
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { readActivation } from '../../../ops/fused/activation.js';
import { FUSED_DOMAIN } from '../../../data/domains.js';
import { broadcastShapes, sizeOf } from '../../../ops/helpers/shape.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { PackedWeights } from '../../../kernels/wasm/packed-weights.js';
import { type WasmActivation, wasmActivation } from '../../../kernels/wasm/wasm-activation.js';
import { prepackGemmB, wasmGemmF32 } from '../../../kernels/wasm/wasm-f32-gemm.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isF32, isNonEmptyF32, lazyReference, isInitializer } from './op-support.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';

/** Offsets of each output batch's A and B matrices under numpy broadcasting of the batch dims. */
function batchOffsets(outBatch: number[], aBatch: readonly number[], bBatch: readonly number[]): [number[], number[]] {
  const rank = outBatch.length;
  const pad = (d: readonly number[]) => [...new Array<number>(rank - d.length).fill(1), ...d];
  const ad = pad(aBatch), bd = pad(bBatch);
  const total = sizeOf(outBatch);
  const ao: number[] = [], bo: number[] = [];
  const idx = new Array<number>(rank).fill(0);
  for (let t = 0; t < total; t++) {
    let ai = 0, bi = 0;
    for (let i = 0; i < rank; i++) {
      ai = ai * ad[i] + (ad[i] === 1 ? 0 : idx[i]);
      bi = bi * bd[i] + (bd[i] === 1 ? 0 : idx[i]);
    }
    ao.push(ai); bo.push(bi);
    for (let i = rank - 1; i >= 0; i--) { if (++idx[i] < outBatch[i]) break; idx[i] = 0; }
  }
  return [ao, bo];
}

function createMatMul(ctx: OpContext, w: WasmKernels, activation: WasmActivation | undefined, withBias: boolean): KernelFn {
  const fallback = lazyReference(ctx);
  // packed B is reused across runs only for an initializer: a feed may change in place
  const bCache = isInitializer(ctx, 1) ? new PackedWeights(w) : undefined;
  const constB = constantInput(ctx, 1);
  // the tall-GEMM path (one B for every batch of A) is the one that reuses packed B
  if (bCache && isNonEmptyF32(constB) && constB.dims.length === 2) prepackGemmB(w, bCache, constB.data, false, constB.dims[0], constB.dims[1]);
  const kernel: KernelFn = (inputs, rt) => {
    const [a, b, biasT] = inputs;
    if (!isNonEmptyF32(a) || !isNonEmptyF32(b)) return fallback(inputs, rt);
    // 1-D operands are promoted to matrices and the added axis dropped from the result
    const aDims = a.dims.length === 1 ? [1, a.dims[0]] : a.dims;
    const bDims = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
    const m = aDims[aDims.length - 2], k = aDims[aDims.length - 1];
    const n = bDims[bDims.length - 1];
    if (bDims[bDims.length - 2] !== k) return fallback(inputs, rt);
    let bias: { values: Float32Array; along: 'cols' } | undefined;
    if (withBias && biasT !== undefined) {
      // only a bias along the last axis fits the epilogue
      if (!isF32(biasT) || biasT.size !== n || biasT.dims.length === 0 || biasT.dims[biasT.dims.length - 1] !== n || b.dims.length === 1) {
        return fallback(inputs, rt);
      }
      bias = { values: biasT.data, along: 'cols' };
    }
    const aBatch = aDims.slice(0, -2), bBatch = bDims.slice(0, -2);
    let outBatch: number[];
    try {
      outBatch = broadcastShapes(aBatch, bBatch);
    } catch {
      return fallback(inputs, rt);
    }
    const outDims = [...outBatch, m, n];
    if (a.dims.length === 1) outDims.splice(outDims.length - 2, 1);
    if (b.dims.length === 1) outDims.splice(outDims.length - 1, 1);
    if (withBias && isF32(biasT) && biasT.dims.length > outDims.length) return fallback(inputs, rt);
    let y: Float32Array;
    if (sizeOf(bBatch) === 1) {
      // every batch of A against the same B: one tall GEMM
      const rows = sizeOf(aBatch) * m;
      y = wasmGemmF32(w, { m: rows, n, k, a: a.data, b: b.data, bCache, bias, activation, out: outputF32(rt, 0, rows * n) });
    } else {
      const [ao, bo] = batchOffsets(outBatch, aBatch, bBatch);
      y = outputF32(rt, 0, ao.length * m * n);
      for (let t = 0; t < ao.length; t++) {
        wasmGemmF32(w, {
          m, n, k, a: a.data.subarray(ao[t] * m * k), b: b.data.subarray(bo[t] * k * n), bias, activation,
          out: y.subarray(t * m * n, (t + 1) * m * n),
        });
      }
    }
    return [new Tensor('float32', y, outDims)];
  };
  kernel.dispose = () => bCache?.free();
  return kernel;
}

export const MatMul = defineWasmOp('MatMul', (ctx, w) => createMatMul(ctx, w, undefined, false));

export const FusedMatMul = defineWasmOp(
  'FusedMatMul', (ctx, w) => createMatMul(ctx, w, wasmActivation(readActivation(ctx.attrs)), true), { domain: FUSED_DOMAIN },
);
