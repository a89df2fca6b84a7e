// Kernel microbenchmarks for the wasm SIMD kernels: npm run bench:kernels -- [--quick]
//   [--filter REGEX] [--time MS]. Set ONNX_TS_WASM_VARIANT=simd to force the plain build;
//   run node with --experimental-wasm-relaxed-simd on Node 20 to get the relaxed (FMA) build.
// Reports GFLOPS for GEMM and convolutions, GB/s (bytes read + written) for memory-bound
// kernels. Operands live in linear memory, so only the kernels are timed, not the copies.
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { GEMM_MR, GEMM_NR, gemmPacked, packA, packB } from '../kernels/wasm/wasm-f32-gemm.js';
import { type WasmConv2dShape, prepareConvWeights } from '../kernels/wasm/wasm-f32-conv.js';
import { loadWasmBinaries, requireWasmKernels } from '../kernels/wasm/wasm-module.js';
import { ACT } from '../kernels/wasm/wasm-activation.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, filter: { type: 'string' }, time: { type: 'string' } },
});
const w = requireWasmKernels();
const filter = values.filter ? new RegExp(values.filter) : undefined;
const bench = new Bench({ time: Number(values.time ?? (values.quick ? 100 : 400)), warmup: true });
/** Work per call (flops or bytes, and its unit), and the process CPU time the calls took. */
const work = new Map<string, { amount: number; unit: 'GFLOPS' | 'GB/s'; cpuMicros: number; calls: number }>();

function fill(ptr: number, n: number): void {
  const f = w.heap.f32;
  for (let i = 0; i < n; i++) f[(ptr >> 2) + i] = Math.random() - 0.5;
}

function buf(n: number): number {
  const p = w.heap.alloc(n * 4);
  fill(p, n);
  return p;
}

function add(name: string, amount: number, unit: 'GFLOPS' | 'GB/s', fn: () => void): void {
  if (filter && !filter.test(name)) return;
  const entry = { amount, unit, cpuMicros: 0, calls: 0 };
  work.set(name, entry);
  // CPU time as well as wall time: on a shared machine the wall clock also counts other
  // processes' turns on the core, the CPU time only ours
  bench.add(name, () => {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    entry.cpuMicros += d.user + d.system;
    entry.calls++;
  });
}

// GEMM: square sizes, packing of both operands included (as for a MatMul of two activations)
const tile = w.heap.alloc(GEMM_MR * GEMM_NR * 4);
for (const n of values.quick ? [64, 256, 1024] : [64, 128, 256, 512, 1024, 2048]) {
  const a = buf(n * n), b = buf(n * n), c = w.heap.alloc(n * n * 4);
  const pa = w.heap.alloc(w.exports.gemm_packed_a_size(n, n) * 4), pb = w.heap.alloc(w.exports.gemm_packed_b_size(n, n) * 4);
  add(`wasm_f32_gemm_4x8 ${n}x${n}x${n}`, 2 * n ** 3, 'GFLOPS', () => {
    w.exports.gemm_pack_a(a, n, 0, n, n, 1, pa);
    w.exports.gemm_pack_b(b, n, 0, n, n, pb);
    gemmPacked(w, n, n, n, pa, pb, c, n, tile);
  });
}
void packA; void packB;

// Convolutions of resnet50 and mobilenet_v2 (batch 1), weights prepacked as in a session
interface ConvCase { name: string; cin: number; cout: number; hw: number; k: number; stride: number; group?: number; }
const convs: ConvCase[] = [
  { name: 'resnet50 conv1 7x7/2 3->64 @224', cin: 3, cout: 64, hw: 224, k: 7, stride: 2 },
  { name: 'resnet50 3x3 64->64 @56', cin: 64, cout: 64, hw: 56, k: 3, stride: 1 },
  { name: 'resnet50 1x1 256->64 @56', cin: 256, cout: 64, hw: 56, k: 1, stride: 1 },
  { name: 'resnet50 3x3 256->256 @14', cin: 256, cout: 256, hw: 14, k: 3, stride: 1 },
  { name: 'resnet50 1x1 1024->256 @14', cin: 1024, cout: 256, hw: 14, k: 1, stride: 1 },
  { name: 'resnet50 1x1 2048->512 @7', cin: 2048, cout: 512, hw: 7, k: 1, stride: 1 },
  { name: 'mobilenet_v2 conv 3x3/2 3->32 @224', cin: 3, cout: 32, hw: 224, k: 3, stride: 2 },
  { name: 'mobilenet_v2 1x1 16->96 @112', cin: 16, cout: 96, hw: 112, k: 1, stride: 1 },
  { name: 'mobilenet_v2 1x1 144->24 @56', cin: 144, cout: 24, hw: 56, k: 1, stride: 1 },
  { name: 'mobilenet_v2 1x1 960->160 @7', cin: 960, cout: 160, hw: 7, k: 1, stride: 1 },
  { name: 'mobilenet_v2 dw3x3 96 @112/2', cin: 96, cout: 96, hw: 112, k: 3, stride: 2, group: 96 },
  { name: 'mobilenet_v2 dw3x3 144 @56', cin: 144, cout: 144, hw: 56, k: 3, stride: 1, group: 144 },
  { name: 'mobilenet_v2 dw3x3 960 @7', cin: 960, cout: 960, hw: 7, k: 3, stride: 1, group: 960 },
];
for (const cc of values.quick ? convs.filter((_, i) => i % 3 === 1) : convs) {
  const pad = (cc.k - 1) >> 1, group = cc.group ?? 1;
  const o = Math.floor((cc.hw + 2 * pad - cc.k) / cc.stride) + 1;
  const s: WasmConv2dShape = {
    batch: 1, inChannels: cc.cin, outChannels: cc.cout, group, h: cc.hw, w: cc.hw, kh: cc.k, kw: cc.k, oh: o, ow: o,
    strideH: cc.stride, strideW: cc.stride, dilationH: 1, dilationW: 1, padTop: pad, padLeft: pad,
  };
  const x = buf(cc.cin * cc.hw * cc.hw), y = w.heap.alloc(cc.cout * o * o * 4), bias = buf(cc.cout);
  const wts = prepareConvWeights(w, s, Float32Array.from({ length: cc.cout * (cc.cin / group) * cc.k * cc.k }, () => Math.random() - 0.5));
  const flops = 2 * cc.cout * o * o * (cc.cin / group) * cc.k * cc.k;
  if (group === cc.cin) {
    const scratch = w.heap.alloc(w.exports.dwconv_3x3_scratch_size(o, o, cc.stride) * 4);
    add(`wasm_f32_dwconv_3x3 ${cc.name}`, flops, 'GFLOPS', () => {
      w.exports.dwconv_3x3(x, wts[0], bias, y, cc.cin, cc.hw, cc.hw, o, o, pad, pad, cc.stride, 0, ACT.relu, 0, 0, scratch);
    });
    continue;
  }
  const k = cc.cin * cc.k * cc.k, n = o * o;
  const pb = w.heap.alloc(w.exports.gemm_packed_b_size(k, n) * 4);
  const pointwise = cc.k === 1 && cc.stride === 1;
  add(`wasm_f32_conv ${pointwise ? '(1x1 direct)' : '(im2col)'} ${cc.name}`, flops, 'GFLOPS', () => {
    if (pointwise) w.exports.gemm_pack_b(x, n, 0, k, n, pb);
    else w.exports.im2col_pack_b(x, cc.cin, cc.hw, cc.hw, cc.k, cc.k, pad, pad, cc.stride, cc.stride, 1, 1, o, o, pb);
    gemmPacked(w, cc.cout, n, k, wts[0], pb, y, n, tile, { bias, biasAlong: 'rows', activation: { kind: ACT.relu, p0: 0, p1: 0 } });
  });
}

// Memory-bound kernels over 1M floats (4 MiB per operand)
const N = 1 << 20;
const xa = buf(N), xb = buf(N), xy = w.heap.alloc(N * 4), row = buf(1024), ch = buf(256);
add('wasm_f32_binary add (same shape) 1M', 12 * N, 'GB/s', () => w.exports.binary_f32(0, xa, xb, xy, N, N));
add('wasm_f32_binary mul (channel [256,64,64]) 1M', 8 * N, 'GB/s', () => w.exports.binary_channel_f32(1, xa, ch, xy, 1, 256, 4096));
add('wasm_f32_unary relu 1M', 8 * N, 'GB/s', () => w.exports.unary_f32(xa, xy, N, ACT.relu, 0, 0));
add('wasm_f32_unary clip 1M', 8 * N, 'GB/s', () => w.exports.unary_f32(xa, xy, N, ACT.clip, 0, 6));
add('wasm_f32_unary sigmoid 1M', 8 * N, 'GB/s', () => w.exports.unary_f32(xa, xy, N, ACT.sigmoid, 0, 0));
add('wasm_f32_softmax_rows 1024x1024', 8 * N, 'GB/s', () => w.exports.softmax_rows(xa, xy, 1024, 1024));
add('wasm_f32_layer_norm_rows 1024x1024', 8 * N, 'GB/s', () => w.exports.layer_norm_rows(xa, row, row, xy, 1024, 1024, 1e-5, 0, 0));
add('wasm_f32_maxpool 3x3/2 64x112x112', 4 * (64 * 112 * 112 + 64 * 56 * 56), 'GB/s', () => {
  w.exports.maxpool_2d(xa, xy, 64, 112, 112, 56, 56, 3, 3, 2, 2, 1, 1, 1, 1);
});
add('wasm_f32_global_avgpool 2048x7x7', 4 * (2048 * 49 + 2048), 'GB/s', () => w.exports.global_avgpool(xa, xy, 2048, 49));

console.log(`wasm kernels: ${w.variant} build; ${bench.tasks.length} benchmarks`);
await bench.run();
const rows = bench.tasks.map((t) => {
  const r = t.result as unknown as { latency?: { mean: number; p50?: number; min: number } } | undefined;
  const ms = r?.latency?.p50 ?? r?.latency?.mean ?? NaN;
  const { amount, unit, cpuMicros, calls } = work.get(t.name)!;
  const cpuMs = cpuMicros / calls / 1000;
  const rate = (time: number) => `${(amount / (time * 1e6)).toFixed(1)} ${unit}`;
  return `| ${t.name} | ${ms.toFixed(3)} | ${rate(ms)} | ${cpuMs.toFixed(3)} | ${rate(cpuMs)} |`;
});
console.log(`\n| kernel (${w.variant}) | median wall ms | rate (wall) | mean CPU ms | rate (CPU time) |\n|---|---|---|---|---|\n${rows.join('\n')}`);
