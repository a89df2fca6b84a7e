// onnx-ts as a backend of onnxruntime-common itself (the dev dependency): its own
// InferenceSession.run with pre-allocated fetches gets them filled and back as the same objects.
import * as ortCommon from 'onnxruntime-common';
import { describe, expect, it } from 'vitest';
import { registerOnnxTs } from '../../src/ort-backend.js';
import { repoPath } from '../data-paths.js';
import { readFileSync } from 'node:fs';

describe("onnxruntime-common's InferenceSession over onnx-ts", () => {
  it('fills pre-allocated fetches in place', async () => {
    registerOnnxTs(ortCommon.registerBackend);
    const bytes = new Uint8Array(readFileSync(repoPath('models', 'tiny-color-cnn.onnx')));
    const session = await ortCommon.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const image = new Float32Array(3 * 32 * 32).fill(0.1).fill(0.9, 2048);
    const probabilities = new ortCommon.Tensor('float32', new Float32Array(3), [1, 3]);
    const out = await session.run({ image: new ortCommon.Tensor('float32', image, [1, 3, 32, 32]) }, { probabilities });
    expect(out.probabilities).toBe(probabilities);
    const p = Array.from(probabilities.data as Float32Array);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.indexOf(Math.max(...p))).toBe(2);
    await session.release();
  });
});
