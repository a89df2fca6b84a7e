// env.wasm.proxy's worker: holds the page's sessions and answers proxy-session.ts's requests.
// Starts serving on its own when loaded as the proxy worker (the classic bundle loaded by
// name, or this module loaded directly), so it is also the module form's worker script. In a
// dedicated worker Atomics.wait is allowed, so the wasm provider's threads wait as in Node.
import { SessionReleasedError } from '../../data/errors.js';
import type { OnnxValue } from '../../data/tensor.js';
import { env, type LogLevel } from '../env.js';
import { InferenceSession } from '../inference-session.js';
import { inProxyWorker } from './proxy-script.js';
import { type ProxyReply, type ProxyRequest, type WireValue, errorToWire, fromWire, toWire } from './proxy-wire.js';

interface WorkerScope {
  onmessage: ((e: { data: ProxyRequest & { id: number } }) => void) | null;
  postMessage(message: ProxyReply | 'ready', transfer?: ArrayBuffer[]): void;
}

const sessions = new Map<number, InferenceSession>();
let nextSession = 1;

function live(id: number): InferenceSession {
  const s = sessions.get(id);
  if (!s) throw new SessionReleasedError();
  return s;
}

async function answer(r: ProxyRequest, transfer: ArrayBuffer[]): Promise<unknown> {
  switch (r.op) {
    case 'create': {
      if (r.env.logLevel) env.logLevel = r.env.logLevel as LogLevel;
      env.wasm.numThreads = r.env.numThreads;
      const s = await InferenceSession.create(r.model, r.options);
      const id = nextSession++;
      sessions.set(id, s);
      return {
        session: id, inputNames: [...s.inputNames], outputNames: [...s.outputNames],
        inputMetadata: [...s.inputMetadata], outputMetadata: [...s.outputMetadata], nodePlacement: s.nodePlacement,
      };
    }
    case 'run': {
      const s = live(r.session);
      const feeds: Record<string, OnnxValue> = {};
      for (const [name, w] of Object.entries(r.feeds)) feeds[name] = fromWire(w);
      const results = await (r.fetches ? s.run(feeds, [...r.fetches], r.options) : s.run(feeds, r.options));
      const outputs: Record<string, WireValue> = {};
      for (const [name, v] of Object.entries(results)) outputs[name] = toWire(v as OnnxValue, transfer, true);
      return { outputs, nodePlacement: s.nodePlacement };
    }
    case 'startProfiling': return live(r.session).startProfiling();
    case 'endProfiling': return live(r.session).endProfiling();
    case 'release': {
      const s = sessions.get(r.session);
      sessions.delete(r.session);
      return s?.release();
    }
  }
}

let serving = false;

/** Answers requests, in order of arrival; each reply carries its request's id. */
export function serveProxy(): void {
  if (serving) return;
  serving = true;
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = ({ data }) => {
    const transfer: ArrayBuffer[] = [];
    answer(data, transfer).then(
      (result) => {
        try {
          scope.postMessage({ id: data.id, ok: true, result: result ?? null }, transfer);
        } catch (e) {
          scope.postMessage({ id: data.id, ok: false, error: errorToWire(e) });
        }
      },
      (e: unknown) => scope.postMessage({ id: data.id, ok: false, error: errorToWire(e) }),
    );
  };
  scope.postMessage('ready');
}

if (inProxyWorker()) serveProxy();
