// The per-node rows of a profiled run: session.endProfiling() returns onnxruntime's Chrome trace
// (JSON) in a browser; each node run is a `<node>_kernel_time` event (src/session/profiler.ts).
export interface NodeRow { node: string; opType: string; provider: string; kernel: string; micros: number }

interface TraceEvent { cat: string; name: string; dur: number; args: Record<string, unknown> }

const SUFFIX = '_kernel_time';

/** One row per node event, in the order the nodes ran. */
export function nodeRows(traceJson: string): NodeRow[] {
  const events = JSON.parse(traceJson) as TraceEvent[];
  return events
    .filter((e) => e.cat === 'Node' && e.name.endsWith(SUFFIX))
    .map((e) => ({
      node: e.name.slice(0, -SUFFIX.length),
      opType: String(e.args.op_name ?? ''),
      provider: String(e.args.provider ?? ''),
      kernel: String(e.args.kernel ?? ''),
      micros: e.dur,
    }));
}
