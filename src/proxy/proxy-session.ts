// env.wasm.proxy = true in a page: InferenceSession.create returns one of these, whose
// sessions live in one dedicated worker (proxy-worker.ts) so a long run never holds the
// page's main thread. Same API as InferenceSession (names, metadata, run's overloads,
// release, start/endProfiling); values cross as copies (proxy-wire.ts) and errors come back as
// the same typed classes. Loaded (a dynamic import) only when the proxy is asked for.
import { InvalidInputError, ModelLoadError } from '../../data/errors.js';
import type { OnnxValue } from '../../data/tensor.js';
import type { NodePlacement } from '../session/compiled-graph.js';
import { runRequest, writeInto } from '../session/run-arguments.js';
import type { RunOptions, SessionOptions } from '../session/session-options.js';
import { env } from '../env.js';
import { proxyWorkerScript } from './proxy-script.js';
import {
  type CreatedSession, type ProxyReply, type ProxyRequest, PROXY_WORKER_NAME, type RunResult, type WireValue, errorFromWire, fromWire,
  toWire,
} from './proxy-wire.js';

interface WorkerHandle {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((e: { data: ProxyReply | 'ready' }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}
type WorkerConstructor = new (url: string | URL, options: { name: string; type?: 'classic' | 'module' }) => WorkerHandle;

/** The one proxy worker of this page and its pending requests. */
class ProxyWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private failed?: Error;

  private constructor(private readonly worker: WorkerHandle) {
    worker.onmessage = ({ data }) => {
      if (data === 'ready') return;
      const p = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (data.ok) p?.resolve(data.result);
      else p?.reject(errorFromWire(data.error));
    };
    worker.onerror = (e) => {
      this.failed = new ModelLoadError(`env.wasm.proxy: the proxy worker failed: ${e.message ?? 'it could not load onnx-ts'}`);
      for (const p of this.pending.values()) p.reject(this.failed);
      this.pending.clear();
    };
  }

  /** Starts the worker and waits until it serves (its first message), so no request is posted before it listens. */
  static async start(): Promise<ProxyWorker> {
    const Worker = (globalThis as { Worker?: WorkerConstructor }).Worker;
    const script = proxyWorkerScript();
    if (!Worker || !script) {
      throw new ModelLoadError('env.wasm.proxy needs Web Workers and the URL onnx-ts was loaded from (a <script> or an ES module); neither is known here');
    }
    const worker = new Worker(script.url, { name: PROXY_WORKER_NAME, type: script.type });
    await new Promise<void>((resolve, reject) => {
      worker.onmessage = ({ data }) => (data === 'ready' ? resolve() : undefined);
      worker.onerror = (e) => reject(new ModelLoadError(`env.wasm.proxy: the proxy worker could not start from ${script.url}: ${e.message ?? 'no reason given'}`));
    });
    return new ProxyWorker(worker);
  }

  request<T>(message: ProxyRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.worker.postMessage({ id, ...message }, transfer);
      } catch (e) {
        // a value structured clone cannot copy (a function in the options)
        this.pending.delete(id);
        reject(new InvalidInputError(`env.wasm.proxy: ${message.op}'s arguments cannot be sent to the worker: ${(e as Error).message}`, message.op));
      }
    });
  }
}

let worker: Promise<ProxyWorker> | undefined;

export class ProxySession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly object[];
  readonly outputMetadata: readonly object[];
  /** As the worker's session had it after create or the last run. */
  nodePlacement: NodePlacement[];
  private released = false;

  private constructor(private readonly worker: ProxyWorker, private readonly id: number, created: CreatedSession) {
    this.inputNames = created.inputNames;
    this.outputNames = created.outputNames;
    this.inputMetadata = created.inputMetadata;
    this.outputMetadata = created.outputMetadata;
    this.nodePlacement = created.nodePlacement;
  }

  static async create(model: string | Uint8Array, options: SessionOptions): Promise<ProxySession> {
    worker ??= ProxyWorker.start();
    // a failed start is not kept: a later create tries again
    const w = await worker.catch((e: unknown) => {
      worker = undefined;
      throw e;
    });
    // a URL relative to the page, not to the worker's script; bytes are copied (the caller keeps them)
    const source = typeof model === 'string' ? new URL(model, (globalThis as { location?: { href: string } }).location?.href).href : model;
    const created = await w.request<CreatedSession>({
      op: 'create', model: source, options, env: { logLevel: env.logLevel, numThreads: env.wasm.numThreads },
    });
    return new ProxySession(w, created.session, created);
  }

  async run(feeds: Record<string, OnnxValue>, arg1?: unknown, arg2?: unknown): Promise<Record<string, OnnxValue>> {
    const { wanted, preallocated, options } = runRequest(this.outputNames, arg1, arg2);
    const sent: Record<string, WireValue> = {};
    const transfer: ArrayBuffer[] = [];
    for (const [name, v] of Object.entries(feeds)) sent[name] = toWire(v, transfer, false);
    const { signal, ...cloneable } = options as RunOptions & { signal?: { aborted: boolean } };
    if (signal) throw new InvalidInputError('env.wasm.proxy: RunOptions.signal cannot reach the proxy worker; use terminate or run without the proxy', 'signal');
    const result = await this.worker.request<RunResult>(
      { op: 'run', session: this.id, feeds: sent, fetches: wanted, options: cloneable }, transfer,
    );
    this.nodePlacement = result.nodePlacement;
    const out: Record<string, OnnxValue> = {};
    for (const [name, w] of Object.entries(result.outputs)) {
      const target = preallocated.get(name);
      out[name] = target ? (writeInto(name, fromWire(w), target) as OnnxValue) : fromWire(w);
    }
    return out;
  }

  startProfiling(): Promise<void> {
    return this.worker.request({ op: 'startProfiling', session: this.id });
  }

  /** The trace's JSON (the worker has no file system), once the worker has ended the profile. */
  endProfiling(): Promise<string> {
    return this.worker.request({ op: 'endProfiling', session: this.id });
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.worker.request({ op: 'release', session: this.id });
  }
}
