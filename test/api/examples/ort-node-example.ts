// onnxruntime-node code, as its examples write it, unchanged but for the import line (which was
// `import * as ort from 'onnxruntime-node';`). README.md's "Switch by changing one import" shows
// this code; test/api/ort-examples.test.ts runs it and test/types compiles it.
import * as ort from '../../../src/index.js';

export async function main(modelPath: string): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'extended',
    intraOpNumThreads: 1,
    freeDimensionOverrides: { batch: 1 },
  });
  const input = session.inputMetadata[0];
  const dims = input.isTensor ? input.shape.map((d) => (typeof d === 'number' ? d : 1)) : [];
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(0.1);
  data.fill(0.9, 0, data.length / 3);
  const tensor = new ort.Tensor('float32', data, dims);
  const outputName = session.outputNames[0];
  const fetches = { [outputName]: new ort.Tensor('float32', new Float32Array(3), [1, 3]) };
  const results = await session.run({ [session.inputNames[0]]: tensor }, fetches, { tag: 'example', logSeverityLevel: 3 });
  const output = results[outputName];
  console.log(`${outputName}: dims [${output.dims}], type ${output.type}, data ${output.data}`);
  await session.release();
  return output.data as Float32Array;
}
