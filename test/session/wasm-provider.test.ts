// executionProviders: ['wasm'] end to end: small graphs land on the wasm kernels where they
// can and fall back (to the reference kernel inside the wasm op, or to the cpu provider)
// where they cannot, with the reference's results; MobileNet v2 matches PyTorch.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeValueFile } from '../../graph/decode-value.js';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue, Tensor } from '../../src/index.js';
import { sharedModelsDir } from '../data-paths.js';
import { randomF32, rng } from '../kernels/wasm-reference.js';
import { runBoth } from './wasm-vs-reference.js';

/** Conv(+bias) -> Relu -> MaxPool -> Add(channel bias) -> GlobalAveragePool -> Gemm -> Softmax, float32 or float64. */
function smallCnn(type: 'float32' | 'float64'): Uint8Array {
  const r = rng(11);
  const t = (dims: number[]) => {
    const v = randomF32(dims.reduce((a, b) => a * b, 1), r);
    return new Tensor(type, type === 'float32' ? v : Float64Array.from(v), dims);
  };
  const g = new GraphBuilder('small-cnn');
  g.input('x', type, [2, 3, 12, 12]);
  g.initializer('w', t([8, 3, 3, 3]));
  g.initializer('b', t([8]));
  g.initializer('cb', t([8, 1, 1]));
  g.initializer('fw', t([5, 8]));
  g.initializer('fb', t([5]));
  const c = g.op('Conv', ['x', 'w', 'b'], { pads: [1, 1, 1, 1], strides: [1, 1] });
  const rl = g.op('Relu', [c]);
  const mp = g.op('MaxPool', [rl], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  const ad = g.op('Add', [mp, 'cb']);
  const gp = g.op('GlobalAveragePool', [ad]);
  const fl = g.op('Flatten', [gp]);
  const fc = g.op('Gemm', [fl, 'fw', 'fb'], { transB: 1 });
  const [sm] = g.node('Softmax', [fc], {}, { outputs: ['y'] });
  g.output(sm, type);
  return encodeModel(g.model({ '': 13 }));
}

describe('wasm execution provider', () => {
  it('runs a small float32 CNN on the wasm kernels with the reference results', async () => {
    const x = new Tensor('float32', randomF32(2 * 3 * 12 * 12, rng(3)), [2, 3, 12, 12]);
    const [wasm, cpu] = await runBoth(smallCnn('float32'), { x });
    const onWasm = new Set(wasm.placement.filter((p) => p.provider === 'wasm').map((p) => p.opType));
    for (const op of ['Conv', 'MaxPool', 'Add', 'GlobalAveragePool', 'Gemm', 'Softmax']) {
      expect([...onWasm].some((o) => o === op || o === `Fused${op}`), op).toBe(true);
    }
    expect(wasm.placement.find((p) => p.opType === 'Flatten')?.provider).toBe('cpu');
    // the SIMD kernels ran: no wasm node fell back to its reference kernel inside the binding
    const onWasmNodes = wasm.placement.filter((p) => p.provider === 'wasm');
    expect(onWasmNodes.map((p) => [p.opType, p.runs, p.fallbackRuns])).toEqual(onWasmNodes.map((p) => [p.opType, 1, 0]));
    expect(compareValues(wasm.out.y, cpu.out.y, { rtol: 1e-4, atol: 1e-6 }, 'y')).toBeUndefined();
  });

  it('falls back to the reference kernels for float64', async () => {
    const x = new Tensor('float64', Float64Array.from(randomF32(2 * 3 * 12 * 12, rng(3))), [2, 3, 12, 12]);
    const [wasm, cpu] = await runBoth(smallCnn('float64'), { x });
    expect(compareValues(wasm.out.y, cpu.out.y, { rtol: 1e-12, atol: 1e-14 }, 'y')).toBeUndefined();
    // every node bound to wasm ran its reference kernel, and says so
    const onWasmNodes = wasm.placement.filter((p) => p.provider === 'wasm');
    expect(onWasmNodes.length).toBeGreaterThan(0);
    expect(onWasmNodes.every((p) => p.runs === 1 && p.fallbackRuns === 1)).toBe(true);
  });

  it('falls back for broadcasts and axes the kernels do not cover', async () => {
    const g = new GraphBuilder('fallbacks');
    g.input('a', 'float32', [3, 1]);
    g.input('b', 'float32', [1, 4]);
    const s = g.op('Add', ['a', 'b']);
    const m = g.op('Mul', [s, 'b']);
    const [sm] = g.node('Softmax', [m], { axis: 0 }, { outputs: ['y'] });
    g.output(sm, 'float32');
    const model = encodeModel(g.model({ '': 13 }));
    const feeds = {
      a: new Tensor('float32', randomF32(3, rng(1)), [3, 1]),
      b: new Tensor('float32', randomF32(4, rng(2)), [1, 4]),
    };
    const [wasm, cpu] = await runBoth(model, feeds);
    expect(compareValues(wasm.out.y, cpu.out.y, { rtol: 1e-6, atol: 1e-7 }, 'y')).toBeUndefined();
    const softmax = wasm.placement.find((p) => p.opType === 'Softmax');
    expect(softmax).toMatchObject({ provider: 'wasm', runs: 1, fallbackRuns: 1 });
    // the reference provider has no binding to fall back from
    expect(cpu.placement.every((p) => p.fallbackRuns === 0)).toBe(true);
  });
});

const modelsRoot = sharedModelsDir();
const mobilenet = modelsRoot && path.join(modelsRoot, 'mobilenet_v2');

describe.skipIf(!mobilenet || !fs.existsSync(path.join(mobilenet, 'model.onnx')))('mobilenet_v2 on the wasm provider', () => {
  it('matches PyTorch within rtol 1e-3 / atol 1e-4', async () => {
    const dir = mobilenet!;
    const set = path.join(dir, 'test_data_set_0');
    const read = (prefix: string) => fs.readdirSync(set).filter((f) => f.startsWith(prefix)).sort()
      .map((f) => decodeValueFile(fs.readFileSync(path.join(set, f))));
    const session = await InferenceSession.create(path.join(dir, 'model.onnx'), { executionProviders: ['wasm'] });
    const inputs = read('input_'), expected = read('output_');
    const feeds: Record<string, OnnxValue> = {};
    session.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
    const out = await session.run(feeds);
    session.outputNames.forEach((n, i) => {
      expect(compareValues(out[n], expected[i], { rtol: 1e-3, atol: 1e-4 }, n)).toBeUndefined();
    });
    // the convolutions really ran on the wasm kernels
    const convs = session.nodePlacement.filter((p) => p.opType.endsWith('Conv'));
    expect(convs.length).toBeGreaterThan(0);
    expect(convs.every((p) => p.provider === 'wasm')).toBe(true);
    expect(session.nodePlacement.filter((p) => p.provider === 'wasm' && p.fallbackRuns > 0)).toEqual([]);
    await session.release();
  });
});

describe('wasm weights given as feeds', () => {
  // packed weights are cached across runs only for initializers: a caller may refill the
  // same array between runs, and must get results for the new values
  it.each(['MatMul', 'Gemm', 'Conv'])('%s sees a weight feed refilled in place', async (op) => {
    const g = new GraphBuilder();
    const conv = op === 'Conv';
    g.input('a', 'float32', conv ? [1, 2, 4, 4] : [3, 4]);
    g.input('b', 'float32', conv ? [3, 2, 1, 1] : [4, 5]);
    g.output(g.op(op, ['a', 'b']), 'float32');
    const model = encodeModel(g.model({ '': 17 }));
    const wasm = await InferenceSession.create(model, { executionProviders: ['wasm'] });
    const cpu = await InferenceSession.create(model, { executionProviders: ['js'] });
    const r = rng(3);
    const a = new Tensor('float32', randomF32(conv ? 32 : 12, r), conv ? [1, 2, 4, 4] : [3, 4]);
    const bData = randomF32(conv ? 6 : 20, r);
    const b = new Tensor('float32', bData, conv ? [3, 2, 1, 1] : [4, 5]);
    await wasm.run({ a, b });
    bData.set(randomF32(bData.length, r));
    const [got, want] = [await wasm.run({ a, b }), await cpu.run({ a, b })];
    const name = wasm.outputNames[0];
    expect(compareValues(got[name], want[name], { rtol: 1e-5, atol: 1e-6 }, name)).toBeUndefined();
  });
});
