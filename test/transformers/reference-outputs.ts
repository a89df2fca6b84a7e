// The pipelines of pipelines.ts on onnxruntime-node (bench/reference): prints their outputs
// as JSON, or with --write stores them in models/reference-outputs.json for machines without
// onnxruntime-node. Run by the tests (a process of its own: transformers.js picks its runtime
// once) and by scripts/make-transformers-models.ts.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REFERENCE_OUTPUTS, loadTransformers, runPipelines } from './pipelines.js';

const ort = createRequire(path.resolve('bench/reference/package.json'))('onnxruntime-node');
const outputs = await runPipelines(await loadTransformers(ort));
const json = `${JSON.stringify(outputs, null, 1)}\n`;
if (process.argv.includes('--write')) {
  fs.writeFileSync(REFERENCE_OUTPUTS, json);
  console.log(`wrote ${path.relative(process.cwd(), REFERENCE_OUTPUTS)}`);
} else {
  process.stdout.write(json);
}
