// The dispatcher and the commands that predate bench/check/optimize, after their move to a file each.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_MODEL, runCli, tempDir } from './cli-harness.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('onnx-ts', () => {
  it('--help lists every command, each with its --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'info', 'check', 'bench', 'profile', 'optimize']) {
      expect(r.stdout).toContain(`onnx-ts ${c} MODEL`);
      const own = await runCli([c, '--help']);
      expect(own.code).toBe(0);
      expect(own.stdout.trimStart()).toMatch(new RegExp(`^onnx-ts ${c} MODEL`));
    }
  });

  it('answers an unknown command with exit code 2', async () => {
    const r = await runCli(['benchmark', BUNDLED_MODEL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "benchmark"');
  });

  it('runs the bundled example with no command', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('top-3: red');
  });

  it('run prints outputs and the median time', async () => {
    const r = await runCli(['run', BUNDLED_MODEL, '--repeat', '2', '--level', 'basic']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/probabilities: float32 \[1, 3\]/);
    expect(r.stdout).toMatch(/run median of 2: [\d.]+ ms/);
    expect((await runCli(['run', BUNDLED_MODEL, '--input', 'image'])).stderr).toContain('InvalidInputError: --input needs NAME=FILE, got "image"');
  });

  it('info prints op counts and support', async () => {
    const r = await runCli(['info', BUNDLED_MODEL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('every op is supported');
    expect(r.stdout).toContain('optimized (level all): 10 -> 7 nodes');
  });

  it('profile --json gives the op table and writes the trace where --trace says', async () => {
    const r = await runCli(['profile', BUNDLED_MODEL, '--repeat', '2', '--trace', path.join(dir, 'p'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { trace: string; runs: number; ops: { opType: string }[] };
    expect(j.runs).toBe(2);
    expect(j.trace.startsWith(path.join(dir, 'p'))).toBe(true);
    expect(fs.existsSync(j.trace)).toBe(true);
    expect(j.ops.map((o) => o.opType)).toContain('Gemm');
  });
});
