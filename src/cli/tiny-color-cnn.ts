// The bundled example model: a tiny CNN whose weights are set by hand so that it answers
// "which colour dominates this image: red, green or blue". Extra channels carry seeded
// random filters so the convolutions do real work.
import { GraphBuilder, floatAttr } from '../../graph/graph-builder.js';
import type { Model } from '../../graph/ir.js';
import { Tensor } from '../../data/tensor.js';

export const COLOR_LABELS = ['red', 'green', 'blue'];

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

export function buildTinyColorCnn(): Model {
  const rand = seededRandom(42);
  const f32 = (dims: number[], fill: (i: number) => number) => {
    const n = dims.reduce((a, b) => a * b, 1);
    return new Tensor('float32', Float32Array.from({ length: n }, (_, i) => fill(i)), dims);
  };
  const C1 = 8, C2 = 8;
  const b = new GraphBuilder('tiny-color-cnn');
  const x = b.input('image', 'float32', ['batch', 3, 32, 32]);
  // conv1: channels 0..2 blur their own colour plane; the rest are small random filters
  const w1 = f32([C1, 3, 3, 3], (i) => {
    const o = Math.floor(i / 27), c = Math.floor(i / 9) % 3;
    return o < 3 ? (o === c ? 1 / 9 : 0) : rand() * 0.1;
  });
  const c1 = b.op('Conv', [x, b.initializer('conv1.weight', w1), b.initializer('conv1.bias', f32([C1], () => 0))], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
  const r1 = b.op('Relu', [c1]);
  const p1 = b.op('MaxPool', [r1], { kernel_shape: [2, 2], strides: [2, 2] });
  // conv2 + batchnorm: channels 0..2 pass their colour through (centre tap), the rest mix randomly
  const w2 = f32([C2, C1, 3, 3], (i) => {
    const o = Math.floor(i / (C1 * 9)), c = Math.floor(i / 9) % C1, k = i % 9;
    return o < 3 ? (o === c && k === 4 ? 1 : 0) : rand() * 0.05;
  });
  const c2 = b.op('Conv', [p1, b.initializer('conv2.weight', w2)], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
  const bn = b.op('BatchNormalization', [
    c2,
    b.initializer('bn.scale', f32([C2], () => 1)),
    b.initializer('bn.bias', f32([C2], () => 0)),
    b.initializer('bn.mean', f32([C2], (i) => (i < 3 ? 0 : 0.01))),
    b.initializer('bn.var', f32([C2], () => 1)),
  ], { epsilon: floatAttr(1e-5) });
  const r2 = b.op('Relu', [bn]);
  const gap = b.op('GlobalAveragePool', [r2]);
  const flat = b.op('Flatten', [gap], { axis: 1 });
  // classifier: each class scores its own colour against the other two
  const wfc = f32([3, C2], (i) => {
    const cls = Math.floor(i / C2), ch = i % C2;
    return ch >= 3 ? 0 : ch === cls ? 8 : -4;
  });
  const logits = b.op('Gemm', [flat, b.initializer('fc.weight', wfc), b.initializer('fc.bias', f32([3], () => 0))], { transB: 1 });
  b.node('Softmax', [logits], { axis: 1 }, { outputs: ['probabilities'] });
  b.output('probabilities', 'float32', ['batch', 3]);
  const model = b.model({ '': 17 });
  model.metadata.set('labels', JSON.stringify(COLOR_LABELS));
  model.metadata.set('description', 'Tiny CNN that names the dominant colour of a 32x32 RGB image (values 0..1).');
  return model;
}

/** A 32x32 test image: a reddish-orange gradient, so the expected answer is "red". */
export function sampleImage(): Tensor {
  const data = new Float32Array(3 * 32 * 32);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const i = y * 32 + x;
      data[i] = 0.8 + 0.2 * (x / 31);
      data[1024 + i] = 0.3 * (y / 31);
      data[2048 + i] = 0.1;
    }
  }
  return new Tensor('float32', data, [1, 3, 32, 32]);
}
