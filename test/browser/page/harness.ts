// Runs in the page, after the package's bundle has set the global `onnxts`: loads a model from
// a URL or from bytes the page fetched, runs it on inputs fetched as raw float32, and returns
// the outputs, where each node ran and the page's isolation, for the test to compare in Node.
import type * as OnnxTs from '../../../src/index.js';

declare const onnxts: typeof OnnxTs;

export interface PageRunRequest {
  /** URL of the .onnx file, relative to the page. */
  model: string;
  /** 'url': InferenceSession.create(url); 'bytes': the page fetches the file and passes a Uint8Array. */
  from: 'url' | 'bytes';
  /** Each input as raw little-endian float32 at a URL. */
  inputs: Record<string, { dims: number[]; url: string }>;
  options?: OnnxTs.SessionOptions;
  /** Timed runs after the first (0: none). */
  timedRuns?: number;
}

export interface PageRunResult {
  outputs: Record<string, { dims: number[]; data: number[] }>;
  /** provider -> number of nodes it runs */
  placement: Record<string, number>;
  fallbackRuns: number;
  crossOriginIsolated: boolean;
  medianMs?: number;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.arrayBuffer();
}

async function run(request: PageRunRequest): Promise<PageRunResult> {
  const source = request.from === 'url' ? request.model : new Uint8Array(await fetchBytes(request.model));
  const session = await onnxts.InferenceSession.create(source, request.options ?? {});
  const feeds: Record<string, OnnxTs.Tensor> = {};
  for (const [name, input] of Object.entries(request.inputs)) {
    feeds[name] = new onnxts.Tensor('float32', new Float32Array(await fetchBytes(input.url)), input.dims);
  }
  const results = await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < (request.timedRuns ?? 0); i++) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
  }
  const outputs: PageRunResult['outputs'] = {};
  for (const name of session.outputNames) {
    const t = results[name] as OnnxTs.Tensor;
    outputs[name] = { dims: [...t.dims], data: Array.from(t.data as Float32Array) };
  }
  const placement: Record<string, number> = {};
  let fallbackRuns = 0;
  for (const p of session.nodePlacement) {
    placement[p.provider] = (placement[p.provider] ?? 0) + 1;
    fallbackRuns += p.fallbackRuns;
  }
  await session.release();
  times.sort((a, b) => a - b);
  return {
    outputs, placement, fallbackRuns,
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    medianMs: times.length ? times[times.length >> 1] : undefined,
  };
}

(globalThis as { onnxHarness?: unknown }).onnxHarness = { run };
