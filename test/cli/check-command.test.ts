// `onnx-ts check`: every unsupported node listed with its name, domain and opset; invalid graphs
// and kernel-level attribute errors reported with the typed error; exit code 1 for either.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { Tensor } from '../../data/tensor.js';
import type { CheckReport } from '../../src/cli/check-command.js';
import { BUNDLED_MODEL, runCli, tempDir, writeModel } from './cli-harness.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function modelWith(build: (b: GraphBuilder, x: string) => string, opsets: Record<string, number> = { '': 17 }) {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [2, 3]);
  b.output(build(b, x), 'float32');
  return b.model(opsets);
}

const json = async (file: string) => {
  const r = await runCli(['check', file, '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as CheckReport };
};

describe('onnx-ts check', () => {
  it('passes the bundled model, with inferred output shapes, exit code 0', async () => {
    const r = await runCli(['check', BUNDLED_MODEL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('IR version 8, opsets ai.onnx 17; 10 nodes');
    expect(r.stdout).toMatch(/output probabilities: float32 \[.*3\]/);
    expect(r.stdout).toContain('ok: the model is valid and every op is supported');
    const { report } = await json(BUNDLED_MODEL);
    expect(report).toMatchObject({ ok: true, nodes: 10, errors: [], unsupported: [], opsets: { 'ai.onnx': 17 } });
    expect(report.shapes!.outputs[0]).toMatchObject({ name: 'probabilities', type: 'float32' });
  });

  it('lists every unsupported node, in the main graph and in subgraphs, without stopping at the first', async () => {
    const thenBranch = new GraphBuilder('then');
    thenBranch.output(thenBranch.op('Frobnicate', ['x'], {}, 'inside_if'), 'float32');
    const file = writeModel(dir, 'unsupported.onnx', modelWith((b, x) => {
      const a = b.op('Frobnicate', [x], {}, 'mystery');
      const c = b.node('Custom', [a], {}, { name: 'vendor_op', domain: 'com.example' })[0];
      const d = b.op('Reluu', [c], {}, 'typo');
      const cond = b.initializer('cond', new Tensor('bool', [1], []));
      const e = b.op('If', [cond], { then_branch: thenBranch.graph(), else_branch: thenBranch.graph() }, 'branch');
      return b.op('Add', [d, e], {}, 'sum');
    }, { '': 17, 'com.example': 1 }));
    const text = await runCli(['check', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Unsupported operator ai.onnx.Frobnicate at opset 17 (node "mystery")');
    expect(text.stdout).toContain('NOT ok: 5 unsupported nodes');
    const { code, report } = await json(file);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([]);
    expect(report.unsupported.map((u) => [u.node, u.domain, u.opType, u.opset])).toEqual([
      ['mystery', '', 'Frobnicate', 17],
      ['vendor_op', 'com.example', 'Custom', 1],
      ['typo', '', 'Reluu', 17],
      ['inside_if', '', 'Frobnicate', 17],
      ['inside_if', '', 'Frobnicate', 17],
    ]);
    expect(report.unsupported[2].suggestion).toBe('ai.onnx.Relu');
    expect(report.unsupported[1].message).toContain('onnx-ts does not implement com.example.Custom');
  });

  it('reports an op of a domain the model does not import as invalid', async () => {
    const file = writeModel(dir, 'no-import.onnx', modelWith((b, x) => b.node('Custom', [x], {}, { name: 'orphan', domain: 'com.other' })[0]));
    const { code, report } = await json(file);
    expect(code).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ error: 'InvalidModelError', node: 'orphan' })]);
    expect(report.errors[0].message).toContain('domain "com.other", which the model does not import');
  });

  it('reports a graph reading an undefined value with the typed error, exit code 1', async () => {
    const file = writeModel(dir, 'dangling.onnx', modelWith((b, x) => b.op('Add', [x, 'nowhere'], {}, 'adder')));
    const r = await runCli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('InvalidModelError: Node "adder" (Add) uses input "nowhere"');
  });

  it('finds attribute errors that only binding the kernels reveals, without running', async () => {
    const file = writeModel(dir, 'bad-cast.onnx', modelWith((b, x) => b.op('Cast', [x], { to: 999 }, 'caster')));
    const { code, report } = await json(file);
    expect(code).toBe(1);
    expect(report.unsupported).toEqual([]);
    expect(report.errors).toEqual([expect.objectContaining({ error: 'InvalidModelError', node: 'caster' })]);
  });

  it('reports a file that is not a model as a load error', async () => {
    const file = path.join(dir, 'garbage.onnx');
    fs.writeFileSync(file, Buffer.from('this is not protobuf at all'));
    const { code, report } = await json(file);
    expect(code).toBe(1);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].error).toMatch(/ModelLoadError|InvalidModelError/);
  });

  it('answers --help, and a missing model with exit code 2', async () => {
    expect((await runCli(['check', '--help'])).stdout).toContain('onnx-ts check MODEL');
    const r = await runCli(['check', path.join(dir, 'absent.onnx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });
});
