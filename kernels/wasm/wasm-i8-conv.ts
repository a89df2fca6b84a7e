// 2D ConvInteger (NCHW, 8-bit x and w) on the wasm kernels, exact int32: a depthwise kernel
// where every group is one input channel (assembly/int8-depthwise.ts), and otherwise one int8
// GEMM per image and group, W_g - w_zp (M x K, packed once) times the patches of x - x_zp
// (K x N) written by the int8 im2col straight into the GEMM's B layout; a 1x1, stride-1,
// unpadded kernel packs x itself, each channel plane as one row. QLinearConv requantizes the
// sums per output channel (assembly/int8-requantize.ts).
import { requantizeExports } from './wasm-i8-requantize.js';
import { type Int8Data, i8GemmPacked, outputI32, packI8AFrom, readBytes, readI32 } from './wasm-i8-gemm.js';
import type { WasmConv2dShape } from './wasm-f32-conv.js';
import { type WasmFrame, withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';
import type { PackedWeights } from './packed-weights.js';

interface WasmI8ConvExports {
  i8_im2col_pack_b(
    x: number, signed: number, zp: number, channels: number, h: number, w: number, kh: number, kw: number, padT: number, padL: number,
    sh: number, sw: number, dh: number, dw: number, oh: number, ow: number, dst: number, scratch: number,
  ): void;
  i8_im2col_scratch_size(n: number): number;
  i8_depthwise(
    x: number, signed: number, zp: number, wts: number, y: number, channels: number, mult: number, h: number, w: number, kh: number, kw: number,
    padT: number, padL: number, sh: number, sw: number, dh: number, dw: number, oh: number, ow: number, scratch: number,
  ): void;
  i8_depthwise_scratch_size(oh: number, ow: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number): number;
}

function conv(w: WasmKernels): WasmI8ConvExports {
  return w.exports as unknown as WasmI8ConvExports;
}

/** Every group is one input channel: the depthwise kernel's case, whatever the window. */
export function isI8Depthwise(s: WasmConv2dShape): boolean {
  return s.group === s.inChannels && s.group > 1;
}

function isPointwise(s: WasmConv2dShape): boolean {
  return s.kh === 1 && s.kw === 1 && s.strideH === 1 && s.strideW === 1 && s.padTop === 0 && s.padLeft === 0
    && s.oh === s.h && s.ow === s.w;
}

/** The zero points of output channels [from, from + count): one value stays one value. */
function channelZeros(zp: ArrayLike<number> | undefined, from: number, count: number): ArrayLike<number> | undefined {
  if (!zp || zp.length <= 1) return zp;
  return Array.from({ length: count }, (_, i) => zp[from + i]);
}

/**
 * The weights as the kernels take them, in heap blocks the caller owns: int16 (w - w_zp) per
 * output channel and tap for the depthwise kernel, else one packed A per group.
 */
export function prepareI8ConvWeights(
  w: WasmKernels, s: WasmConv2dShape, weights: Int8Data, signed: boolean, zp: ArrayLike<number> | undefined,
): number[] {
  const m = s.outChannels / s.group, k = (s.inChannels / s.group) * s.kh * s.kw;
  if (isI8Depthwise(s)) {
    const p = w.heap.alloc(s.outChannels * k * 2);
    const out = new Int16Array(w.memory.buffer, p, s.outChannels * k);
    for (let oc = 0; oc < s.outChannels; oc++) {
      const z = !zp || zp.length === 0 ? 0 : zp[zp.length === 1 ? 0 : oc];
      for (let t = 0; t < k; t++) out[oc * k + t] = weights[oc * k + t] - z;
    }
    return [p];
  }
  const out: number[] = [];
  for (let g = 0; g < s.group; g++) out.push(packI8AFrom(w, weights.subarray(g * m * k), signed, channelZeros(zp, g * m, m), m, k));
  return out;
}

export interface WasmConvIntegerArgs extends WasmConv2dShape {
  x: Int8Data;
  xSigned: boolean;
  xZero: number;
  weights: Int8Data;
  wSigned: boolean;
  /** One value, or one per output channel. */
  wZero?: ArrayLike<number>;
  /** Reuses prepared weights across runs while `weights` is the same array (constant weights and zero point). */
  cache?: PackedWeights;
  /** Where Y goes (the node's planned output); a new array if absent. */
  out?: Int32Array;
}

/** conv(x - x_zp, w - w_zp) as int32 [batch, outChannels, oh, ow]. */
export function wasmConvInteger(w: WasmKernels, a: WasmConvIntegerArgs): Int32Array {
  const ySize = a.batch * a.outChannels * a.oh * a.ow;
  return withFrame(w.heap, (f) => {
    const y = outputI32(f, a.out, ySize);
    convIntegerInto(w, f, a, y);
    return readI32(w, y, ySize, a.out);
  });
}

/** The int32 convolution into linear memory at y. */
function convIntegerInto(w: WasmKernels, f: WasmFrame, a: WasmConvIntegerArgs, y: number): void {
  const prepare = () => prepareI8ConvWeights(w, a, a.weights, a.wSigned, a.wZero);
  const wts = a.cache ? a.cache.get(a.weights, prepare) : adopted(f, prepare());
  const x = readBytes(f, a.x.subarray(0, a.batch * a.inChannels * a.h * a.w));
  if (isI8Depthwise(a)) depthwise(w, f, a, x, wts[0], y);
  else convByGemm(w, f, a, x, wts, y);
}

/** Largest depth (input channels per group times window) whose int32 sums cannot wrap: 255 * 255 per product. */
export const I8_CONV_EXACT_DEPTH = Math.floor((2 ** 31 - 1) / (255 * 255));

export interface WasmQLinearConvArgs extends WasmConvIntegerArgs {
  /** int32 per output channel, added to the sums. */
  bias?: Int32Array;
  /** x_scale * w_scale / y_scale per output channel (or one), as the reference rounds it. */
  scales: ArrayLike<number>;
  yZero: number;
  ySigned: boolean;
  /** Where Y goes; a new array if absent. */
  outBytes?: Int8Data;
}

/**
 * QLinearConv: the int32 convolution (plus bias) requantized per output channel,
 * saturate(round_half_even(acc * scale) + y_zp), in float64 as the reference computes it.
 * Exact only while the sums cannot wrap (depth <= I8_CONV_EXACT_DEPTH), which the caller checks.
 */
export function wasmQLinearConv(w: WasmKernels, a: WasmQLinearConvArgs): Int8Data {
  const plane = a.oh * a.ow, ySize = a.batch * a.outChannels * plane;
  return withFrame(w.heap, (f) => {
    const acc = f.alloc(ySize * 4);
    convIntegerInto(w, f, a, acc);
    const bias = f.alloc(a.outChannels * 8), scales = f.alloc(a.outChannels * 8);
    const biasView = new Float64Array(w.memory.buffer, bias, a.outChannels), scaleView = new Float64Array(w.memory.buffer, scales, a.outChannels);
    for (let c = 0; c < a.outChannels; c++) {
      biasView[c] = a.bias ? a.bias[c] : 0;
      scaleView[c] = a.scales[a.scales.length === 1 ? 0 : c];
    }
    const resident = a.outBytes && a.outBytes.length >= ySize ? f.heap.pointerOf(a.outBytes as unknown as Float32Array) : undefined;
    const y = resident ?? f.alloc(ySize);
    for (let b = 0; b < a.batch; b++) {
      const at = b * a.outChannels * plane;
      requantizeExports(w).i8_requantize(acc + at * 4, bias, scales, a.outChannels, plane, a.yZero, a.ySigned ? 1 : 0, y + at);
    }
    if (resident !== undefined) return a.outBytes!;
    const from = new Uint8Array(w.memory.buffer, y, ySize);
    const out = a.outBytes ?? (a.ySigned ? new Int8Array(ySize) : new Uint8Array(ySize));
    new Uint8Array(out.buffer, out.byteOffset, ySize).set(from);
    return out;
  });
}

function adopted(f: WasmFrame, ptrs: number[]): number[] {
  for (const p of ptrs) f.adopt(p);
  return ptrs;
}

function depthwise(w: WasmKernels, f: WasmFrame, s: WasmConvIntegerArgs, x: number, wts: number, y: number): void {
  const k = conv(w);
  const scratch = f.alloc(k.i8_depthwise_scratch_size(s.oh, s.ow, s.kh, s.kw, s.strideH, s.strideW, s.dilationH, s.dilationW));
  const mult = s.outChannels / s.inChannels;
  for (let b = 0; b < s.batch; b++) {
    k.i8_depthwise(
      x + b * s.inChannels * s.h * s.w, s.xSigned ? 1 : 0, s.xZero, wts, y + b * s.outChannels * s.oh * s.ow * 4, s.inChannels, mult,
      s.h, s.w, s.kh, s.kw, s.padTop, s.padLeft, s.strideH, s.strideW, s.dilationH, s.dilationW, s.oh, s.ow, scratch,
    );
  }
}

/**
 * Bytes of packed patches to aim for per GEMM: im2col writes its B with strided stores, which
 * stay in L2 at this size (ResNet-50's 3x3 layers measured faster than with one B per image).
 */
export const I8_PATCH_BLOCK_BYTES = 1 << 18;

function convByGemm(w: WasmKernels, f: WasmFrame, s: WasmConvIntegerArgs, x: number, packedA: readonly number[], y: number): void {
  const k = conv(w);
  const cin = s.inChannels / s.group, m = s.outChannels / s.group;
  const depth = cin * s.kh * s.kw, n = s.oh * s.ow, plane = s.h * s.w;
  const pointwise = isPointwise(s);
  // im2col goes by blocks of whole output rows, each block one GEMM over its columns
  const rowsPerBlock = pointwise ? s.oh : Math.max(1, Math.min(s.oh, Math.floor(I8_PATCH_BLOCK_BYTES / (2 * depth * s.ow))));
  const blockCols = rowsPerBlock * s.ow;
  const pb = f.alloc(w.exports.i8_gemm_packed_b_size(depth, blockCols) * 2);
  const scratch = f.alloc(k.i8_im2col_scratch_size(blockCols));
  const signed = s.xSigned ? 1 : 0;
  for (let b = 0; b < s.batch; b++) {
    for (let g = 0; g < s.group; g++) {
      const xg = x + (b * s.inChannels + g * cin) * plane;
      const yg = y + (b * s.outChannels + g * m) * n * 4;
      if (pointwise) {
        k.i8_im2col_pack_b(xg, signed, s.xZero, cin, 1, plane, 1, 1, 0, 0, 1, 1, 1, 1, 1, plane, pb, scratch);
        i8GemmPacked(w, m, n, depth, packedA[g], pb, yg, n);
        continue;
      }
      for (let oy0 = 0; oy0 < s.oh; oy0 += rowsPerBlock) {
        const rows = Math.min(rowsPerBlock, s.oh - oy0);
        // output rows [oy0, oy0 + rows) are a convolution whose top padding is oy0 strides less
        k.i8_im2col_pack_b(
          xg, signed, s.xZero, cin, s.h, s.w, s.kh, s.kw, s.padTop - oy0 * s.strideH, s.padLeft, s.strideH, s.strideW, s.dilationH, s.dilationW,
          rows, s.ow, pb, scratch,
        );
        i8GemmPacked(w, m, rows * s.ow, depth, packedA[g], pb, yg + oy0 * s.ow * 4, n);
      }
    }
  }
}
