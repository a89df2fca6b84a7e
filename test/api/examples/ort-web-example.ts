// onnxruntime-web code, as its examples write it, unchanged but for the import line (which was
// `import * as ort from 'onnxruntime-web';`). README.md's "Switch by changing one import" shows
// this code; test/api/ort-examples.test.ts runs it and test/types compiles it.
import * as ort from '../../../src/index.js';

const LABELS = ['red', 'green', 'blue'];

/** RGBA pixels (as ImageData holds them) to a normalised NCHW float32 tensor. */
function imageToTensor(pixels: Uint8ClampedArray, width: number, height: number): ort.Tensor {
  const size = width * height;
  const data = new Float32Array(3 * size);
  for (let i = 0; i < size; i++) {
    data[i] = pixels[i * 4] / 255;
    data[size + i] = pixels[i * 4 + 1] / 255;
    data[2 * size + i] = pixels[i * 4 + 2] / 255;
  }
  return new ort.Tensor('float32', data, [1, 3, height, width]);
}

export async function classifyImage(modelBuffer: ArrayBuffer, pixels: Uint8ClampedArray, width: number, height: number): Promise<string> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.simd = true;
  ort.env.wasm.wasmPaths = 'https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/';
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  };
  const session = await ort.InferenceSession.create(modelBuffer, options);
  const feeds: ort.InferenceSession.FeedsType = { [session.inputNames[0]]: imageToTensor(pixels, width, height) };
  const results = await session.run(feeds);
  const scores = results[session.outputNames[0]].data as Float32Array;
  const best = scores.indexOf(Math.max(...scores));
  await session.release();
  return LABELS[best];
}
