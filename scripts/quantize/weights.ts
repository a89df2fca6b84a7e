// The two weight quantizations transformers.js's files use, written once for the generators
// (scripts/make-transformers-models.ts, scripts/make-quantized-models.ts):
//   q8: onnxruntime's dynamic quantization: weights with one scale per tensor, activations
//       quantized to uint8 at run time by DynamicQuantizeLinear, then MatMulInteger or
//       ConvInteger. The weights are int8 with a symmetric scale, or, in a model with a Conv,
//       uint8 with a zero point (transformers.js's choice: onnxruntime-web has no ConvInteger
//       for int8 weights).
//   q4: MatMulNBits: blocks of `block` values along K, 4 bits each, one scale per block and
//       the default zero point 8.

/** A [K, N] float weight as int8 with one symmetric scale. */
export function quantizeQ8(w: Float32Array): { values: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max / 127 || 1;
  return { values: Int8Array.from(w, (v) => Math.round(v / scale)), scale };
}

/**
 * A float weight as uint8 with one asymmetric scale and zero point over [min(w, 0), max(w, 0)],
 * as onnxruntime's quantize_dynamic does for QUInt8 weights.
 */
export function quantizeQU8(w: Float32Array): { values: Uint8Array; scale: number; zeroPoint: number } {
  let lo = 0, hi = 0;
  for (let i = 0; i < w.length; i++) {
    lo = Math.min(lo, w[i]);
    hi = Math.max(hi, w[i]);
  }
  const scale = (hi - lo) / 255 || 1;
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-lo / scale)));
  return { values: Uint8Array.from(w, (v) => Math.min(255, Math.max(0, Math.round(v / scale) + zeroPoint))), scale, zeroPoint };
}

/** A [K, N] float weight as MatMulNBits's B ([N, K / block, block / 2] nibbles) and scales ([N * K / block]). */
export function quantizeQ4(w: Float32Array, K: number, N: number, block: number): { packed: Uint8Array; scales: Float32Array } {
  if (K % block) throw new Error(`quantizeQ4: K = ${K} is not a multiple of the block size ${block}`);
  const blocks = K / block;
  const packed = new Uint8Array(N * blocks * (block / 2));
  const scales = new Float32Array(N * blocks);
  for (let n = 0; n < N; n++) {
    for (let b = 0; b < blocks; b++) {
      let max = 0;
      for (let k = 0; k < block; k++) max = Math.max(max, Math.abs(w[(b * block + k) * N + n]));
      const scale = max / 7 || 1;
      scales[n * blocks + b] = scale;
      for (let k = 0; k < block; k++) {
        const q = Math.min(15, Math.max(0, Math.round(w[(b * block + k) * N + n] / scale) + 8));
        packed[(n * blocks + b) * (block / 2) + (k >> 1)] |= q << ((k & 1) * 4);
      }
    }
  }
  return { packed, scales };
}
