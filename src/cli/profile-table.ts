// `onnx-ts profile`: the top op types by time, from a profile's node events.
import type { TraceEvent } from '../session/profiler.js';

export interface OpTime {
  opType: string;
  count: number;
  totalMs: number;
  percent: number;
  /** Where its nodes ran, e.g. "wasm" or "wasm, cpu"; "(N fallbacks)" when a provider fell back. */
  providers: string;
}

export function opTimes(events: readonly TraceEvent[]): OpTime[] {
  const byOp = new Map<string, { count: number; us: number; providers: Set<string>; fallbacks: number }>();
  let totalUs = 0;
  for (const e of events) {
    if (e.cat !== 'Node') continue;
    const op = String(e.args.op_name);
    const entry = byOp.get(op) ?? { count: 0, us: 0, providers: new Set<string>(), fallbacks: 0 };
    entry.count++;
    entry.us += e.dur;
    entry.providers.add(String(e.args.provider));
    if (e.args.kernel === 'reference fallback') entry.fallbacks++;
    byOp.set(op, entry);
    totalUs += e.dur;
  }
  return [...byOp].map(([opType, e]) => ({
    opType,
    count: e.count,
    totalMs: e.us / 1000,
    percent: totalUs ? (100 * e.us) / totalUs : 0,
    providers: [...e.providers].join(', ') + (e.fallbacks ? ` (${e.fallbacks} fallbacks)` : ''),
  })).sort((a, b) => b.totalMs - a.totalMs);
}

export function formatOpTimes(rows: readonly OpTime[]): string {
  const header = ['op type', 'count', 'total ms', '%', 'provider'];
  const cells = rows.map((r) => [r.opType, String(r.count), r.totalMs.toFixed(2), r.percent.toFixed(1), r.providers]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i === 4 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}
