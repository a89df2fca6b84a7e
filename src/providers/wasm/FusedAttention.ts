// FusedAttention on the SIMD GEMM: per (batch..., head) block, K and V are packed once and
// each band of query rows runs scale * Q K^T (+ mask, preloaded as C with beta = 1), the row
// Softmax and P V in linear memory. Packing buffers and the score band are allocated once per
// call, so memory stays at one band of scores however long the sequence.
import { sizeOf } from '../../../ops/helpers/shape.js';
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { attentionLayout, type AttentionLayout, queryRowsForMask } from '../../../ops/fused/attention-layout.js';
import { bandRows } from '../../../ops/fused/fused-attention.js';
import { FUSED_DOMAIN } from '../../../data/domains.js';
import { GEMM_MR, GEMM_NR, gemmPacked } from '../../../kernels/wasm/wasm-f32-gemm.js';
import { withFrame } from '../../../kernels/wasm/wasm-heap.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isNonEmptyF32, lazyReference } from './op-support.js';

interface AttentionInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  mask?: Float32Array;
  scale: number;
  kTransposed: boolean;
}

/** Writes the mask rows r0..r0+rows of block `t`, broadcast to rows x kvLen floats, at float index `at` of `heap`. */
function writeMaskRows(heap: Float32Array<ArrayBufferLike>, at: number, mask: Float32Array, L: AttentionLayout, t: number, r0: number, rows: number): void {
  const m = L.mask!, kvLen = L.kvLen;
  const base = m.index[t] * m.rows * m.cols;
  for (let i = 0; i < rows; i++) {
    const src = base + (m.rows === 1 ? 0 : (r0 + i) * m.cols), dst = at + i * kvLen;
    if (m.cols === 1) heap.fill(mask[src], dst, dst + kvLen);
    else heap.set(mask.subarray(src, src + kvLen), dst);
  }
}

function attentionF32(w: WasmKernels, L: AttentionLayout, x: AttentionInputs, out?: Float32Array): Float32Array {
  const { qLen, kvLen, headSize: d, vSize: dv } = L;
  const band = bandRows(qLen, kvLen);
  const e = w.exports;
  return withFrame(w.heap, (f) => {
    const q = f.readF32(x.q), k = f.readF32(x.k), v = f.readF32(x.v);
    const y = f.outputF32(out, L.blocks * qLen * dv);
    const scores = f.alloc(band * kvLen * 4);
    const packedQ = f.alloc(e.gemm_packed_a_size(band, d) * 4);
    const packedK = f.alloc(e.gemm_packed_b_size(d, kvLen) * 4);
    const packedP = f.alloc(e.gemm_packed_a_size(band, kvLen) * 4);
    const packedV = f.alloc(e.gemm_packed_b_size(kvLen, dv) * 4);
    const tile = f.alloc(GEMM_MR * GEMM_NR * 4);
    // consecutive blocks often share K and V (heads broadcast over one K): pack only on change
    let kHeld = -1, vHeld = -1;
    for (let t = 0; t < L.blocks; t++) {
      if (L.kIndex[t] !== kHeld) {
        kHeld = L.kIndex[t];
        e.gemm_pack_b(k + kHeld * d * kvLen * 4, x.kTransposed ? kvLen : d, x.kTransposed ? 0 : 1, d, kvLen, packedK);
      }
      if (L.vIndex[t] !== vHeld) {
        vHeld = L.vIndex[t];
        e.gemm_pack_b(v + vHeld * kvLen * dv * 4, dv, 0, kvLen, dv, packedV);
      }
      for (let r0 = 0; r0 < qLen; r0 += band) {
        const rows = Math.min(band, qLen - r0);
        e.gemm_pack_a(q + (L.qIndex[t] * qLen + r0) * d * 4, d, 0, rows, d, x.scale, packedQ);
        if (x.mask) writeMaskRows(w.heap.f32, scores >>> 2, x.mask, L, t, r0, rows);
        gemmPacked(w, rows, kvLen, d, packedQ, packedK, scores, kvLen, tile, { beta: x.mask ? 1 : 0 });
        e.softmax_rows(scores, scores, rows, kvLen);
        e.gemm_pack_a(scores, kvLen, 0, rows, kvLen, 1, packedP);
        gemmPacked(w, rows, dv, kvLen, packedP, packedV, y + (t * qLen + r0) * dv * 4, dv, tile);
      }
    }
    return w.heap.readF32(y, L.blocks * qLen * dv, out);
  });
}

export const FusedAttention = defineWasmOp('FusedAttention', (ctx, w) => {
  const scale = ctx.attrs.float('scale', 1);
  const kTransposed = ctx.attrs.int('k_transposed', 0) !== 0;
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const [q, k, v, mask] = inputs;
    const hasMask = mask !== undefined && mask !== null;
    if (!isNonEmptyF32(q) || !isNonEmptyF32(k) || !isNonEmptyF32(v) || (hasMask && !isNonEmptyF32(mask))) return fallback(inputs, rt);
    const query = queryRowsForMask(q, hasMask ? mask as Tensor : undefined);
    const L = attentionLayout(query, k, v, hasMask ? mask as Tensor : undefined, kTransposed);
    const y = attentionF32(w, L, { q: query.data as Float32Array, k: k.data, v: v.data, mask: hasMask ? (mask as Tensor).data as Float32Array : undefined, scale, kTransposed }, outputF32(rt, 0, sizeOf(L.outDims)));
    return [new Tensor('float32', y, L.outDims)];
  };
}, { domain: FUSED_DOMAIN });
