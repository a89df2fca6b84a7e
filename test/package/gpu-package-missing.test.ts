// gpu.js is an optional peer dependency: without it, asking for the gpu provider (in any of its
// spellings) fails the session with a MissingPackageError that names the package to install,
// rather than a crash or a silent CPU fallback. gpu.js is made unloadable for this file only.
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { InferenceSession, MissingPackageError } from '../../src/index.js';

vi.mock('gpu.js', () => {
  throw new Error("Cannot find package 'gpu.js'");
});

const model = fs.readFileSync(new URL('../../models/tiny-color-cnn.onnx', import.meta.url));

describe('without the gpu.js package', () => {
  for (const provider of ['gpu', 'webgl', { name: 'gpu', mode: 'cpu' }] as const) {
    it(`rejects executionProviders [${JSON.stringify(provider)}] naming gpu.js`, async () => {
      const created = InferenceSession.create(model, { executionProviders: [provider as never, 'wasm'] });
      await expect(created).rejects.toBeInstanceOf(MissingPackageError);
      await expect(created).rejects.toMatchObject({
        packageName: 'gpu.js',
        message: expect.stringContaining('npm install gpu.js'),
      });
    });
  }

  it('still runs sessions that do not ask for the gpu provider', async () => {
    const session = await InferenceSession.create(model, { executionProviders: ['wasm'] });
    expect(session.inputNames.length).toBeGreaterThan(0);
    await session.release();
  });
});
