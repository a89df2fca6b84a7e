// scripts/make-quantized-models.ts's q8 rewrite of a CNN, on a small hand-made graph: each Conv
// with a constant weight becomes DynamicQuantizeLinear (once per activation) -> ConvInteger
// with a uint8 weight and zero point -> Cast -> Mul by x_scale * w_scale -> Add of the bias, as
// onnxruntime's quantize_dynamic writes it; the q8 model stays close to the float one and runs
// its ConvIntegers on the wasm kernels with the reference's results.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import { quantizeModel } from '../../scripts/make-quantized-models.js';
import { quantizeQU8 } from '../../scripts/quantize/weights.js';
import { randomF32, rng } from '../kernels/wasm-reference.js';
import { runBoth } from '../session/wasm-vs-reference.js';

/** x -> Conv 3x3 (bias) -> Relu, then two Convs reading that activation (a fire module's expands), one without bias. */
function smallCnn() {
  const g = new GraphBuilder('cnn');
  const r = rng(11);
  g.input('x', 'float32', [1, 3, 10, 10]);
  g.initializer('w0', new Tensor('float32', randomF32(8 * 3 * 9, r), [8, 3, 3, 3]));
  g.initializer('b0', new Tensor('float32', randomF32(8, r), [8]));
  g.initializer('w1', new Tensor('float32', randomF32(4 * 8, r), [4, 8, 1, 1]));
  g.initializer('b1', new Tensor('float32', randomF32(4, r), [4]));
  g.initializer('w2', new Tensor('float32', randomF32(8 * 9, r), [8, 1, 3, 3]));
  g.node('Conv', ['x', 'w0', 'b0'], { pads: [1, 1, 1, 1] }, { outputs: ['c0'] });
  g.node('Relu', ['c0'], {}, { outputs: ['a0'] });
  g.node('Conv', ['a0', 'w1', 'b1'], {}, { outputs: ['y1'] });
  g.node('Conv', ['a0', 'w2'], { group: 8, pads: [1, 1, 1, 1], strides: [2, 2] }, { outputs: ['y2'] });
  g.output('y1', 'float32');
  g.output('y2', 'float32');
  return g.model({ '': 13 });
}

describe('q8 CNN models (scripts/make-quantized-models.ts)', () => {
  it('quantizes a weight to uint8 with a zero point, within half a step', () => {
    const w = Float32Array.from([-0.5, 0.25, 1.5, 0, -0.125]);
    const { values, scale, zeroPoint } = quantizeQU8(w);
    expect(scale).toBeCloseTo(2 / 255, 9);
    expect(zeroPoint).toBe(64);
    w.forEach((v, i) => expect(Math.abs((values[i] - zeroPoint) * scale - v)).toBeLessThanOrEqual(scale / 2 + 1e-9));
  });

  it('writes each Conv as onnxruntime\'s ConvInteger chain, one DynamicQuantizeLinear per activation', () => {
    const { model, quantized } = quantizeModel(smallCnn(), 'q8');
    expect(quantized).toBe(3);
    const ops = model.graph.nodes.map((n) => n.opType);
    expect(ops).toEqual([
      'DynamicQuantizeLinear', 'ConvInteger', 'Cast', 'Mul', 'Mul', 'Add', 'Relu',
      'DynamicQuantizeLinear', 'ConvInteger', 'Cast', 'Mul', 'Mul', 'Add',
      'ConvInteger', 'Cast', 'Mul', 'Mul',
    ]);
    const convs = model.graph.nodes.filter((n) => n.opType === 'ConvInteger');
    for (const n of convs) {
      expect(model.graph.initializers.get(n.inputs[1])?.type).toBe('uint8');
      expect(model.graph.initializers.get(n.inputs[3])?.type).toBe('uint8');
    }
    // the depthwise Conv keeps its attributes; the float weights and biases are gone
    expect(convs[2].attributes.get('group')?.value).toBe(8);
    for (const name of ['w0', 'b0', 'w1', 'b1', 'w2']) expect(model.graph.initializers.has(name), name).toBe(false);
    expect(model.graph.initializers.get(`${convs[1].outputs[0].replace(/_acc$/, '')}_bias`)?.dims).toEqual([1, 4, 1, 1]);
  });

  it('stays close to the float model and runs its ConvIntegers on the wasm kernels', async () => {
    const x = new Tensor('float32', randomF32(300, rng(12)), [1, 3, 10, 10]);
    const float = await InferenceSession.create(encodeModel(smallCnn()), { executionProviders: ['js'] });
    const want = await float.run({ x });
    await float.release();
    const [wasm, ref] = await runBoth(encodeModel(quantizeModel(smallCnn(), 'q8').model), { x });
    for (const name of ['y1', 'y2']) {
      const got = (wasm.out[name] as Tensor).data as Float32Array, exact = (ref.out[name] as Tensor).data as Float32Array;
      const f = (want[name] as Tensor).data as Float32Array;
      let range = 0, err = 0;
      f.forEach((v, i) => {
        range = Math.max(range, Math.abs(v));
        err = Math.max(err, Math.abs(got[i] - v));
        expect(got[i]).toBeCloseTo(exact[i], 5);
      });
      expect(err, name).toBeLessThan(0.05 * range);
    }
    const convs = wasm.placement.filter((p) => p.opType === 'ConvInteger');
    expect(convs.map((p) => [p.provider, p.fallbackRuns])).toEqual([['wasm', 0], ['wasm', 0], ['wasm', 0]]);
  });
});
