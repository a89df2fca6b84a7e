// Memory across many create/run/release cycles: npm run bench:memory -- [--model mobilenet_v2]
//   [--cycles 1000]. Prints RSS and heap at cycle 10 and at the end; they should stay flat.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeValueFile } from '../graph/decode-value.js';
import { InferenceSession, type OnnxValue } from '../src/index.js';

const { values } = parseArgs({ options: { model: { type: 'string', default: 'mobilenet_v2' }, cycles: { type: 'string', default: '1000' } } });
const root = process.env.ONNX_TS_MODELS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'models');
const dir = path.join(root, values.model!);
if (!fs.existsSync(dir)) {
  console.log(`SKIP: no model at ${dir}`);
  process.exit(0);
}
const bytes = fs.readFileSync(path.join(dir, 'model.onnx'));
const input = decodeValueFile(fs.readFileSync(path.join(dir, 'test_data_set_0', 'input_0.pb')));
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const cycles = Number(values.cycles);
const start = performance.now();
for (let i = 1; i <= cycles; i++) {
  const s = await InferenceSession.create(bytes);
  const feeds: Record<string, OnnxValue> = { [s.inputNames[0]]: input };
  await s.run(feeds);
  await s.release();
  if (i === 10 || i === cycles || i % 100 === 0) {
    gc?.();
    const m = process.memoryUsage();
    console.log(`cycle ${i}: rss ${mib(m.rss)}, heap used ${mib(m.heapUsed)}, external+arrayBuffers ${mib(m.external + m.arrayBuffers)} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
  }
}
