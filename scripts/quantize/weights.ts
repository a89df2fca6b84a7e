// The two weight quantizations transformers.js's files use, written once for the generators
// (scripts/make-transformers-models.ts, scripts/make-quantized-models.ts):
//   q8: onnxruntime's dynamic quantization: int8 weights with one symmetric scale, activations
//       quantized to uint8 at run time by DynamicQuantizeLinear, then MatMulInteger.
//   q4: MatMulNBits: blocks of `block` values along K, 4 bits each, one scale per block and
//       the default zero point 8.

/** A [K, N] float weight as int8 with one symmetric scale. */
export function quantizeQ8(w: Float32Array): { values: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max / 127 || 1;
  return { values: Int8Array.from(w, (v) => Math.round(v / scale)), scale };
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
