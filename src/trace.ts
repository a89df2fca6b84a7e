// onnxruntime-common's trace helpers, which libraries built on it call around their own work:
// with `env.trace` (or, where that is unset, `env.wasm.trace`) true they mark the browser's or
// inspector's timeline (console.timeStamp) and time events (console.time); otherwise they do nothing.
import { env } from './env.js';

function tracing(): boolean {
  return env.trace ?? env.wasm.trace ?? false;
}

/** Marks `label` on the timeline under `deviceType` (e.g. 'CPU', 'GPU'). */
export const TRACE = (deviceType: string, label: string): void => {
  if (!tracing()) return;
  // timeStamp exists where there is a timeline to mark (browsers, Node's inspector console)
  (console as { timeStamp?: (label: string) => void }).timeStamp?.(`${deviceType}::onnx-ts::${label}`);
};

/** The name of the function that called the TRACE_FUNC_* helper, from the stack. */
function callerName(): string {
  const frames = new Error().stack?.split('\n').slice(1) ?? [];
  const outside = frames.find((f) => !f.includes('TRACE_FUNC') && !f.includes('traceFunc') && !f.includes('callerName'));
  return outside?.trim().split(' ')[1] ?? 'anonymous';
}

function traceFunc(phase: 'BEGIN' | 'END', extraMsg?: string): void {
  if (!tracing()) return;
  TRACE('CPU', `FUNC_${phase}::${callerName()}${extraMsg ? `::${extraMsg}` : ''}`);
}

export const TRACE_FUNC_BEGIN = (extraMsg?: string): void => traceFunc('BEGIN', extraMsg);
export const TRACE_FUNC_END = (extraMsg?: string): void => traceFunc('END', extraMsg);

/** Starts timing the event `extraMsg`; TRACE_EVENT_END with the same name logs its duration. */
export const TRACE_EVENT_BEGIN = (extraMsg?: string): void => {
  if (tracing()) console.time(`onnx-ts::${extraMsg}`);
};

export const TRACE_EVENT_END = (extraMsg?: string): void => {
  if (tracing()) console.timeEnd(`onnx-ts::${extraMsg}`);
};
