import { describe, expect, it } from 'vitest';
import { formatOpTimes, opTimes } from '../../src/cli/profile-table.js';
import type { TraceEvent } from '../../src/session/profiler.js';

const node = (op: string, dur: number, provider = 'wasm', kernel = provider): TraceEvent => ({
  cat: 'Node', name: `${op}_kernel_time`, pid: 1, tid: 0, ts: 0, dur, ph: 'X', args: { op_name: op, provider, kernel },
});

describe('onnx-ts profile table', () => {
  it('sums node time per op type, largest first, with providers and fallbacks; session events do not count', () => {
    const rows = opTimes([
      node('Conv', 3000), node('Relu', 500), node('Conv', 1000), node('Softmax', 500, 'wasm', 'reference fallback'), node('Flatten', 0, 'cpu', 'reference'),
      { ...node('x', 99_000), cat: 'Session', name: 'model_run' },
    ]);
    expect(rows.map((r) => [r.opType, r.count, r.totalMs, r.percent, r.providers])).toEqual([
      ['Conv', 2, 4, 80, 'wasm'], ['Relu', 1, 0.5, 10, 'wasm'], ['Softmax', 1, 0.5, 10, 'wasm (1 fallbacks)'], ['Flatten', 1, 0, 0, 'cpu'],
    ]);
    expect(formatOpTimes(rows).split('\n')[1]).toBe('Conv         2      4.00  80.0  wasm');
  });
});
