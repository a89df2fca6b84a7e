// Intra-op threads on the wasm provider: GEMM and Conv split across piscina workers on one
// shared WebAssembly.Memory give the same bits as the single-threaded kernels, MobileNet v2
// still matches PyTorch with intraOpNumThreads 2, and the pool lets the process exit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeValueFile } from '../../graph/decode-value.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { ACT } from '../../kernels/wasm/wasm-activation.js';
import {
  DEPTHWISE_PARALLEL_MIN_OUTPUTS, type WasmConv2dShape, splitPlanes, wasmConv2dF32,
} from '../../kernels/wasm/wasm-f32-conv.js';
import { PARALLEL_MIN_MACS, PARALLEL_MIN_MACS_FEW_ROWS, splitGemm, wasmGemmF32 } from '../../kernels/wasm/wasm-f32-gemm.js';
import { loadWasmBinaries, instantiateSharedWasmKernels, sharedWasmKernels, wasmKernels } from '../../kernels/wasm/wasm-module.js';
import { closeWasmThreads, wasmKernelsForThreads, wasmThreadStats } from '../../kernels/wasm/wasm-threads.js';
import { PackedWeights } from '../../kernels/wasm/packed-weights.js';
import { InferenceSession, type OnnxValue } from '../../src/index.js';
import { sharedModelsDir } from '../data-paths.js';
import { randomBytes, randomF32, rng } from './wasm-reference.js';
import { wasmMatMulInteger } from '../../kernels/wasm/wasm-i8-gemm.js';
import { wasmConvInteger } from '../../kernels/wasm/wasm-i8-conv.js';
import { wasmMatMulNBits } from '../../kernels/wasm/wasm-nbits-gemm.js';
import { PROTOCOL_MODULE, PROTOCOL_SOURCE, workerProtocolModule } from '../../scripts/generate-worker-protocol.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

const single = wasmKernels()!;
const threaded = wasmKernelsForThreads(2)!;

afterAll(async () => {
  await closeWasmThreads();
});

function expectSameBits(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  let diff = 0;
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) diff++;
  expect(diff).toBe(0);
}

describe('the worker protocol', () => {
  it('is, in the worker, the TypeScript protocol itself (wasm-thread-protocol.mjs is current: npm run build:worker-protocol)', () => {
    expect(fs.readFileSync(PROTOCOL_MODULE, 'utf8')).toBe(workerProtocolModule());
  });

  it('would notice a protocol edit the worker module lacks', () => {
    const edited = fs.readFileSync(PROTOCOL_SOURCE, 'utf8').replace('export const JOB_HEADER = 19;', 'export const JOB_HEADER = 20;');
    expect(workerProtocolModule(edited)).not.toBe(fs.readFileSync(PROTOCOL_MODULE, 'utf8'));
  });
});

describe('splitGemm', () => {
  it('covers C with disjoint whole-panel ranges', () => {
    for (const [m, n, parts] of [[5, 1000, 3], [333, 7, 2], [4, 8, 4], [1, 1, 2], [130, 129, 5]]) {
      const ranges = splitGemm(m, n, parts);
      expect(ranges.length).toBeLessThanOrEqual(parts);
      const hit = new Uint8Array(m * n);
      for (const r of ranges) {
        expect(r.rowBegin % 4 === 0 && r.colBegin % 8 === 0).toBe(true);
        for (let i = r.rowBegin; i < r.rowEnd; i++) for (let j = r.colBegin; j < r.colEnd; j++) hit[i * n + j]++;
      }
      expect(hit.every((h) => h === 1)).toBe(true);
    }
  });
});

describe('wasm threads', () => {
  it('runs on shared memory with a worker pool where the engine allows it', () => {
    expect(sharedWasmKernels()).toBeDefined();
    expect(threaded.threads?.threads).toBe(2);
    expect(threaded.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    // one thread runs on the shared memory too (runs keep their arena there), without workers
    expect(wasmKernelsForThreads(1)).toBe(sharedWasmKernels());
    expect(wasmKernelsForThreads(1)!.threads).toBeUndefined();
  });

  it('has no shared build where SharedArrayBuffer is missing (ops then run single-threaded)', () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      expect(instantiateSharedWasmKernels(single.variant)).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  // big enough to dispatch, with odd sizes on every axis (edge tiles, k over one KC block)
  const gemms = [
    { m: 67, n: 601, k: 53 },
    { m: 301, n: 13, k: 557, transA: true },
    { m: 129, n: 257, k: 300, transB: true, alpha: 0.5 },
    { m: 3, n: 27001, k: 27 },
  ];
  it.each(gemms)('GEMM %o with 2 threads equals 1 thread bit for bit', async (s) => {
    expect(s.m * s.n * s.k).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS);
    const r = rng(s.m * 7 + s.n);
    const a = randomF32(s.m * s.k, r), b = randomF32(s.k * s.n, r);
    const c = randomF32(s.m * s.n, r), bias = randomF32(s.n, r);
    for (const extra of [
      { bias: { values: bias, along: 'cols' as const }, activation: { kind: ACT.relu, p0: 0, p1: 0 } },
      { c, beta: 0.75, activation: { kind: ACT.sigmoid, p0: 0, p1: 0 } },
      { bias: { values: randomF32(s.m, r), along: 'rows' as const } },
    ]) {
      const args = { ...s, a, b, ...extra };
      const want = wasmGemmF32(single, args);
      const jobs = wasmThreadStats().jobs;
      expectSameBits(wasmGemmF32(threaded, { ...args, bCache: new PackedWeights(threaded) }), want);
      expect(wasmThreadStats().jobs).toBe(jobs + 1);
    }
  });

  it('splits a one-row GEMM (a decoder step) from a lower size on, with the same bits', () => {
    const s = { m: 1, n: 2304, k: 768 };
    expect(s.m * s.n * s.k).toBeLessThan(PARALLEL_MIN_MACS);
    expect(s.m * s.n * s.k).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS_FEW_ROWS);
    const a = randomF32(s.k, rng(11)), b = randomF32(s.k * s.n, rng(12));
    const want = wasmGemmF32(single, { ...s, a, b });
    const jobs = wasmThreadStats().jobs;
    expectSameBits(wasmGemmF32(threaded, { ...s, a, b }), want);
    expect(wasmThreadStats().jobs).toBe(jobs + 1);
  });

  it('runs a small GEMM inline', () => {
    const jobs = wasmThreadStats().jobs;
    wasmGemmF32(threaded, { m: 5, n: 7, k: 3, a: randomF32(15, rng(1)), b: randomF32(21, rng(2)) });
    expect(wasmThreadStats().jobs).toBe(jobs);
  });

  it('gets ranges computed by the workers, not only the main thread', async () => {
    const s = gemms[2];
    const a = randomF32(s.m * s.k, rng(8)), b = randomF32(s.k * s.n, rng(9));
    const want = wasmGemmF32(single, { ...s, a, b });
    const before = wasmThreadStats().workerRanges;
    // the first jobs may find the workers still starting; give them a moment, then retry
    for (let i = 0; i < 50 && wasmThreadStats().workerRanges === before; i++) {
      expectSameBits(wasmGemmF32(threaded, { ...s, a, b }), want);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(wasmThreadStats().workerRanges).toBeGreaterThan(before);
  });

  // int8: k over one KC block (512), edge tiles on both axes, both signednesses
  const i8Gemms = [
    { m: 67, n: 601, k: 53, aSigned: false, bSigned: true },
    { m: 301, n: 13, k: 557, aSigned: true, bSigned: true },
    { m: 3, n: 27001, k: 27, aSigned: false, bSigned: false },
  ];
  it.each(i8Gemms)('int8 GEMM %o with 2 threads equals 1 thread, with worker ranges', async (s) => {
    expect(s.m * s.n * s.k).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS);
    const a = randomBytes(s.aSigned ? 'int8' : 'uint8', s.m * s.k, s.m);
    const b = randomBytes(s.bSigned ? 'int8' : 'uint8', s.k * s.n, s.n);
    const args = { ...s, a, b, aZero: [s.aSigned ? -3 : 131], bZero: Array.from({ length: s.n }, (_, j) => (j % 7) - 3) };
    const want = wasmMatMulInteger(single, args);
    const before = wasmThreadStats().workerRanges;
    for (let i = 0; i < 50 && (i === 0 || wasmThreadStats().workerRanges === before); i++) {
      const jobs = wasmThreadStats().jobs;
      expect(wasmMatMulInteger(threaded, { ...args, bCache: new PackedWeights(threaded) })).toEqual(want);
      expect(wasmThreadStats().jobs).toBe(jobs + 1);
      if (wasmThreadStats().workerRanges === before) await new Promise((res) => setTimeout(res, 20));
    }
    expect(wasmThreadStats().workerRanges).toBeGreaterThan(before);
  });

  // MatMulNBits: one row (the GEMV) and several (the GEMM), a ragged last panel, with zero points and bias
  const nbits = [
    { m: 1, k: 1024, n: 2052, bits: 4 as const, blockSize: 32 },
    { m: 37, k: 320, n: 203, bits: 8 as const, blockSize: 64 },
    { m: 5, k: 768, n: 1001, bits: 4 as const, blockSize: 128 },
  ];
  it.each(nbits)('MatMulNBits %o with 2 threads equals 1 thread bit for bit, with worker ranges', async (s) => {
    expect(s.m * s.n * s.k).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS);
    const kBlocks = Math.ceil(s.k / s.blockSize);
    const weights = {
      b: randomBytes('uint8', s.n * kBlocks * (s.blockSize * s.bits) / 8, s.n) as Uint8Array,
      scales: randomF32(s.n * kBlocks, rng(s.k), 0.1),
      zeroPoints: randomBytes('uint8', Math.ceil((s.n * kBlocks * s.bits) / 8), s.m) as Uint8Array,
    };
    const args = { m: s.m, shape: { k: s.k, n: s.n, bits: s.bits, blockSize: s.blockSize }, a: randomF32(s.m * s.k, rng(s.m)), weights, bias: randomF32(s.n, rng(7)) };
    const want = wasmMatMulNBits(single, args);
    const before = wasmThreadStats().workerRanges;
    for (let i = 0; i < 50 && (i === 0 || wasmThreadStats().workerRanges === before); i++) {
      const jobs = wasmThreadStats().jobs;
      expectSameBits(wasmMatMulNBits(threaded, { ...args, cache: new PackedWeights(threaded) }), want);
      expect(wasmThreadStats().jobs).toBe(jobs + 1);
      if (wasmThreadStats().workerRanges === before) await new Promise((res) => setTimeout(res, 20));
    }
    expect(wasmThreadStats().workerRanges).toBeGreaterThan(before);
  });

  const conv = (s: Omit<WasmConv2dShape, 'oh' | 'ow'>): WasmConv2dShape => ({
    ...s,
    oh: Math.floor((s.h + 2 * s.padTop - ((s.kh - 1) * s.dilationH + 1)) / s.strideH) + 1,
    ow: Math.floor((s.w + 2 * s.padLeft - ((s.kw - 1) * s.dilationW + 1)) / s.strideW) + 1,
  });
  const base = { batch: 1, group: 1, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 0, padLeft: 0 };
  const convs = [
    conv({ ...base, inChannels: 33, outChannels: 37, h: 61, w: 59, kh: 1, kw: 1 }),
    conv({ ...base, batch: 2, inChannels: 13, outChannels: 21, h: 33, w: 35, kh: 3, kw: 3, padTop: 1, padLeft: 1 }),
    conv({ ...base, inChannels: 20, outChannels: 60, h: 61, w: 57, kh: 5, kw: 3, strideH: 2, strideW: 2, padTop: 2, padLeft: 1, group: 2 }),
    conv({ ...base, inChannels: 300, outChannels: 7, h: 31, w: 37, kh: 1, kw: 1 }),
  ];
  it.each(convs)('Conv %o with 2 threads equals 1 thread bit for bit', async (s) => {
    const r = rng(s.inChannels * 31 + s.h);
    const cin = s.inChannels / s.group;
    const x = randomF32(s.batch * s.inChannels * s.h * s.w, r);
    const weights = randomF32(s.outChannels * cin * s.kh * s.kw, r);
    const bias = randomF32(s.outChannels, r);
    const sum = randomF32(s.batch * s.outChannels * s.oh * s.ow, r);
    for (const extra of [{ bias }, { bias, sum, activation: { kind: ACT.clip, p0: 0, p1: 6 } }]) {
      const want = wasmConv2dF32(single, { ...s, x, weights, ...extra });
      const jobs = wasmThreadStats().jobs;
      const got = wasmConv2dF32(threaded, { ...s, x, weights, cache: new PackedWeights(threaded), ...extra });
      expectSameBits(got, want);
      // every GEMM of this convolution was big enough to split
      expect(wasmThreadStats().jobs).toBe(jobs + s.batch * s.group);
    }
  });

  // odd planes, rows and columns (partial vector steps), both strides, padding on one side or both
  const depthwise = [
    conv({ ...base, inChannels: 37, outChannels: 37, group: 37, h: 43, w: 41, kh: 3, kw: 3, padTop: 1, padLeft: 1 }),
    conv({ ...base, batch: 2, inChannels: 19, outChannels: 19, group: 19, h: 75, w: 61, kh: 3, kw: 3, strideH: 2, strideW: 2, padTop: 1, padLeft: 1 }),
    conv({ ...base, inChannels: 41, outChannels: 41, group: 41, h: 66, w: 51, kh: 3, kw: 3, strideH: 2, strideW: 2, padTop: 0, padLeft: 1 }),
    conv({ ...base, inChannels: 5, outChannels: 5, group: 5, h: 121, w: 119, kh: 3, kw: 3 }),
  ];
  it.each(depthwise)('depthwise Conv %o with 2 threads equals 1 thread bit for bit, with worker ranges', async (s) => {
    expect(s.batch * s.outChannels * s.oh * s.ow).toBeGreaterThanOrEqual(DEPTHWISE_PARALLEL_MIN_OUTPUTS);
    const r = rng(s.inChannels * 17 + s.w);
    const x = randomF32(s.batch * s.inChannels * s.h * s.w, r);
    const weights = randomF32(s.outChannels * 9, r);
    const bias = randomF32(s.outChannels, r);
    const sum = randomF32(s.batch * s.outChannels * s.oh * s.ow, r);
    const cases = [{}, { bias }, { bias, sum, activation: { kind: ACT.clip, p0: 0, p1: 6 } }];
    const before = wasmThreadStats().workerRanges;
    // the first jobs may find the workers asleep; repeat (with a pause) until they took a range
    for (let i = 0; i < 50 && (i === 0 || wasmThreadStats().workerRanges === before); i++) {
      for (const extra of cases) {
        const want = wasmConv2dF32(single, { ...s, x, weights, ...extra });
        const jobs = wasmThreadStats().jobs;
        expectSameBits(wasmConv2dF32(threaded, { ...s, x, weights, cache: new PackedWeights(threaded), ...extra }), want);
        expect(wasmThreadStats().jobs).toBe(jobs + 1);
      }
      if (wasmThreadStats().workerRanges === before) await new Promise((res) => setTimeout(res, 20));
    }
    expect(wasmThreadStats().workerRanges).toBeGreaterThan(before);
  });

  it.each(convs.slice(0, 2))('ConvInteger %o with 2 threads equals 1 thread', (s) => {
    const x = randomBytes('uint8', s.batch * s.inChannels * s.h * s.w, s.h);
    const weights = randomBytes('int8', s.outChannels * (s.inChannels / s.group) * s.kh * s.kw, s.w);
    const args = { ...s, x, xSigned: false, xZero: 128, weights, wSigned: true, wZero: [2] };
    const want = wasmConvInteger(single, args);
    const jobs = wasmThreadStats().jobs;
    expect(wasmConvInteger(threaded, { ...args, cache: new PackedWeights(threaded) })).toEqual(want);
    expect(wasmThreadStats().jobs).toBeGreaterThan(jobs);
  });

  it('runs a small depthwise Conv inline', () => {
    const s = conv({ ...base, inChannels: 8, outChannels: 8, group: 8, h: 9, w: 11, kh: 3, kw: 3, padTop: 1, padLeft: 1 });
    const x = randomF32(8 * 9 * 11, rng(3)), weights = randomF32(72, rng(4));
    const jobs = wasmThreadStats().jobs;
    expectSameBits(wasmConv2dF32(threaded, { ...s, x, weights }), wasmConv2dF32(single, { ...s, x, weights }));
    expect(wasmThreadStats().jobs).toBe(jobs);
  });

  it('splits planes into disjoint runs covering all', () => {
    for (const [planes, parts] of [[1, 2], [7, 2], [37, 3], [2, 5], [64, 64]]) {
      const runs = splitPlanes(planes, parts);
      expect(runs.length).toBe(Math.min(planes, parts));
      expect(runs[0][0]).toBe(0);
      expect(runs[runs.length - 1][1]).toBe(planes);
      runs.forEach(([b, e], i) => {
        expect(e).toBeGreaterThan(b);
        if (i > 0) expect(b).toBe(runs[i - 1][1]);
      });
    }
  });

  it('leaves the shared heap as it found it', async () => {
    const used = threaded.heap.used;
    const s = gemms[0];
    wasmGemmF32(threaded, { ...s, a: randomF32(s.m * s.k, rng(5)), b: randomF32(s.k * s.n, rng(6)) });
    expect(threaded.heap.used).toBe(used);
  });
});

describe('the worker pool', () => {
  it('does not keep Node alive once idle', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // a pool that held the process would hit the timeout and throw
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'wasm-threads-exit.fixture.ts')], {
      encoding: 'utf8', timeout: 60_000,
    });
    expect(JSON.parse(out.trim())).toEqual({ split: true, threads: 2, y0: 64 });
  });
});

const modelsRoot = sharedModelsDir();
const mobilenet = modelsRoot && path.join(modelsRoot, 'mobilenet_v2');

describe.skipIf(!mobilenet || !fs.existsSync(path.join(mobilenet, 'model.onnx')))('mobilenet_v2 with intraOpNumThreads 2', () => {
  it('matches PyTorch within rtol 1e-3 / atol 1e-4', async () => {
    const set = path.join(mobilenet!, 'test_data_set_0');
    const read = (prefix: string) => fs.readdirSync(set).filter((f) => f.startsWith(prefix)).sort()
      .map((f) => decodeValueFile(fs.readFileSync(path.join(set, f))));
    const session = await InferenceSession.create(path.join(mobilenet!, 'model.onnx'), {
      executionProviders: ['wasm'], intraOpNumThreads: 2,
    });
    const inputs = read('input_'), expected = read('output_');
    const feeds: Record<string, OnnxValue> = {};
    session.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
    const jobs = wasmThreadStats().jobs;
    for (let run = 0; run < 2; run++) {
      const out = await session.run(feeds);
      session.outputNames.forEach((n, i) => {
        expect(compareValues(out[n], expected[i], { rtol: 1e-3, atol: 1e-4 }, n)).toBeUndefined();
      });
    }
    // its convolutions really were split
    expect(wasmThreadStats().jobs).toBeGreaterThan(jobs);
    await session.release();
  });
});
