// The models the fuzzer mutates: the ONNX test suites and shared models when present, and
// always the bundled example model and the committed com.microsoft cases (so a clone without
// the test data still fuzzes the contrib ops).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function findCorpus(): { files: string[]; sources: string[] } {
  const files: string[] = [path.join(repoRoot, 'models', 'tiny-color-cnn.onnx')];
  const sources = ['bundled model'];
  const contrib = path.join(repoRoot, 'onnx-conformance', 'contrib');
  for (const t of fs.readdirSync(contrib).sort()) {
    const f = path.join(contrib, t, 'model.onnx');
    if (fs.existsSync(f)) files.push(f);
  }
  sources.push('contrib cases');
  const testRoots = [process.env.ONNX_TEST_DATA, path.resolve(repoRoot, '..', 'shared', 'onnx-tests'), '/usr/share/libonnx-testdata/data'];
  const testRoot = testRoots.find((d) => d && fs.existsSync(path.join(d, 'node')));
  if (testRoot) {
    for (const suite of ['node', 'simple', 'pytorch-converted', 'pytorch-operator']) {
      const dir = path.join(testRoot, suite);
      if (!fs.existsSync(dir)) continue;
      for (const t of fs.readdirSync(dir).sort()) {
        const f = path.join(dir, t, 'model.onnx');
        if (fs.existsSync(f)) files.push(f);
      }
    }
    sources.push(testRoot);
  }
  const models = process.env.ONNX_TS_MODELS ?? path.resolve(repoRoot, '..', 'shared', 'models');
  // resnet50 is left out: each case would spend seconds computing, not probing
  for (const m of ['mobilenet_v2', 'squeezenet1_1', 'transformer-encoder']) {
    const f = path.join(models, m, 'model.onnx');
    if (fs.existsSync(f)) files.push(f);
  }
  if (fs.existsSync(models)) sources.push(models);
  return { files, sources };
}
