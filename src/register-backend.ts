// onnxruntime-common's registerBackend, so that code calling it runs unchanged on onnx-ts. A
// backend there is what InferenceSession.create hands the model to; onnx-ts runs every model on
// its own providers and has no such seam, so a registered backend is checked as onnxruntime
// checks it and then not used, which it says once per name (at env.logLevel 'warning' and below).
import { env } from './env.js';

const WARN_LEVELS = new Set(['verbose', 'info', 'warning']);
const told = new Set<string>();

export function registerBackend(name: string, backend: object, priority: number): void {
  const b = backend as { init?: unknown; createInferenceSessionHandler?: unknown } | null;
  if (!b || typeof b.init !== 'function' || typeof b.createInferenceSessionHandler !== 'function') {
    throw new TypeError('not a valid backend');
  }
  if (typeof name !== 'string' || typeof priority !== 'number') throw new TypeError('registerBackend(name, backend, priority): name must be a string and priority a number');
  if (told.has(name)) return;
  told.add(name);
  if (WARN_LEVELS.has(env.logLevel ?? 'warning')) {
    console.warn(`onnx-ts: registerBackend('${name}'): onnx-ts runs models on its own providers, so this backend is not used`);
  }
}
