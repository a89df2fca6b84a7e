// What a run's RunOptions ask between its nodes: stop (terminate, an aborted signal), and log at
// the run's own severity (info: one summary line; verbose: a line per node), named by its tag;
// and, while the session profiles, each node's event.
import type { NodeRun, RunControl } from './compiled-graph.js';
import type { Profiler } from './profiler.js';
import type { RunOptions } from './session-options.js';

const VERBOSE = 0, INFO = 1;

export interface RunLog {
  control: RunControl;
  /** Logs the summary line (at info and below) once the run is over. */
  finish(ok: boolean): void;
}

/** @param logId the session's SessionOptions.logId, naming it in the run's log lines */
export function runControl(options: RunOptions, sessionLogSeverity: number, profiler?: Profiler, logId?: string): RunLog {
  const level = options.logSeverityLevel ?? sessionLogSeverity;
  const name = `${logId ? `session "${logId}" ` : ''}${options.tag ? `run "${options.tag}"` : 'run'}`;
  const started = performance.now();
  let nodes = 0;
  const fellBack: string[] = [];
  const control: RunControl = {
    stopReason: () => {
      if (options.terminate) return 'RunOptions.terminate';
      if (options.signal?.aborted) return `RunOptions.signal aborted${options.signal.reason ? `: ${String(options.signal.reason)}` : ''}`;
      return undefined;
    },
  };
  const profiling = profiler?.running === true;
  if (level <= INFO || profiling) {
    control.nodeDone = (run: NodeRun) => {
      if (profiling) profiler!.node(run);
      const { placement: node, durationMs, fellBack: fell } = run;
      nodes++;
      if (fell) fellBack.push(`${node.node || node.opType} (${node.opType})`);
      if (level <= VERBOSE) console.debug(`onnx-ts ${name}: node "${node.node}" (${node.opType}) on ${node.provider}${fell ? ', reference fallback' : ''}: ${durationMs.toFixed(3)} ms`);
    };
  }
  return {
    control,
    finish(ok) {
      if (profiling) profiler!.session('model_run', started, performance.now(), { tag: options.tag ?? '', ok });
      if (level > INFO) return;
      const fallbacks = fellBack.length ? `; ${fellBack.length} fell back to reference kernels: ${fellBack.join(', ')}` : '';
      console.info(`onnx-ts ${name}: ${ok ? 'done' : 'failed'} in ${(performance.now() - started).toFixed(1)} ms, ${nodes} nodes${fallbacks}`);
    },
  };
}
