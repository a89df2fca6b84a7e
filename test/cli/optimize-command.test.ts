// `onnx-ts optimize`: writes a model that loads and computes what the original does, and says
// what changed (op counts, passes).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../graph/load-model.js';
import type { Tensor } from '../../data/tensor.js';
import { InferenceSession } from '../../src/inference-session.js';
import type { OptimizeSummary } from '../../src/cli/optimize-command.js';
import { randomFeed } from '../../src/cli/feeds.js';
import { BUNDLED_MODEL, runCli, tempDir } from './cli-harness.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function outputsOf(file: string, feeds: Record<string, Tensor>): Promise<Float32Array> {
  const session = await InferenceSession.create(file, { executionProviders: ['js'], graphOptimizationLevel: 'disabled' });
  const out = await session.run(feeds);
  await session.release();
  return (out[session.outputNames[0]] as Tensor).data as Float32Array;
}

describe('onnx-ts optimize', () => {
  it('writes a loadable model whose outputs match the original, and reports the fusions', async () => {
    const out = path.join(dir, 'all.onnx');
    const r = await runCli(['optimize', BUNDLED_MODEL, '-o', out, '--level', 'all']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nodes: 10 -> 7');
    expect(r.stdout).toMatch(/onnx-ts\.FusedConv\s+0\s+2\s+\(\+2\)/);
    expect(r.stdout).toMatch(/BatchNormalization\s+1\s+0\s+\(-1\)/);
    expect(r.stdout).toContain('fold-conv-batchnorm 1');
    expect(loadModel(out).graph.nodes).toHaveLength(7);
    const original = loadModel(BUNDLED_MODEL);
    const feeds = { image: randomFeed(original.graph.inputs[0]) };
    const [a, b] = [await outputsOf(BUNDLED_MODEL, feeds), await outputsOf(out, feeds)];
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
  });

  it('--json holds the counts before and after and the passes that changed the graph', async () => {
    const out = path.join(dir, 'extended.onnx');
    const r = await runCli(['optimize', BUNDLED_MODEL, '-o', out, '--level', 'extended', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as OptimizeSummary;
    expect(s).toMatchObject({ model: BUNDLED_MODEL, output: out, level: 'extended', nodesBefore: 10 });
    expect(s.bytes).toBe(fs.statSync(out).size);
    expect(Object.values(s.opsBefore).reduce((x, y) => x + y, 0)).toBe(s.nodesBefore);
    expect(Object.values(s.opsAfter).reduce((x, y) => x + y, 0)).toBe(s.nodesAfter);
    expect(s.opsBefore.BatchNormalization).toBe(1);
    expect(s.opsAfter.BatchNormalization).toBeUndefined();
    expect(s.passRuns['fold-conv-batchnorm']).toBe(1);
  });

  it('at level disabled writes the graph unchanged', async () => {
    const out = path.join(dir, 'disabled.onnx');
    const r = await runCli(['optimize', BUNDLED_MODEL, '-o', out, '--level', 'disabled', '--json']);
    const s = JSON.parse(r.stdout) as OptimizeSummary;
    expect(s.opsAfter).toEqual(s.opsBefore);
    expect(s.passRuns).toEqual({});
  });

  it('refuses a missing -o or an unknown level with exit code 2', async () => {
    const noOut = await runCli(['optimize', BUNDLED_MODEL]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('-o OUT');
    const badLevel = await runCli(['optimize', BUNDLED_MODEL, '-o', path.join(dir, 'x.onnx'), '--level', 'max']);
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toContain('--level must be one of disabled, basic, extended, all, got "max"');
    expect(fs.existsSync(path.join(dir, 'x.onnx'))).toBe(false);
    expect((await runCli(['optimize', '-h'])).stdout).toContain('-o, --output OUT');
  });
});
