// The engines the benchmarks compare, behind one shape: onnx-ts (planned, or with no memory
// plan and no buffer pool), and onnxruntime-web / onnxruntime-node from bench/reference (for
// comparison only: never imported by the runtime).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InferenceSession, type OnnxValue, Tensor } from '../src/index.js';
import type { GraphOptimizationLevel } from '../src/session/session-options.js';

export type EngineName = 'onnx-ts' | 'onnx-ts-unplanned' | 'ort-web' | 'ort-node';

/** What a benchmark needs of a session: its inputs, a run, and tensors it accepts as feeds. */
export interface EngineSession {
  inputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
  tensor(t: Tensor): unknown;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const referenceRequire = createRequire(path.join(here, 'reference', 'package.json'));

/** The onnxruntime package an engine needs, or undefined for onnx-ts. */
export function referencePackage(engine: string): string | undefined {
  return engine === 'ort-web' ? 'onnxruntime-web' : engine === 'ort-node' ? 'onnxruntime-node' : undefined;
}

/** Exits with the install command when an onnxruntime engine is asked for but not installed. */
export function requireInstalled(engines: readonly string[]): void {
  for (const pkg of engines.map(referencePackage).filter((p) => p !== undefined)) {
    try {
      referenceRequire.resolve(pkg);
    } catch {
      console.error(`${pkg} is not installed: run  ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install --prefix bench/reference`);
      process.exit(2);
    }
  }
}

export async function openSession(engine: string, file: string, o: { threads: number; provider?: string; level?: string }): Promise<EngineSession> {
  const pkg = referencePackage(engine);
  if (!pkg) {
    const planned = engine === 'onnx-ts';
    const s = await InferenceSession.create(file, {
      executionProviders: [o.provider ?? 'cpu'], intraOpNumThreads: o.threads, graphOptimizationLevel: (o.level ?? 'all') as GraphOptimizationLevel,
      enableMemPattern: planned, enableCpuMemArena: planned,
    });
    return { inputNames: s.inputNames, run: (f) => s.run(f as Record<string, OnnxValue>) as never, tensor: (t) => t };
  }
  const ort = await import(pathToFileURL(referenceRequire.resolve(pkg)).href);
  if (engine === 'ort-web') {
    ort.env.wasm.numThreads = o.threads;
    ort.env.wasm.simd = true;
  }
  const s = await ort.InferenceSession.create(fs.readFileSync(file), {
    executionProviders: [engine === 'ort-web' ? 'wasm' : 'cpu'], intraOpNumThreads: o.threads, interOpNumThreads: 1, graphOptimizationLevel: 'all',
  });
  return { inputNames: s.inputNames, run: (f) => s.run(f), tensor: (t) => new ort.Tensor(t.type, t.data, t.dims) };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
