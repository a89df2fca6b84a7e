// Resident memory of another process, read from /proc (Linux). Elsewhere it is unknown and
// the pool falls back to V8's heap limit alone.
import fs from 'node:fs';

/** Resident set size of process `pid` in MiB, or undefined where /proc is not available. */
export function residentMiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
