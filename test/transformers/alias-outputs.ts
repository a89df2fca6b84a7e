// The pipelines of pipelines.ts in the README's alias mode: transformers.js loads its
// onnxruntime-node, which the fixture's npm overrides resolve to onnx-ts's build (dist/), and
// runs on the device named on the command line (default 'cpu', its default in Node). Prints
// the outputs, with the runtime's env.versions, as JSON.
import { loadTransformers, runPipelines } from './pipelines.js';

const device = process.argv[2] ?? 'cpu';
const t = await loadTransformers();
const outputs = await runPipelines(t, device);
process.stdout.write(`${JSON.stringify({ versions: t.env.backends.onnx.versions, ...outputs })}\n`);
