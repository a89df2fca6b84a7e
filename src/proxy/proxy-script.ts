// Where env.wasm.proxy's worker loads onnx-ts from, noted while this module is evaluated (a
// classic <script>'s URL is known only then), and whether a session should go there. Kept
// apart from proxy-session.ts so that the proxy itself is loaded only when asked for.
import { env } from '../env.js';
import { PROXY_WORKER_NAME } from './proxy-wire.js';

interface Scope { document?: { currentScript?: { src?: string } | null }; name?: string; WorkerGlobalScope?: unknown }
const scope = globalThis as unknown as Scope;

/** The bundle as a classic script (a page's <script src>): the worker loads that same file. */
const classicScript = scope.document?.currentScript?.src || undefined;

/** The worker's script: the classic bundle that holds this module, else this package's worker module. */
export function proxyWorkerScript(): { url: string | URL; type: 'classic' | 'module' } | undefined {
  if (classicScript) return { url: classicScript, type: 'classic' };
  try {
    // the module form bundlers recognise (new Worker(new URL(..., import.meta.url))); throws where import.meta is empty
    return { url: new URL('./proxy-worker.js', import.meta.url), type: 'module' };
  } catch {
    return undefined;
  }
}

/** Whether sessions go to the proxy worker: env.wasm.proxy on a page's main thread (not in Node, nor in the worker). */
export function proxyWanted(): boolean {
  return env.wasm.proxy === true && scope.document !== undefined && !inProxyWorker();
}

/** Whether this is env.wasm.proxy's worker, which serves sessions instead of proxying them. */
export function inProxyWorker(): boolean {
  return scope.WorkerGlobalScope !== undefined && scope.name === PROXY_WORKER_NAME;
}
