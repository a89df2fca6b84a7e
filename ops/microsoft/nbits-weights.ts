// MatMulNBits' weight format, unpacked to float32. B holds N rows of ceil(K / block_size)
// blocks, each block_size values of `bits` bits packed low bits first; each block has a scale
// and a zero point, so W[n, k] = (q - zero_point) * scale. Zero points are packed the same way,
// a row of bytes per n, or given as floats of the scales' type; absent, they sit mid-range
// (2^(bits-1)). g_idx, when given, names the block (scale and zero point) of each k instead of
// k / block_size, as GPTQ's act-order exports write it.
import type { Tensor } from '../../data/tensor.js';
import { computeView } from '../helpers/values.js';

export interface NBitsLayout {
  K: number;
  N: number;
  bits: number;
  blockSize: number;
  /** Blocks per row of B: ceil(K / block_size). */
  kBlocks: number;
  /** Bytes per block: block_size * bits / 8. */
  blobSize: number;
  /** Bytes of packed zero points per row: ceil(kBlocks * bits / 8). */
  zeroPointRowBytes: number;
}

export function nbitsLayout(K: number, N: number, bits: number, blockSize: number): NBitsLayout {
  const kBlocks = Math.ceil(K / blockSize);
  return { K, N, bits, blockSize, kBlocks, blobSize: (blockSize * bits) / 8, zeroPointRowBytes: Math.ceil((kBlocks * bits) / 8) };
}

export interface NBitsInputs {
  b: Tensor;
  scales: Tensor;
  zeroPoints?: Tensor;
  gIdx?: Tensor;
}

/** Builds the error for a bad input (InvalidModelError for initializers, InvalidInputError for feeds). */
export type InputFault = (message: string, input: string) => Error;

function checkInputs(l: NBitsLayout, w: NBitsInputs, fault: InputFault): void {
  const { N, K, kBlocks, blobSize } = l;
  if (w.b.type !== 'uint8') throw fault(`B must be uint8, got ${w.b.type}`, 'B');
  if (w.b.size !== N * kBlocks * blobSize) {
    throw fault(`B of shape [${w.b.dims}] does not hold N=${N} rows of ${kBlocks} blocks of ${blobSize} bytes (expected [${N},${kBlocks},${blobSize}])`, 'B');
  }
  if (w.scales.type !== 'float32' && w.scales.type !== 'float16') throw fault(`scales must be float32 or float16, got ${w.scales.type}`, 'scales');
  if (w.scales.size !== N * kBlocks) throw fault(`scales of shape [${w.scales.dims}] should hold ${N * kBlocks} values (N=${N} x ${kBlocks} blocks)`, 'scales');
  const zp = w.zeroPoints;
  if (zp) {
    if (zp.type === 'uint8') {
      if (zp.size !== N * l.zeroPointRowBytes) {
        throw fault(`packed zero_points of shape [${zp.dims}] should hold ${N * l.zeroPointRowBytes} bytes (N=${N} rows of ${l.zeroPointRowBytes})`, 'zero_points');
      }
    } else if (zp.type !== w.scales.type) {
      throw fault(`zero_points must be uint8 (packed) or ${w.scales.type} like the scales, got ${zp.type}`, 'zero_points');
    } else if (zp.size !== N * kBlocks) {
      throw fault(`zero_points of shape [${zp.dims}] should hold ${N * kBlocks} values like the scales`, 'zero_points');
    }
  }
  const g = w.gIdx;
  if (g) {
    if (g.type !== 'int32') throw fault(`g_idx must be int32, got ${g.type}`, 'g_idx');
    if (g.size !== K) throw fault(`g_idx of shape [${g.dims}] should hold K=${K} block indices`, 'g_idx');
    const gv = g.data as Int32Array;
    for (let k = 0; k < K; k++) {
      if (gv[k] < 0 || gv[k] >= kBlocks) throw fault(`g_idx[${k}] = ${gv[k]} is not a block index in [0, ${kBlocks})`, 'g_idx');
    }
  }
}

/** Zero point of every block, row-major [N, kBlocks], as numbers. */
function blockZeroPoints(l: NBitsLayout, zp: Tensor | undefined): ArrayLike<number> {
  const count = l.N * l.kBlocks;
  if (!zp) return new Float32Array(count).fill(2 ** (l.bits - 1));
  if (zp.type !== 'uint8') return computeView(zp) as Float32Array;
  const packed = zp.data as Uint8Array;
  const out = new Float32Array(count);
  const mask = (1 << l.bits) - 1;
  for (let n = 0; n < l.N; n++) {
    const row = n * l.zeroPointRowBytes;
    for (let blk = 0; blk < l.kBlocks; blk++) {
      const bit = blk * l.bits;
      out[n * l.kBlocks + blk] = (packed[row + (bit >> 3)] >> (bit & 7)) & mask;
    }
  }
  return out;
}

/** W as float32 [N, K], row n holding the K weights of output column n. */
export function dequantizeNBits(l: NBitsLayout, w: NBitsInputs, fault: InputFault): Float32Array {
  checkInputs(l, w, fault);
  const { N, K, bits, blockSize, kBlocks, blobSize } = l;
  const q = w.b.data as Uint8Array;
  const scales = computeView(w.scales) as Float32Array;
  const zeros = blockZeroPoints(l, w.zeroPoints);
  const gIdx = w.gIdx?.data as Int32Array | undefined;
  const mask = (1 << bits) - 1;
  const out = new Float32Array(N * K);
  for (let n = 0; n < N; n++) {
    const rowBytes = n * kBlocks * blobSize, rowParams = n * kBlocks, rowOut = n * K;
    for (let k = 0; k < K; k++) {
      const blk = gIdx ? gIdx[k] : (k / blockSize) | 0;
      const bit = k * bits; // blocks are contiguous, so k's bit offset in the row is k * bits
      const v = (q[rowBytes + (bit >> 3)] >> (bit & 7)) & mask;
      out[rowOut + k] = (v - zeros[rowParams + blk]) * scales[rowParams + blk];
    }
  }
  return out;
}
