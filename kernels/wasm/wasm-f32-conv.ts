// 2D convolution (NCHW) on the wasm kernels: a depthwise 3x3 kernel for MobileNet-style
// layers (split by channel planes across the workers, if any), and otherwise one packed GEMM per image and group: W_g (M x K) * patches (K x N),
// where the patches are the input itself for a 1x1/stride-1/unpadded kernel and im2col
// packed on the fly otherwise. The bias and activation ride on the GEMM's epilogue.
import type { WasmActivation } from './wasm-activation.js';
import { NO_ACTIVATION } from './wasm-activation.js';
import { GEMM_MR, GEMM_NR, gemmPacked, packA } from './wasm-f32-gemm.js';
import { type WasmFrame, withFrame } from './wasm-heap.js';
import type { WasmKernels } from './wasm-module.js';
import type { PackedWeights } from './packed-weights.js';
import { rangeCount } from './wasm-thread-protocol.js';

export interface WasmConv2dShape {
  batch: number;
  inChannels: number;
  outChannels: number;
  group: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

export function isDepthwise3x3(s: WasmConv2dShape): boolean {
  return s.group === s.inChannels && s.outChannels === s.inChannels && s.kh === 3 && s.kw === 3
    && s.dilationH === 1 && s.dilationW === 1 && s.strideH === s.strideW && (s.strideH === 1 || s.strideH === 2);
}

function isPointwise(s: WasmConv2dShape): boolean {
  return s.kh === 1 && s.kw === 1 && s.strideH === 1 && s.strideW === 1 && s.padTop === 0 && s.padLeft === 0
    && s.oh === s.h && s.ow === s.w;
}

/**
 * The weights as the kernels want them, in linear memory: the raw [C, 3, 3] filters for the
 * depthwise kernel, or one packed A per group for the GEMM path.
 */
export function prepareConvWeights(w: WasmKernels, s: WasmConv2dShape, weights: Float32Array): number[] {
  if (isDepthwise3x3(s)) return [w.heap.allocF32(weights.subarray(0, s.outChannels * 9))];
  const m = s.outChannels / s.group, k = (s.inChannels / s.group) * s.kh * s.kw;
  return withFrame(w.heap, (f) => {
    const raw = f.allocF32(weights.subarray(0, s.outChannels * k));
    const out: number[] = [];
    for (let g = 0; g < s.group; g++) out.push(packA(w, null, raw + g * m * k * 4, k, false, m, k));
    return out;
  });
}

export interface WasmConv2dArgs extends WasmConv2dShape {
  x: Float32Array;
  weights: Float32Array;
  /** Reuses packed weights across runs while `weights` is the same array. */
  cache?: PackedWeights;
  bias?: Float32Array;
  /** A residual added before the activation, shaped like Y (FusedConv's sum input). */
  sum?: Float32Array;
  activation?: WasmActivation;
  /** Where Y goes (the node's planned output); a new array if absent. */
  out?: Float32Array;
}

/** Runs the convolution, returning Y as [batch, outChannels, oh, ow]. */
export function wasmConv2dF32(w: WasmKernels, a: WasmConv2dArgs): Float32Array {
  const ySize = a.batch * a.outChannels * a.oh * a.ow;
  return withFrame(w.heap, (f) => {
    const x = f.readF32(a.x.subarray(0, a.batch * a.inChannels * a.h * a.w));
    const wts = a.cache ? a.cache.get(a.weights, () => prepareConvWeights(w, a, a.weights)) : ownedWeights(w, f, a);
    const bias = a.bias ? f.allocF32(a.bias.subarray(0, a.outChannels)) : 0;
    const y = f.outputF32(a.out, ySize);
    // the residual is where the product accumulates (FusedConv's sum input)
    if (a.sum) w.heap.f32.set(a.sum.subarray(0, ySize), y >>> 2);
    const act = a.activation ?? NO_ACTIVATION;
    if (isDepthwise3x3(a)) {
      depthwise(w, f, a, x, wts[0], bias, y, a.sum ? y : 0, act);
    } else {
      convByGemm(w, f, a, x, wts, bias, y, a.sum !== undefined, act);
    }
    return w.heap.readF32(y, ySize, a.out);
  });
}

/**
 * Output values under which a depthwise convolution runs inline on the main thread even with
 * workers (~9 multiply-adds per output, memory-bound). On MobileNet v2 at 2 threads, 8K and 32K
 * measured alike and 128K slower (its 7x7 and 14x14 layers then stay inline).
 */
export const DEPTHWISE_PARALLEL_MIN_OUTPUTS = 1 << 15;

/** dwconv_3x3 over the batch, split by planes across the workers when it is big enough. */
function depthwise(
  w: WasmKernels, f: WasmFrame, s: WasmConv2dShape, x: number, wts: number, bias: number, y: number, z: number, act: WasmActivation,
): void {
  const planes = s.batch * s.inChannels;
  const pool = w.threads;
  const task = {
    x, wts, bias, y, channels: s.inChannels, h: s.h, w: s.w, oh: s.oh, ow: s.ow, padT: s.padTop, padL: s.padLeft, stride: s.strideH,
    // the kernel reads z before writing y at each position, so y may hold z
    z, act: act.kind, p0: act.p0, p1: act.p1,
  };
  if (pool && planes > 1 && planes * s.oh * s.ow >= DEPTHWISE_PARALLEL_MIN_OUTPUTS) {
    pool.runDepthwise(task, splitPlanes(planes, rangeCount(pool.threads)));
    return;
  }
  const scratch = f.alloc(w.exports.dwconv_3x3_scratch_size(s.oh, s.ow, s.strideH) * 4);
  w.exports.dwconv_3x3_range(
    x, wts, bias, y, task.channels, s.h, s.w, s.oh, s.ow, s.padTop, s.padLeft, s.strideH, z, act.kind, act.p0, act.p1, scratch, 0, planes,
  );
}

/** Up to `parts` contiguous, near-equal runs of [0, planes). */
export function splitPlanes(planes: number, parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, planes));
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) out.push([Math.floor((planes * i) / count), Math.floor((planes * (i + 1)) / count)]);
  return out;
}

function ownedWeights(w: WasmKernels, f: WasmFrame, s: WasmConv2dArgs): number[] {
  const ptrs = prepareConvWeights(w, s, s.weights);
  // hand the blocks to the frame so they go with it
  for (const p of ptrs) f.adopt(p);
  return ptrs;
}

function convByGemm(
  w: WasmKernels, f: WasmFrame, s: WasmConv2dShape, x: number, packedA: readonly number[], bias: number, y: number,
  accumulate: boolean, act: WasmActivation,
): void {
  const cin = s.inChannels / s.group, m = s.outChannels / s.group;
  const k = cin * s.kh * s.kw, n = s.oh * s.ow, plane = s.h * s.w;
  const pointwise = isPointwise(s);
  const pb = f.alloc(w.exports.gemm_packed_b_size(k, n) * 4);
  const tile = f.alloc(GEMM_MR * GEMM_NR * 4);
  for (let b = 0; b < s.batch; b++) {
    for (let g = 0; g < s.group; g++) {
      const xg = x + ((b * s.inChannels + g * cin) * plane) * 4;
      if (pointwise) w.exports.gemm_pack_b(xg, plane, 0, k, n, pb);
      else {
        w.exports.im2col_pack_b(
          xg, cin, s.h, s.w, s.kh, s.kw, s.padTop, s.padLeft, s.strideH, s.strideW, s.dilationH, s.dilationW, s.oh, s.ow, pb,
        );
      }
      const yg = y + ((b * s.outChannels + g * m) * n) * 4;
      gemmPacked(w, m, n, k, packedA[g], pb, yg, n, tile, {
        beta: accumulate ? 1 : 0, bias: bias ? bias + g * m * 4 : undefined, biasAlong: 'rows', activation: act,
      });
    }
  }
}
