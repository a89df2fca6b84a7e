// GEMM thread scaling through the wasm provider: npm run bench:threads -- [--sizes 512,1024,2048]
//   [--threads 1,2] [--runs 10]. A MatMul session per thread count; the median includes
//   copying operands into wasm memory and the result out.
import { parseArgs } from 'node:util';
import { encodeModel } from '../graph/encode-model.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../src/index.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '512,1024,2048' }, threads: { type: 'string', default: '1,2' }, runs: { type: 'string', default: '10' } } });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| GEMM n x n x n | threads | median ms | GFLOPS | speed-up |\n|---|---|---|---|---|');
for (const n of values.sizes!.split(',').map(Number)) {
  const b = new GraphBuilder();
  const a = b.input('a', 'float32', [n, n]);
  const w = b.initializer('b', new Tensor('float32', Float32Array.from({ length: n * n }, (_, i) => Math.sin(i)), [n, n]));
  b.output(b.op('MatMul', [a, w]), 'float32', [n, n]);
  const bytes = encodeModel(b.model());
  const feeds = { a: new Tensor('float32', Float32Array.from({ length: n * n }, (_, i) => Math.cos(i)), [n, n]) };
  let base = 0;
  for (const t of values.threads!.split(',').map(Number)) {
    const s = await InferenceSession.create(bytes, { executionProviders: ['wasm'], intraOpNumThreads: t });
    for (let i = 0; i < 2; i++) await s.run(feeds);
    const times: number[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const start = performance.now();
      await s.run(feeds);
      times.push(performance.now() - start);
    }
    const m = median(times);
    if (!base) base = m;
    console.log(`| ${n} | ${t} | ${m.toFixed(1)} | ${((2 * n ** 3) / m / 1e6).toFixed(1)} | ${(base / m).toFixed(2)}x |`);
    await s.release();
  }
}
process.exit(0);
