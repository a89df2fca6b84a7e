// The onnxruntime-web and onnxruntime-node example code of README.md's "Switch by changing one
// import" (test/api/examples/), run on the bundled model.
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { repoPath } from '../data-paths.js';
import { InferenceSession, Tensor, env } from '../../src/index.js';
import { classifyImage } from './examples/ort-web-example.js';
import { main } from './examples/ort-node-example.js';

const MODEL = repoPath('models', 'tiny-color-cnn.onnx');

/** A 32x32 RGBA image of one colour, as ImageData holds it. */
function solid(rgb: [number, number, number]): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(32 * 32 * 4);
  for (let i = 0; i < 32 * 32; i++) pixels.set([...rgb, 255], i * 4);
  return pixels;
}

describe('onnxruntime example code, import switched to onnx-ts', () => {
  it('onnxruntime-web: create from an ArrayBuffer, env.wasm flags, run with feeds', async () => {
    const numThreads = env.wasm.numThreads;
    try {
      const bytes = fs.readFileSync(MODEL);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      expect(await classifyImage(buffer, solid([230, 20, 20]), 32, 32)).toBe('red');
      expect(await classifyImage(buffer, solid([20, 230, 20]), 32, 32)).toBe('green');
      expect(await classifyImage(buffer, solid([20, 20, 230]), 32, 32)).toBe('blue');
      expect(env.wasm.numThreads).toBe(1);
    } finally {
      env.wasm.numThreads = numThreads;
      delete env.wasm.wasmPaths;
    }
  });

  it("README.md's \"Switch by changing one import\" shows these two files, unchanged but for the import", () => {
    const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Switch by changing one import'));
    const shown = [...section.matchAll(/```ts\n([\s\S]*?)\n```/g)].slice(0, 2).map((m) => m[1]);
    const asShown = (file: string, was: string) => fs.readFileSync(new URL(file, import.meta.url), 'utf8')
      .replace(/^(\/\/.*\n)+/, '')
      .replace("import * as ort from '../../../src/index.js';", `import * as ort from 'onnx-ts'; // was: from '${was}'`)
      .trim();
    expect(shown).toEqual([asShown('./examples/ort-web-example.ts', 'onnxruntime-web'), asShown('./examples/ort-node-example.ts', 'onnxruntime-node')]);
  });

  it('onnxruntime-node: create from a path, run with a pre-allocated output, release', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const scores = await main(MODEL);
      const reference = await InferenceSession.create(MODEL, { executionProviders: ['js'] });
      const data = new Float32Array(3 * 32 * 32).fill(0.1).fill(0.9, 0, 1024);
      const expected = (await reference.run({ image: new Tensor('float32', data, [1, 3, 32, 32]) })).probabilities.data as Float32Array;
      expect(scores).toHaveLength(3);
      for (let i = 0; i < 3; i++) expect(scores[i]).toBeCloseTo(expected[i], 5);
      expect(scores.indexOf(Math.max(...scores))).toBe(0);
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^probabilities: dims \[1,3\], type float32, data /));
    } finally {
      log.mockRestore();
    }
  });
});
