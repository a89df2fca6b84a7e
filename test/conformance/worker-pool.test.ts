import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type PoolOptions, PoolStartError, WorkerPool } from '../../onnx-conformance/worker-pool.js';

type Job = { kind: string; value?: number };
type Result = { value: number; pid: number };

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pool-worker.ts');
/** Runs `body` with a fresh pool, closed afterwards (tests run concurrently: each has its own). */
async function withPool(o: Partial<PoolOptions>, body: (p: WorkerPool<Job, Result>) => Promise<void>): Promise<void> {
  const pool = new WorkerPool<Job, Result>({ script, size: 2, timeoutMs: 5000, memoryMiB: 256, ...o });
  try {
    await body(pool);
  } finally {
    await pool.close();
  }
}

describe.concurrent('WorkerPool', () => {
  it('runs many jobs on a few long-lived workers', async () => {
    await withPool({}, async (p) => {
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => p.run({ kind: 'echo', value: i })));
      const results = outcomes.map((o) => (o.kind === 'done' ? o.result : undefined));
      expect(results.map((r) => r?.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(new Set(results.map((r) => r?.pid)).size).toBeLessThanOrEqual(2);
    });
  });

  it('reports a hang as a timeout, with the job\'s note, and goes on', async () => {
    await withPool({ timeoutMs: 1500 }, async (p) => {
      const [hang, after] = await Promise.all([p.run({ kind: 'hang' }), p.run({ kind: 'echo', value: 7 }), p.run({ kind: 'echo' })]);
      expect(hang).toMatchObject({ kind: 'timeout', note: ['NoteOp'] });
      expect(after).toMatchObject({ kind: 'done', result: { value: 7 } });
      // the hung worker was replaced
      expect(await p.run({ kind: 'echo', value: 1 })).toMatchObject({ kind: 'done' });
    });
  });

  it('reports a dead worker as a crash and replaces it', async () => {
    await withPool({ size: 1 }, async (p) => {
      expect(await p.run({ kind: 'exit' })).toMatchObject({ kind: 'crash', message: expect.stringContaining('exit code 3') });
      const late = await p.run({ kind: 'throw-async' });
      expect(late).toMatchObject({ kind: 'crash', message: expect.stringContaining('TypeError: thrown outside the job') });
      expect(await p.run({ kind: 'echo', value: 2 })).toMatchObject({ kind: 'done', result: { value: 2 } });
    });
  });

  it('reports a runaway heap as a crash', async () => {
    await withPool({ size: 1, memoryMiB: 160, timeoutMs: 30_000 }, async (p) => {
      const o = await p.run({ kind: 'heap' });
      expect(o).toMatchObject({ kind: 'crash' });
      expect(o.kind !== 'done' && o.message).toMatch(/memory/);
      expect(await p.run({ kind: 'echo', value: 3 })).toMatchObject({ kind: 'done' });
    });
  });

  it.runIf(process.platform === 'linux')('caps memory held outside the V8 heap', async () => {
    await withPool({ size: 1, memoryMiB: 300, timeoutMs: 30_000 }, async (p) => {
      const o = await p.run({ kind: 'buffers' });
      expect(o).toMatchObject({ kind: 'crash', message: expect.stringContaining('memory cap exceeded') });
      expect(await p.run({ kind: 'echo', value: 4 })).toMatchObject({ kind: 'done' });
    });
  });

  it('stops with PoolStartError when workers reject their configuration', async () => {
    await withPool({ args: ['reject'] }, async (p) => {
      await expect(p.run({ kind: 'echo' })).rejects.toThrow(PoolStartError);
      await expect(p.run({ kind: 'echo' })).rejects.toThrow(/bad configuration/);
    });
  });

  it('stops with PoolStartError when workers cannot start', async () => {
    await withPool({ script: path.join(path.dirname(script), 'no-such-worker.ts') }, async (p) => {
      await expect(p.run({ kind: 'echo' })).rejects.toThrow(/failed to start 3 times/);
    });
  });
});
