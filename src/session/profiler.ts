// Profiles in onnxruntime's format, so the tools and scripts people use on onnxruntime's read
// ours: a Chrome trace (a JSON array of complete "X" events, times in µs from the start), with
// onnxruntime's event names: session events (model_loading_*, session_initialization,
// model_run) and one `<node>_kernel_time` event per node run, whose args carry op_name,
// provider, node_index, activation_size, parameter_size, output_size and the input and output
// type-shapes. `kernel` says what really ran: the provider's own kernel or the reference one.
import type { TensorData } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import type { KernelInput } from '../../ops/types.js';
import type { NodeRun } from './compiled-graph.js';

export interface TraceEvent {
  cat: 'Session' | 'Node';
  name: string;
  pid: number;
  tid: number;
  /** Start and duration in µs; the start counts from when profiling began. */
  ts: number;
  dur: number;
  ph: 'X';
  args: Record<string, unknown>;
}

/** onnxruntime's names for element types in type-shapes (float32 is "float"). */
const ORT_TYPE_NAMES: Record<string, string> = { float32: 'float', float64: 'double' };

function typeShape(v: KernelInput): Record<string, number[]> | undefined {
  if (!(v instanceof Tensor)) return undefined;
  return { [ORT_TYPE_NAMES[v.type] ?? v.type]: [...v.dims] };
}

function bytesOf(v: KernelInput | OnnxValue): number {
  if (!(v instanceof Tensor) || v.location === 'gpu-buffer') return 0;
  const data = v.data as TensorData;
  return Array.isArray(data) ? 0 : (data as ArrayBufferView).byteLength;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The profile's file name: onnxruntime's `<prefix>_<date>_<time>.json`. */
export function profileFileName(prefix: string, at = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return `${prefix}_${date}_${time}.json`;
}

export class Profiler {
  private events: TraceEvent[] = [];
  private originMs = 0;
  private active = false;
  private readonly pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;

  get running(): boolean {
    return this.active;
  }

  start(atMs = performance.now()): void {
    if (this.active) return;
    this.active = true;
    this.originMs = atMs;
    this.events = [];
  }

  /** A session-level span (model loading, initialization, a run). */
  session(name: string, startMs: number, endMs: number, args: Record<string, unknown> = {}): void {
    if (this.active) this.push('Session', name, startMs, endMs - startMs, args);
  }

  node(run: NodeRun): void {
    if (!this.active) return;
    const { placement, inputs, outputs, constantInputs } = run;
    const inputBytes = inputs.map(bytesOf);
    const kernel = placement.provider === 'cpu' ? 'reference' : run.fellBack ? 'reference fallback' : placement.provider;
    this.push('Node', `${placement.node || placement.opType}_kernel_time`, run.startMs, run.durationMs, {
      op_name: placement.opType,
      provider: placement.provider,
      kernel,
      node_index: String(run.index),
      activation_size: String(sum(inputBytes.filter((_, i) => !constantInputs[i]))),
      parameter_size: String(sum(inputBytes.filter((_, i) => constantInputs[i]))),
      output_size: String(sum(outputs.map(bytesOf))),
      input_type_shape: inputs.map(typeShape).filter((t) => t !== undefined),
      output_type_shape: outputs.map(typeShape).filter((t) => t !== undefined),
    });
  }

  /** Stops profiling and gives the trace as JSON text. */
  end(): string {
    this.active = false;
    const json = `[\n${this.events.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;
    this.events = [];
    return json;
  }

  private push(cat: TraceEvent['cat'], name: string, startMs: number, durMs: number, args: Record<string, unknown>): void {
    this.events.push({
      cat, name, pid: this.pid, tid: 0, ts: Math.round((startMs - this.originMs) * 1000), dur: Math.max(0, Math.round(durMs * 1000)), ph: 'X', args,
    });
  }
}
