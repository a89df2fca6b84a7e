// What a run's RunOptions ask between its nodes: stop (terminate, an aborted signal), and log at
// the run's own severity (info: one summary line; verbose: a line per node), named by its tag.
import type { NodePlacement, RunControl } from './compiled-graph.js';
import type { RunOptions } from './session-options.js';

const VERBOSE = 0, INFO = 1;

export interface RunLog {
  control: RunControl;
  /** Logs the summary line (at info and below) once the run is over. */
  finish(ok: boolean): void;
}

export function runControl(options: RunOptions, sessionLogSeverity: number): RunLog {
  const level = options.logSeverityLevel ?? sessionLogSeverity;
  const name = options.tag ? `run "${options.tag}"` : 'run';
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
  if (level <= INFO) {
    control.nodeDone = (node: NodePlacement, ms: number, fell: boolean) => {
      nodes++;
      if (fell) fellBack.push(`${node.node || node.opType} (${node.opType})`);
      if (level <= VERBOSE) console.debug(`onnx-ts ${name}: node "${node.node}" (${node.opType}) on ${node.provider}${fell ? ', reference fallback' : ''}: ${ms.toFixed(3)} ms`);
    };
  }
  return {
    control,
    finish(ok) {
      if (level > INFO) return;
      const fallbacks = fellBack.length ? `; ${fellBack.length} fell back to reference kernels: ${fellBack.join(', ')}` : '';
      console.info(`onnx-ts ${name}: ${ok ? 'done' : 'failed'} in ${(performance.now() - started).toFixed(1)} ms, ${nodes} nodes${fallbacks}`);
    },
  };
}
