// What the browser and other-runtime tests compare against: the bundled model's outputs from the
// Node session on a fixed input, and mobilenet_v2's reference from the shared models.
import fs from 'node:fs';
import path from 'node:path';
import { decodeValueFile } from '../../graph/decode-value.js';
import type { Tolerance } from '../../onnx-conformance/compare.js';
import { InferenceSession, Tensor } from '../../src/index.js';
import { repoPath, sharedModelsDir } from '../data-paths.js';

/** The same kernels as in Node; FMA (relaxed SIMD) and another engine's Math may differ in the last bits. */
export const AS_NODE: Tolerance = { rtol: 1e-5, atol: 1e-6 };
export const MOBILENET_REFERENCE: Tolerance = { rtol: 1e-3, atol: 1e-4 };

export const tinyModelPath = repoPath('models', 'tiny-color-cnn.onnx');
export const tinyDims = [2, 3, 32, 32];
export const tinyInput = Float32Array.from({ length: tinyDims.reduce((a, b) => a * b, 1) }, (_, i) => ((i * 7919) % 1000) / 1000);

/** The bundled model's "probabilities" for tinyInput, as the Node session computes them. */
export async function tinyOnNode(): Promise<Tensor> {
  const session = await InferenceSession.create(fs.readFileSync(tinyModelPath), { executionProviders: ['wasm'] });
  const out = (await session.run({ image: new Tensor('float32', tinyInput, tinyDims) })).probabilities as Tensor;
  await session.release();
  return out;
}

export interface MobilenetCase { modelPath: string; inputName: string; input: Tensor; expected: Tensor }

/** mobilenet_v2 with its first test set, or undefined (and a SKIP line) without the shared models. */
export function mobilenetCase(): MobilenetCase | undefined {
  const root = sharedModelsDir();
  const dir = root && path.join(root, 'mobilenet_v2');
  if (!dir || !fs.existsSync(path.join(dir, 'model.onnx'))) {
    if (dir) console.warn(`SKIP mobilenet_v2 checks: no ${path.join(dir, 'model.onnx')}`);
    return undefined;
  }
  const read = (f: string) => decodeValueFile(fs.readFileSync(path.join(dir, 'test_data_set_0', f))) as Tensor;
  return { modelPath: path.join(dir, 'model.onnx'), inputName: 'input.1', input: read('input_0.pb'), expected: read('output_0.pb') };
}

export const rawBytes = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
export const asTensor = (o: { dims: number[]; data: number[] }): Tensor => new Tensor('float32', Float32Array.from(o.data), o.dims);
