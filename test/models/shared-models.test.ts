// Every model in ../shared/models runs through InferenceSession and matches the outputs
// PyTorch computed, within rtol 1e-3 / atol 1e-4.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeValueFile } from '../../graph/decode-value.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue } from '../../src/index.js';
import { sharedModelsDir } from '../data-paths.js';

const root = sharedModelsDir();

/** The input_*.pb or output_*.pb values of one data-set folder, in order. */
function readSet(dir: string, prefix: 'input_' | 'output_'): OnnxValue[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).sort().map((f) => decodeValueFile(fs.readFileSync(path.join(dir, f))));
}
const models = root ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'model.onnx'))).sort() : [];

describe.skipIf(!root)('shared torchvision models match PyTorch', () => {
  for (const provider of ['js', 'wasm']) for (const name of models) {
    const dir = path.join(root!, name);
    const sets = fs.readdirSync(dir).filter((d) => d.startsWith('test_data_set_')).sort();
    for (const set of sets) {
      it(`${name}/${set} (${provider})`, async () => {
        const session = await InferenceSession.create(path.join(dir, 'model.onnx'), { executionProviders: [provider] });
        const inputs = readSet(path.join(dir, set), 'input_');
        const expected = readSet(path.join(dir, set), 'output_');
        const feeds: Record<string, OnnxValue> = {};
        session.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
        const out = await session.run(feeds);
        session.outputNames.forEach((n, i) => {
          expect(compareValues(out[n], expected[i], { rtol: 1e-3, atol: 1e-4 }, n)).toBeUndefined();
        });
        await session.release();
      });
    }
  }
});

describe.skipIf(!root)('optimized models compute what the unoptimized ones do', () => {
  for (const name of models) {
    it(`${name}: level all equals level disabled within rtol 1e-4`, async () => {
      const dir = path.join(root!, name);
      const set = path.join(dir, 'test_data_set_0');
      const inputs = readSet(set, 'input_');
      const outputs = await Promise.all((['disabled', 'all'] as const).map(async (level) => {
        const s = await InferenceSession.create(path.join(dir, 'model.onnx'), { graphOptimizationLevel: level });
        const feeds: Record<string, OnnxValue> = {};
        s.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
        return [s.outputNames, await s.run(feeds)] as const;
      }));
      const [[names, plain], [, optimized]] = outputs;
      for (const n of names) expect(compareValues(optimized[n], plain[n], { rtol: 1e-4, atol: 1e-5 }, n)).toBeUndefined();
    });
  }
});

describe.skipIf(!root)('the wasm provider computes what the cpu provider does', () => {
  for (const name of models) {
    // float32 sums in a different order (SIMD lanes, blocking) drift by ~3e-5 over resnet50's
    // 50 layers, so small outputs need an absolute tolerance alongside rtol 1e-4
    it(`${name}: wasm equals the JavaScript reference within rtol 1e-4, atol 1e-4`, async () => {
      const dir = path.join(root!, name);
      const set = path.join(dir, 'test_data_set_0');
      const inputs = readSet(set, 'input_');
      const [[names, cpu], [, wasm]] = await Promise.all(['js', 'wasm'].map(async (provider) => {
        const s = await InferenceSession.create(path.join(dir, 'model.onnx'), { executionProviders: [provider] });
        const feeds: Record<string, OnnxValue> = {};
        s.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
        return [s.outputNames, await s.run(feeds)] as const;
      }));
      for (const n of names) expect(compareValues(wasm[n], cpu[n], { rtol: 1e-4, atol: 1e-4 }, n)).toBeUndefined();
    });
  }
});
