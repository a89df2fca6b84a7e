import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { resolveIndices } from '../helpers/index-bounds.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { computeView, fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';

// Gather over a block-quantized tensor, dequantizing what it gathers: an embedding table kept
// in 4 or 8 bits. data is int4/uint4 (one value per element), or uint8 packing 8/bits values per
// byte along the last axis, low bits first, which must then be the quantize axis. Blocks of
// block_size run along quantize_axis; scales (float32 or float16, the output's type) and
// zero_points (data's type; for packed uint8, packed the same way) hold one value per block.
// Without zero points, uint8 values are centred on 2^(bits-1), int4/uint4 on 0.
export const GatherBlockQuantized = [
  defineOp('GatherBlockQuantized', 1, (ctx) => {
    const { attrs } = ctx;
    const gatherAxisAttr = attrs.int('gather_axis', 0);
    const quantizeAxisAttr = attrs.int('quantize_axis', 1);
    const blockSize = attrs.int('block_size', 128);
    const bits = attrs.int('bits', 4);
    if (blockSize < 16 || (blockSize & (blockSize - 1)) !== 0) {
      throw attrs.error(`block_size must be a power of two of at least 16, got ${blockSize}`, 'block_size');
    }
    if (bits !== 2 && bits !== 4 && bits !== 8) throw attrs.error(`bits must be 2, 4 or 8, got ${bits}`, 'bits');
    const op = 'GatherBlockQuantized';

    return (inputs) => {
      const data = tensorInput(inputs, 0, 'data');
      const indices = tensorInput(inputs, 1, 'indices');
      const scales = tensorInput(inputs, 2, 'scales');
      const zeroPoints = optionalTensorInput(inputs, 3);
      const packed = data.type === 'uint8';
      if (!packed && data.type !== 'int4' && data.type !== 'uint4') {
        throw new InvalidInputError(`${op}: data must be uint8, int4 or uint4, got ${data.type}`, 'data');
      }
      if (!packed && bits !== 4) throw new InvalidInputError(`${op}: ${data.type} data needs bits=4, got ${bits}`, 'data');
      if (scales.type !== 'float32' && scales.type !== 'float16') {
        throw new InvalidInputError(`${op}: scales must be float32 or float16, got ${scales.type}`, 'scales');
      }
      if (zeroPoints && zeroPoints.type !== data.type) {
        throw new InvalidInputError(`${op}: zero_points must have data's type ${data.type}, got ${zeroPoints.type}`, 'zero_points');
      }
      const rank = data.dims.length;
      if (rank === 0) throw new InvalidInputError(`${op}: data must have rank >= 1`, 'data');
      const gAxis = normalizeAxis(gatherAxisAttr, rank, 'gather_axis');
      const qAxis = normalizeAxis(quantizeAxisAttr, rank, 'quantize_axis');
      if (gAxis === qAxis) throw new InvalidInputError(`${op}: gather_axis and quantize_axis are both ${gAxis}`);
      const perByte = packed ? 8 / bits : 1;
      if (packed && qAxis !== rank - 1) {
        throw new InvalidInputError(`${op}: packed uint8 data must be quantized along its last axis, quantize_axis is ${qAxis}`);
      }
      // the logical shape: packed bytes stand for perByte values each along the last axis
      const dims = data.dims.map((d, i) => (i === rank - 1 ? d * perByte : d));
      const qLen = dims[qAxis], qInner = sizeOf(dims.slice(qAxis + 1));
      const qBlocks = Math.ceil(qLen / blockSize);
      const scaleDims = dims.map((d, i) => (i === qAxis ? qBlocks : d));
      if (scales.dims.length !== rank || scales.dims.some((d, i) => d !== scaleDims[i])) {
        throw new InvalidInputError(`${op}: scales of shape [${scales.dims}] do not fit data [${dims}] in blocks of ${blockSize} along axis ${qAxis} (expected [${scaleDims}])`, 'scales');
      }
      const zpRowBytes = Math.ceil(qBlocks / perByte);
      if (zeroPoints) {
        const zpDims = packed ? scaleDims.map((d, i) => (i === qAxis ? zpRowBytes : d)) : scaleDims;
        if (zeroPoints.dims.length !== rank || zeroPoints.dims.some((d, i) => d !== zpDims[i])) {
          throw new InvalidInputError(`${op}: zero_points of shape [${zeroPoints.dims}] should be [${zpDims}]`, 'zero_points');
        }
      }

      const gLen = dims[gAxis];
      const idx = resolveIndices(op, indices, gLen, `along gather_axis ${gAxis}`);
      const outer = sizeOf(dims.slice(0, gAxis)), inner = sizeOf(dims.slice(gAxis + 1));
      const outDims = [...dims.slice(0, gAxis), ...indices.dims, ...dims.slice(gAxis + 1)];
      const raw = data.data as Uint8Array | Int8Array;
      const zRaw = zeroPoints?.data as Uint8Array | Int8Array | undefined;
      const sv = computeView(scales) as Float32Array;
      const mask = (1 << bits) - 1;
      const valueAt = packed
        ? (i: number) => { const bit = i * bits; return (raw[bit >> 3] >> (bit & 7)) & mask; }
        : (i: number) => raw[i];
      const defaultZero = packed ? 1 << (bits - 1) : 0;
      // a packed row of zero points per run of blocks along the (last) quantize axis
      const zeroAt = !zRaw ? () => defaultZero
        : packed ? (s: number) => {
          const row = Math.floor(s / qBlocks), blk = s - row * qBlocks, bit = blk * bits;
          return (zRaw[row * zpRowBytes + (bit >> 3)] >> (bit & 7)) & mask;
        }
          : (s: number) => zRaw[s];
      const out = new Float32Array(sizeOf(outDims));
      const f = Math.fround;
      let o = 0;
      for (let x = 0; x < outer; x++) {
        for (let j = 0; j < idx.length; j++) {
          const start = (x * gLen + idx[j]) * inner;
          for (let i = 0; i < inner; i++) {
            const e = start + i;
            const y = Math.floor(e / qInner) % qLen, before = Math.floor(e / (qInner * qLen));
            const s = (before * qBlocks + Math.floor(y / blockSize)) * qInner + (e % qInner);
            out[o++] = f((valueAt(e) - zeroAt(s)) * sv[s]);
          }
        }
      }
      return [fromCompute(scales.type, out, outDims)];
    };
  }, MICROSOFT_DOMAIN),
];
