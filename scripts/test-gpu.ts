// npm run test:gpu [-- --models resnet50,transformer-encoder] [--runs 5] [--mode auto]
// Runs the shared models with executionProviders ['gpu'] on a real device (gpu.js WebGPU, or
// its GL modes), compares with the PyTorch outputs (rtol 1e-3, atol 1e-4), and prints where the
// nodes ran and the latency. Without a GPU adapter it says so and exits 0.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeValueFile } from '../graph/decode-value.js';
import { compareValues } from '../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue } from '../src/index.js';
import { type GpuExecutionProvider, createGpuProvider, releaseGpu } from '../src/providers/gpu/provider.js';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'resnet50,mobilenet_v2,squeezenet1_1,transformer-encoder' },
    runs: { type: 'string', default: '5' },
    mode: { type: 'string', default: process.env.ONNX_TS_GPU_MODE ?? 'auto' },
  },
});

const root = process.env.ONNX_TS_MODELS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'models');
const providerOption = { name: 'gpu', mode: values.mode! };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<number> {
  // detect first, so a machine without a GPU skips cleanly
  const probe = createGpuProvider(providerOption) as GpuExecutionProvider;
  try {
    await probe.initialize({ logSeverityLevel: 3 });
  } catch (e) {
    console.log(`test:gpu: no GPU adapter: skipped\n  ${(e as Error).message.replace(/^no GPU adapter \((.*)\)$/, '$1')}`);
    return 0;
  }
  console.log(`test:gpu: ${probe.runtime!.backend} on ${probe.runtime!.description}`);
  if (!fs.existsSync(root)) {
    console.log(`test:gpu: no models at ${root}: skipped`);
    return 0;
  }
  let failed = 0;
  for (const name of values.models!.split(',')) {
    const dir = path.join(root, name);
    const set = path.join(dir, 'test_data_set_0');
    if (!fs.existsSync(path.join(dir, 'model.onnx')) || !fs.existsSync(set)) {
      console.log(`${name}: missing, skipped`);
      continue;
    }
    const read = (prefix: string) => fs.readdirSync(set).filter((f) => f.startsWith(prefix)).sort()
      .map((f) => decodeValueFile(fs.readFileSync(path.join(set, f))));
    const t0 = performance.now();
    const session = await InferenceSession.create(path.join(dir, 'model.onnx'), { executionProviders: [providerOption] });
    const createMs = performance.now() - t0;
    const placement = new Map<string, number>();
    for (const p of session.nodePlacement) placement.set(`${p.provider}:${p.opType}`, (placement.get(`${p.provider}:${p.opType}`) ?? 0) + 1);
    const inputs = read('input_'), expected = read('output_');
    const feeds: Record<string, OnnxValue> = {};
    session.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
    const f0 = performance.now();
    const out = await session.run(feeds);
    const firstMs = performance.now() - f0;
    const problems = session.outputNames.map((n, i) => compareValues(out[n], expected[i], { rtol: 1e-3, atol: 1e-4 }, n)).filter(Boolean);
    const times: number[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const s = performance.now();
      await session.run(feeds);
      times.push(performance.now() - s);
    }
    const byProvider = (prov: string) => [...placement].filter(([k]) => k.startsWith(`${prov}:`)).map(([k, c]) => `${k.slice(prov.length + 1)} ${c}`).join(', ');
    const total = session.nodePlacement.length, onGpu = session.nodePlacement.filter((p) => p.provider === 'gpu').length;
    console.log(`\n${name}: ${problems.length ? 'MISMATCH' : 'ok'} (rtol 1e-3, atol 1e-4)`);
    for (const p of problems) console.log(`  ${p}`);
    console.log(`  nodes: ${onGpu}/${total} on gpu [${byProvider('gpu')}]`);
    if (onGpu < total) console.log(`  on cpu: [${byProvider('cpu')}]`);
    console.log(`  latency: create ${createMs.toFixed(0)} ms, first run ${firstMs.toFixed(1)} ms (compiles kernels), median of ${times.length} ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms`);
    const hostRuns = [...probe.stats.hostRuns].map(([op, n]) => `${op} ${n}`).join(', ');
    if (hostRuns) console.log(`  gpu nodes that ran on the cpu (unsupported inputs), all models so far: [${hostRuns}]`);
    for (const [node, why] of probe.stats.failures) console.log(`  kernel failure: ${node}: ${why}`);
    if (problems.length) failed++;
    await session.release();
  }
  return failed ? 1 : 0;
}

const code = await main().finally(() => releaseGpu());
// exit now: Dawn may still have event processing scheduled on the released device
process.exit(code);
