// Loads the SIMD kernels once per process: the relaxed-SIMD build (fused multiply-add) where
// the engine validates it, the plain SIMD build otherwise, or nothing where WebAssembly SIMD
// is missing (the provider then reports itself unavailable). Memory is created here and
// imported by the module, so the JavaScript heap (wasm-heap.ts) owns every byte of it.
import { host } from '../../data/platform/host.js';
import { type WasmMemory, webAssembly } from './wasm-api.js';
import { WasmHeap } from './wasm-heap.js';
import { withSharedMemoryImport } from './shared-memory-import.js';

/** The module's exports; pointers and sizes are numbers (bytes for pointers, floats for sizes). */
export interface WasmKernelExports {
  heap_base(): number;
  gemm_pack_a(a: number, lda: number, transA: number, m: number, k: number, alpha: number, dst: number): void;
  gemm_pack_b(b: number, ldb: number, transB: number, k: number, n: number, dst: number): void;
  gemm_packed_a_size(m: number, k: number): number;
  gemm_packed_b_size(k: number, n: number): number;
  gemm_set_epilogue(beta: number, bias: number, biasMode: number, act: number, p0: number, p1: number): void;
  gemm_packed(m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number, tile: number): void;
  gemm_packed_range(
    m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number, tile: number,
    rowBegin: number, rowEnd: number, colBegin: number, colEnd: number,
  ): void;
  im2col_pack_b(
    x: number, channels: number, h: number, w: number, kh: number, kw: number, padT: number, padL: number,
    sh: number, sw: number, dh: number, dw: number, oh: number, ow: number, dst: number,
  ): void;
  dwconv_3x3(
    x: number, w: number, bias: number, y: number, channels: number, h: number, wd: number, oh: number, ow: number,
    padT: number, padL: number, stride: number, z: number, act: number, p0: number, p1: number, scratch: number,
  ): void;
  dwconv_3x3_range(
    x: number, w: number, bias: number, y: number, channels: number, h: number, wd: number, oh: number, ow: number,
    padT: number, padL: number, stride: number, z: number, act: number, p0: number, p1: number, scratch: number,
    planeBegin: number, planeEnd: number,
  ): void;
  dwconv_3x3_scratch_size(oh: number, ow: number, stride: number): number;
  maxpool_2d(
    x: number, y: number, planes: number, h: number, w: number, oh: number, ow: number, kh: number, kw: number,
    sh: number, sw: number, padT: number, padL: number, dh: number, dw: number,
  ): void;
  avgpool_2d(
    x: number, y: number, planes: number, h: number, w: number, oh: number, ow: number, kh: number, kw: number,
    sh: number, sw: number, padT: number, padL: number, padB: number, padR: number, countPad: number,
  ): void;
  global_avgpool(x: number, y: number, planes: number, size: number): void;
  binary_f32(op: number, a: number, b: number, y: number, n: number, bLen: number): void;
  binary_channel_f32(op: number, a: number, b: number, y: number, outer: number, channels: number, inner: number): void;
  unary_f32(x: number, y: number, n: number, kind: number, p0: number, p1: number): void;
  softmax_rows(x: number, y: number, rows: number, cols: number): void;
  // int8 GEMM (int8-gemm.ts; pointers are bytes, sizes int16 elements) and DynamicQuantizeLinear's range
  i8_gemm_pack_a(a: number, lda: number, signed: number, zp: number, m: number, k: number, dst: number): void;
  i8_gemm_pack_b(b: number, ldb: number, signed: number, zp: number, k: number, n: number, dst: number): void;
  i8_gemm_packed_a_size(m: number, k: number): number;
  i8_gemm_packed_b_size(k: number, n: number): number;
  i8_gemm_packed(m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number): void;
  i8_gemm_packed_range(
    m: number, n: number, k: number, pa: number, pb: number, c: number, ldc: number,
    rowBegin: number, rowEnd: number, colBegin: number, colEnd: number,
  ): void;
  f32_min_max(x: number, n: number, out: number): void;
  // MatMulNBits (nbits-gemm.ts; pointers and sizes in bytes)
  nbits_packed_weights_size(k: number, n: number, bits: number): number;
  nbits_packed_params_size(n: number, kBlocks: number): number;
  nbits_gemm_scratch_size(): number;
  nbits_pack_weights(b: number, k: number, n: number, bits: number, blockSize: number, dst: number): void;
  nbits_pack_params(scales: number, zp: number, n: number, kBlocks: number, bits: number, dst: number): void;
  nbits_gemv(
    a: number, k: number, n: number, bits: number, blockSize: number, pw: number, pp: number, bias: number, y: number, tile: number,
    panelBegin: number, panelEnd: number,
  ): void;
  nbits_gemm_range(
    m: number, n: number, k: number, bits: number, blockSize: number, pa: number, pw: number, pp: number, bias: number,
    c: number, ldc: number, tile: number, scratch: number, colBegin: number, colEnd: number,
  ): void;
  layer_norm_rows(
    x: number, scale: number, bias: number, y: number, rows: number, cols: number, eps: number, mean: number, invStd: number,
  ): void;
}

export type WasmVariant = 'relaxed-simd' | 'simd';

export interface WasmKernels {
  readonly variant: WasmVariant;
  readonly exports: WasmKernelExports;
  readonly memory: WasmMemory;
  readonly heap: WasmHeap;
  /** On the shared-memory instance: the module's bytes, which workers instantiate on `memory`. */
  readonly sharedBytes?: Uint8Array;
  /** Set where ops should split their GEMMs and depthwise convolutions across workers (see wasm-threads.ts). */
  readonly threads?: WasmThreadPool;
}

/** Splits gemm_packed, i8_gemm_packed, MatMulNBits' and dwconv_3x3 calls across workers sharing the kernels' memory (wasm-threads.ts). */
export interface WasmThreadPool {
  /** Threads computing a job: the main thread and threads - 1 workers (see rangeCount for its ranges). */
  readonly threads: number;
  /** Computes every range of the GEMM (the main thread joins in) and returns when all are done. */
  runGemm(task: WasmGemmTask, ranges: readonly GemmRange[]): void;
  /** Computes dwconv_3x3_range over every [planeBegin, planeEnd) of `ranges` likewise. */
  runDepthwise(task: WasmDepthwiseTask, ranges: readonly (readonly [number, number])[]): void;
  /** Computes every range of an int8 GEMM (i8_gemm_packed_range) likewise. */
  runI8Gemm(task: WasmI8GemmTask, ranges: readonly GemmRange[]): void;
  /** Computes MatMulNBits' one-row product (nbits_gemv) over [panelBegin, panelEnd) ranges of 8-column panels likewise. */
  runNBitsGemv(task: WasmNBitsGemvTask, ranges: readonly (readonly [number, number])[]): void;
  /** Computes MatMulNBits' product (nbits_gemm_range) over [colBegin, colEnd) ranges likewise (begins multiples of 8). */
  runNBitsGemm(task: WasmNBitsGemmTask, ranges: readonly (readonly [number, number])[]): void;
}

/** An nbits_gemv call; tiles are the pool's. */
export interface WasmNBitsGemvTask { a: number; k: number; n: number; bits: number; blockSize: number; pw: number; pp: number; bias: number; y: number }

/** An nbits_gemm_range call; tiles and dequantization scratch are the pool's. */
export interface WasmNBitsGemmTask {
  m: number; n: number; k: number; bits: number; blockSize: number; pa: number; pw: number; pp: number; bias: number; c: number; ldc: number;
}

/** An i8_gemm_packed call: pointers into the shared memory (C is int32). */
export interface WasmI8GemmTask { m: number; n: number; k: number; pa: number; pb: number; c: number; ldc: number }

/** A dwconv_3x3 call over a batch (planes = batch x channels); scratch is the pool's. */
export interface WasmDepthwiseTask {
  x: number; wts: number; bias: number; y: number; channels: number; h: number; w: number; oh: number; ow: number;
  padT: number; padL: number; stride: number; z: number; act: number; p0: number; p1: number;
}

/** A gemm_packed call: pointers into the shared memory and the epilogue. */
export interface WasmGemmTask {
  m: number; n: number; k: number; pa: number; pb: number; c: number; ldc: number;
  beta: number; bias: number; biasMode: number; act: number; p0: number; p1: number;
}

/** Rows [rowBegin, rowEnd) by columns [colBegin, colEnd) of a GEMM's C. */
export interface GemmRange { rowBegin: number; rowEnd: number; colBegin: number; colEnd: number }

const FILES: Record<WasmVariant, string> = { 'relaxed-simd': 'onnx-ts-relaxed-simd.wasm', simd: 'onnx-ts-simd.wasm' };
const INITIAL_PAGES = 256; // 16 MiB
const MAX_PAGES = 65536; // 4 GiB, the wasm32 limit

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Modules of a few bytes whose validation says whether this engine has each build's features
 * (SIMD: i8x16.splat and popcnt; relaxed SIMD: i8x16.relaxed_swizzle), so that choosing a
 * provider reads no build.
 */
const FEATURE_PROBES: Record<WasmVariant, Uint8Array> = {
  'relaxed-simd': Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2, 253, 15, 253, 128, 2, 11),
  simd: Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11),
};

let binaries: Record<string, string> | undefined;

/**
 * Reads the builds: a dynamic import, so that bundlers put them (60 KB of base64) in a chunk
 * a page loads when its first wasm session starts, not with the library.
 */
export async function loadWasmBinaries(): Promise<void> {
  binaries ??= (await import('./build/wasm-binaries.js')).WASM_BINARIES;
}

function readVariant(variant: WasmVariant, shared = false): Uint8Array | undefined {
  if (!binaries) throw new Error('the wasm kernels were asked for before loadWasmKernels() (or loadWasmBinaries()) read them');
  const encoded = binaries[FILES[variant]];
  if (!encoded) return undefined;
  const plain = decodeBase64(encoded);
  const bytes = shared ? withSharedMemoryImport(plain, MAX_PAGES) : plain;
  return webAssembly?.validate(bytes) ? bytes : undefined;
}

/** The variants this engine has the features for, preferred first (from the probes; no build is read). */
export function availableWasmVariants(): WasmVariant[] {
  return (['relaxed-simd', 'simd'] as const).filter((v) => webAssembly?.validate(FEATURE_PROBES[v]) === true);
}

/** A fresh instance of `variant` with its own memory and heap (tests; the runtime shares one). */
export function instantiateWasmKernels(variant: WasmVariant, compiled?: object): WasmKernels | undefined {
  const wa = webAssembly;
  const bytes = compiled ? undefined : readVariant(variant);
  if (!wa || (!bytes && !compiled)) return undefined;
  const memory = new wa.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES });
  const instance = new wa.Instance(compiled ?? new wa.Module(bytes!), { env: { memory } });
  const exports = instance.exports as unknown as WasmKernelExports;
  return { variant, exports, memory, heap: new WasmHeap(memory, exports.heap_base()) };
}

/**
 * A fresh instance of the shared-memory build of `variant` (memory backed by a
 * SharedArrayBuffer), or undefined where the engine has no shared memory or threads.
 */
export function instantiateSharedWasmKernels(variant: WasmVariant): WasmKernels | undefined {
  const wa = webAssembly;
  if (!wa || typeof SharedArrayBuffer === 'undefined') return undefined;
  try {
    const bytes = readVariant(variant, true);
    if (!bytes) return undefined;
    const memory = new wa.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
    if (!(memory.buffer instanceof SharedArrayBuffer)) return undefined;
    const instance = new wa.Instance(new wa.Module(bytes), { env: { memory } });
    const exports = instance.exports as unknown as WasmKernelExports;
    return { variant, exports, memory, heap: new WasmHeap(memory, exports.heap_base()), sharedBytes: bytes };
  } catch {
    // an engine that validates the module but refuses shared memory: run single-threaded
    return undefined;
  }
}

let loadedShared: WasmKernels | null | undefined;

/** The process-wide shared-memory kernels (same variant as wasmKernels()), made on first use. */
export function sharedWasmKernels(): WasmKernels | undefined {
  if (loadedShared === undefined) {
    const base = wasmKernels();
    loadedShared = (base && instantiateSharedWasmKernels(base.variant)) ?? null;
  }
  return loadedShared ?? undefined;
}

let loaded: WasmKernels | null | undefined;

/**
 * The variant to load: the best whose build this engine validates, or
 * ONNX_TS_WASM_VARIANT=simd (benchmarks comparing the two).
 */
function chosenVariant(): WasmVariant | undefined {
  const forced = host.env('ONNX_TS_WASM_VARIANT') as WasmVariant | undefined;
  const variants = availableWasmVariants().filter((v) => readVariant(v) !== undefined);
  return forced && variants.includes(forced) ? forced : variants[0];
}

/**
 * Compiles the kernels asynchronously (browsers refuse synchronous compilation of all but tiny
 * modules on their main thread); wasmKernels() then returns them. Called when the wasm provider
 * starts.
 */
export async function loadWasmKernels(): Promise<WasmKernels | undefined> {
  if (loaded === undefined) {
    await loadWasmBinaries();
    const variant = chosenVariant();
    const bytes = variant && readVariant(variant);
    const compiled = bytes && webAssembly ? await webAssembly.compile(bytes) : undefined;
    loaded ??= (variant && compiled && instantiateWasmKernels(variant, compiled)) || null;
  }
  return loaded ?? undefined;
}

/**
 * The process-wide kernels, instantiated on first use (synchronously: the module is ~20 KB),
 * or undefined where this engine has no WebAssembly SIMD. The builds must have been read
 * (loadWasmKernels(), which the wasm provider's initialize awaits).
 */
export function wasmKernels(): WasmKernels | undefined {
  if (loaded === undefined) {
    const best = chosenVariant();
    loaded = (best && instantiateWasmKernels(best)) ?? null;
  }
  return loaded ?? undefined;
}

/** The kernels, or an Error saying why they cannot run here. */
export function requireWasmKernels(): WasmKernels {
  const k = wasmKernels();
  if (!k) throw new Error('the wasm execution provider needs WebAssembly SIMD, which this JavaScript engine lacks');
  return k;
}
