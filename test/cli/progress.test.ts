// Progress lines: rewritten in place on a terminal, at most one plain line a second in a log.
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import { latencyStats, percentile } from '../../src/cli/latency-stats.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => written.push(s) };
}

describe('Progress', () => {
  it('on a terminal rewrites one line with \\r and erases it when done', () => {
    const s = stream(true);
    const p = new Progress(s, () => 0);
    p.step('loading…');
    p.step('run 1/2');
    p.done();
    expect(s.written).toEqual(['\rloading…\x1b[K', '\rrun 1/2\x1b[K', '\r\x1b[K']);
  });

  it('in a log writes nothing in the first second, then plain lines at most one a second', () => {
    const s = stream(false);
    let t = 0;
    const p = new Progress(s, () => t);
    p.step('loading…');
    t = 400;
    p.step('run 1/3');
    t = 1200;
    p.step('run 2/3');
    t = 1900;
    p.step('run 3/3');
    t = 2300;
    p.step('done soon');
    p.done();
    expect(s.written).toEqual(['run 2/3\n', 'done soon\n']);
  });
});

describe('latency statistics', () => {
  it('interpolates percentiles between ranks, as numpy does', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([7], 90)).toBe(7);
    expect(latencyStats([4, 1, 3, 2])).toEqual({ min: 1, mean: 2.5, p50: 2.5, p90: 3.7, max: 4 });
  });
});
