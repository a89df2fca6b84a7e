// The soak's short version: two sessions (the bundled model and a Loop model whose iterations
// yield, so runs really interleave) with 16 runs in flight each for 10 s. Every output must be
// bit-identical to its serial run, no run may fail, no rejection may go unhandled.
// The long one is `npm run soak` (10 minutes, 8 sessions, 32 in flight).
import { describe, expect, it } from 'vitest';
import { runCycles, runSoak } from '../../bench/soak-run.js';

describe('soak (short)', () => {
  it('concurrent runs on two sessions match their serial runs bit for bit for 10 s', async () => {
    const r = await runSoak({ seconds: 10, sessions: 2, concurrency: 16, shared: false });
    expect(r.models.map((m) => m.name)).toEqual(['tiny-color-cnn (bundled)', 'loop-scan']);
    expect(r.firstProblem).toBeUndefined();
    expect(r.mismatches).toBe(0);
    expect(r.errors).toBe(0);
    expect(r.unhandledRejections).toBe(0);
    for (const m of r.models) expect(m.runs).toBeGreaterThan(16);
  }, 120_000);

  it('create/run/release cycles complete', async () => {
    const c = await runCycles(20, 2, undefined);
    expect(c.rssMiB.length).toBeGreaterThan(0);
  }, 60_000);
});
