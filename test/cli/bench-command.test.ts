// `onnx-ts bench`: latency statistics, create time, RSS, threads and where the nodes ran.
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../src/cli/bench-command.js';
import { summarizePlacement } from '../../src/cli/bench-command.js';
import { BUNDLED_MODEL, runCli } from './cli-harness.js';

describe('onnx-ts bench', () => {
  it('--json reports the runs, latency, create time, RSS, threads, providers and placement', async () => {
    const r = await runCli(['bench', BUNDLED_MODEL, '--runs', '4', '--warmup', '1', '--threads', '1', '--provider', 'js', '--level', 'basic', '--json']);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as BenchResult;
    expect(b).toMatchObject({ model: BUNDLED_MODEL, runs: 4, warmup: 1, threads: 1, providers: ['js'], level: 'basic' });
    const l = b.latencyMs;
    expect(l.min).toBeGreaterThan(0);
    expect(l.min).toBeLessThanOrEqual(l.p50);
    expect(l.p50).toBeLessThanOrEqual(l.p90);
    expect(l.p90).toBeLessThanOrEqual(l.max);
    expect(b.createMs).toBeGreaterThan(0);
    expect(b.peakRssBytes).toBeGreaterThan(2 ** 20);
    // level basic leaves the 10 nodes; 'js' is the reference provider, which nodePlacement calls cpu
    expect(b.placement).toEqual({ nodesByProvider: { cpu: 10 }, fallbackRuns: 0, nodesWithFallback: 0 });
    expect(r.stderr).toContain('input image: seeded random float32 [1, 3, 32, 32]');
  });

  it('prints a readable summary with the default providers', async () => {
    const r = await runCli(['bench', BUNDLED_MODEL, '--runs', '3', '--warmup', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^models\/tiny-color-cnn\.onnx: 3 runs after 0 warm-up\nlatency {3}p50 [\d.]+ ms {2}p90 [\d.]+ ms {2}min/);
    expect(r.stdout).toMatch(/peak RSS {2}[\d.]+ MiB/);
    expect(r.stdout).toMatch(/session {3}providers \(default\), level all, threads \d+/);
    expect(r.stdout).toMatch(/placement \d+ nodes on \w+.*; 0 fallback runs to reference kernels/);
  });

  it('counts nodes per provider and the fallbacks', () => {
    expect(summarizePlacement([
      { node: 'a', opType: 'Conv', provider: 'wasm', runs: 3, fallbackRuns: 0 },
      { node: 'b', opType: 'Conv', provider: 'wasm', runs: 3, fallbackRuns: 2 },
      { node: 'c', opType: 'Softmax', provider: 'cpu', runs: 3, fallbackRuns: 0 },
      { node: 'd', opType: 'Gemm', provider: 'wasm', runs: 3, fallbackRuns: 3 },
    ])).toEqual({ nodesByProvider: { wasm: 3, cpu: 1 }, fallbackRuns: 5, nodesWithFallback: 2 });
  });

  it('refuses bad numbers, unknown flags and providers with the right exit code', async () => {
    const zero = await runCli(['bench', BUNDLED_MODEL, '--runs', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--runs needs a whole number >= 1, got "0"');
    expect((await runCli(['bench', BUNDLED_MODEL, '--threads', 'many'])).code).toBe(2);
    const unknown = await runCli(['bench', BUNDLED_MODEL, '--speed']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--speed'");
    const provider = await runCli(['bench', BUNDLED_MODEL, '--provider', 'tpu']);
    expect(provider.code).toBe(1);
    expect(provider.stderr).toContain('InvalidInputError: Unknown execution provider "tpu"');
    expect((await runCli(['bench'])).code).toBe(2);
    expect((await runCli(['bench', '--help'])).stdout).toContain('--warmup N');
  });
});
