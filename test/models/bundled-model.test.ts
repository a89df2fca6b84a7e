import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { buildTinyColorCnn, COLOR_LABELS, sampleImage } from '../../src/cli/tiny-color-cnn.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import { repoPath } from '../data-paths.js';

describe('bundled example model', () => {
  it('is what scripts/make-default-model.ts writes', () => {
    const onDisk = fs.readFileSync(repoPath('models', 'tiny-color-cnn.onnx'));
    expect(Buffer.compare(onDisk, Buffer.from(encodeModel(buildTinyColorCnn())))).toBe(0);
  });

  it('names the dominant colour', async () => {
    const session = await InferenceSession.create(repoPath('models', 'tiny-color-cnn.onnx'));
    const solid = (c: number) => {
      const d = new Float32Array(3 * 32 * 32);
      d.fill(0.9, c * 1024, (c + 1) * 1024);
      return new Tensor('float32', d, [1, 3, 32, 32]);
    };
    for (const [i, img] of [sampleImage(), solid(1), solid(2)].entries()) {
      const { probabilities } = await session.run({ image: img });
      const p = Array.from((probabilities as Tensor).data as Float32Array);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(COLOR_LABELS[p.indexOf(Math.max(...p))]).toBe(['red', 'green', 'blue'][i]);
    }
  });
});
