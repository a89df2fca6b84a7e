// What crosses between a page and env.wasm.proxy's worker: requests and replies, values
// (Tensors rebuilt on the far side, their data copied or transferred), and errors (rebuilt
// as the same typed error class with the same message and fields, so `instanceof
// InvalidInputError` holds on the page as it would without the proxy).
import * as errors from '../../data/errors.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import type { NodePlacement } from '../session/compiled-graph.js';
import type { RunOptions, SessionOptions } from '../session/session-options.js';

/** The name the proxy worker is started with: the bundle, loaded in a worker, serves when it sees it. */
export const PROXY_WORKER_NAME = 'onnx-ts-proxy';

export type ProxyRequest =
  | { op: 'create'; model: string | Uint8Array; options: SessionOptions; env: { logLevel?: string; numThreads?: number } }
  | { op: 'run'; session: number; feeds: Record<string, WireValue>; fetches?: readonly string[]; options?: RunOptions }
  | { op: 'release' | 'startProfiling' | 'endProfiling'; session: number };

export interface CreatedSession {
  session: number;
  inputNames: string[];
  outputNames: string[];
  /** InferenceSession's ValueMetadata, as the worker's session has it (typed there: importing it here would make a cycle). */
  inputMetadata: object[];
  outputMetadata: object[];
  nodePlacement: NodePlacement[];
}

export interface RunResult { outputs: Record<string, WireValue>; nodePlacement: NodePlacement[] }

export type ProxyReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WireError };

export type WireValue =
  | { kind: 'tensor'; type: Tensor['type']; dims: number[]; data: Tensor['data'] }
  | { kind: 'sequence'; items: WireValue[] }
  | { kind: 'map'; entries: [string | number | bigint, WireValue][] }
  | { kind: 'null' };

export interface WireError { name: string; message: string; fields: Record<string, string | number | boolean> }

/**
 * A value as plain data. `transfer` collects buffers the receiver may take over: only where
 * `owned` (the worker's outputs, which nobody else holds), never a caller's feeds.
 */
export function toWire(v: OnnxValue, transfer: ArrayBuffer[], owned: boolean): WireValue {
  if (v === null) return { kind: 'null' };
  if (Array.isArray(v)) return { kind: 'sequence', items: v.map((x) => toWire(x, transfer, owned)) };
  if (v instanceof Map) return { kind: 'map', entries: [...v].map(([k, x]) => [k, toWire(x, transfer, owned)]) };
  const t = v as Tensor;
  if (t.location !== 'cpu') {
    throw new errors.TensorLocationError(`env.wasm.proxy passes only 'cpu' tensors to and from its worker; this one is on '${t.location}'`, t.location);
  }
  const data = t.data;
  if (ArrayBuffer.isView(data)) {
    const view = data as unknown as Uint8Array;
    // take the worker's own buffer as it is; copy a shared or partly used one (a feed, an arena view)
    const whole = owned && view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
    const sent = whole ? data : (data as unknown as { slice(): Tensor['data'] }).slice();
    transfer.push((sent as unknown as Uint8Array).buffer as ArrayBuffer);
    return { kind: 'tensor', type: t.type, dims: [...t.dims], data: sent };
  }
  return { kind: 'tensor', type: t.type, dims: [...t.dims], data };
}

export function fromWire(w: WireValue): OnnxValue {
  switch (w.kind) {
    case 'null': return null;
    case 'sequence': return w.items.map(fromWire);
    case 'map': return new Map(w.entries.map(([k, x]) => [k, fromWire(x)]));
    default: return new Tensor(w.type, w.data, w.dims);
  }
}

export function errorToWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: WireError['fields'] = {};
  for (const [k, v] of Object.entries(e)) {
    if (k !== 'name' && k !== 'message' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) fields[k] = v;
  }
  return { name: e.name, message: e.message, fields };
}

const ERROR_CLASSES: Record<string, new (...args: never[]) => Error> = {
  ...(errors as unknown as Record<string, new (...args: never[]) => Error>), TypeError, RangeError, Error,
};

/** The error again, as its own class (its constructor is not run: fields are set as they were). */
export function errorFromWire(w: WireError): Error {
  const Class = Object.hasOwn(ERROR_CLASSES, w.name) && typeof ERROR_CLASSES[w.name] === 'function' ? ERROR_CLASSES[w.name] : Error;
  const e = Object.create(Class.prototype) as Error;
  Object.defineProperty(e, 'message', { value: w.message, writable: true, configurable: true });
  Object.defineProperty(e, 'name', { value: w.name, writable: true, configurable: true, enumerable: Class !== Error && Class !== TypeError && Class !== RangeError });
  Object.assign(e, w.fields);
  Object.defineProperty(e, 'stack', { value: `${w.name}: ${w.message}\n    at the onnx-ts proxy worker`, writable: true, configurable: true });
  return e;
}
