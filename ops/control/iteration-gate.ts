// Loop, Scan and SequenceMap run their body many times inside one node. Between iterations
// they honour a stop request (RunOptions.terminate, an aborted signal), and every so often
// they let the event loop run, so that a timer (AbortSignal.timeout) can fire, and other work
// go on, while a loop of a billion iterations runs.
import { RunTerminatedError } from '../../data/errors.js';
import type { RuntimeContext } from '../types.js';

const YIELD_EVERY_MS = 50;

/**
 * A check to call before each iteration: throws RunTerminatedError when the run must stop,
 * and returns a promise to await when it is time to let the event loop run.
 */
export function iterationGate(rt: RuntimeContext, node: string): (iteration: number) => Promise<void> | undefined {
  let last = performance.now();
  return (iteration) => {
    const stop = rt.stopReason?.();
    if (stop !== undefined) throw new RunTerminatedError(stop, `${node}, iteration ${iteration}`);
    const now = performance.now();
    if (now - last < YIELD_EVERY_MS) return undefined;
    last = now;
    return new Promise((resolve) => setTimeout(resolve, 0));
  };
}
