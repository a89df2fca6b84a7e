// release() gives back what a session holds outside the JS heap (packed weights in wasm
// memory), so create/run/release cycles do not grow memory.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { loadWasmBinaries, sharedWasmKernels, wasmKernels } from '../../kernels/wasm/wasm-module.js';
import { InferenceSession, Tensor } from '../../src/index.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

const w = wasmKernels();
// the provider may use the shared-memory (threaded) module instead of the plain one
const used = () => (w?.heap.used ?? 0) + (sharedWasmKernels()?.heap.used ?? 0);

describe.skipIf(!w)('session release', () => {
  it('frees packed weights in wasm memory', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 8, 16, 16]);
    const wt = new Tensor('float32', Float32Array.from({ length: 32 * 8 * 9 }, (_, i) => Math.sin(i)), [32, 8, 3, 3]);
    b.output(b.op('Relu', [b.op('Conv', [x, b.initializer('w', wt)], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] })]), 'float32');
    const bytes = encodeModel(b.model());
    const feeds = { x: new Tensor('float32', new Float32Array(8 * 16 * 16).fill(0.5), [1, 8, 16, 16]) };
    const before = used();
    for (let i = 0; i < 5; i++) {
      const s = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      await s.run(feeds);
      expect(used()).toBeGreaterThan(before);
      await s.release();
      expect(used()).toBe(before);
    }
  });

  it('frees the runs\' arenas in wasm memory', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 8, 16, 16]);
    const wt = b.initializer('w', new Tensor('float32', Float32Array.from({ length: 8 * 8 * 9 }, (_, i) => Math.cos(i)), [8, 8, 3, 3]));
    const c1 = b.op('Conv', [x, wt], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    const c2 = b.op('Conv', [b.op('Tanh', [c1]), wt], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    b.output(b.op('Conv', [c2, wt], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }), 'float32');
    const bytes = encodeModel(b.model());
    const feeds = { x: new Tensor('float32', new Float32Array(8 * 16 * 16).fill(0.25), [1, 8, 16, 16]) };
    const before = used();
    for (let i = 0; i < 3; i++) {
      const s = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      await Promise.all([s.run(feeds), s.run(feeds)]); // two arenas at once
      expect(s.memoryStats.arenaOutputs).toBeGreaterThan(0);
      await s.release();
      expect(used()).toBe(before);
    }
  });
});
