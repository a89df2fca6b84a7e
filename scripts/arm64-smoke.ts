// The correctness run behind `npm run test:arm64` (scripts/test-arm64.sh): the shared models
// against PyTorch's outputs and a subset of the ONNX node tests, in this process. It is plain
// code rather than vitest because the arm64 Node it targets is Debian 12's v18, where vitest 3
// cannot start (vite 7 needs Node 20.19, and rollup's native addon in node_modules is x86_64).
// The shell script compiles it with tsc and runs the JavaScript, first natively (the baseline
// the arm64 run is compared with) and then under qemu-aarch64.
//
//   node .arm64/dist/scripts/arm64-smoke.js [--providers auto,cpu] [--filter REGEX]
//     [--limit N] [--models a,b] [--json FILE] [--baseline FILE]
// Providers: wasm, cpu (here: the JavaScript reference, the session option 'js'), or auto (wasm where the engine has WebAssembly SIMD, else cpu); each
// runs the whole selection. Outcome ids are `provider:model/...` and `provider:node/...`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeValueFile } from '../graph/decode-value.js';
import { loadWasmBinaries, wasmKernels } from '../kernels/wasm/wasm-module.js';
import { compareValues } from '../onnx-conformance/compare.js';
import { runTestCase } from '../onnx-conformance/run-test.js';
import { dataCandidates, findTestData, listTests } from '../onnx-conformance/test-data.js';
import { InferenceSession, type OnnxValue } from '../src/index.js';

// the builds are read asynchronously (a lazy chunk in bundles), once, before any kernel is made
await loadWasmBinaries();

const DEFAULT_MODELS = ['mobilenet_v2', 'squeezenet1_1', 'transformer-encoder'];
// ops with wasm kernels and their neighbours; the non-expanded tests, about 220 of them
const DEFAULT_FILTER = '^test_(conv|gemm|matmul|maxpool|averagepool|globalaveragepool|globalmaxpool|lppool|add|sub|mul|div'
  + '|relu|leakyrelu|prelu|sigmoid|hardsigmoid|hardswish|tanh|clip|elu|selu|gelu|erf|exp|sqrt|pow|neg|abs'
  + '|softmax|logsoftmax|layer_normalization|batchnorm|instancenorm)(?!.*_expanded)';
const MODEL_TOLERANCE = { rtol: 1e-3, atol: 1e-4 };

type ProviderChoice = 'auto' | 'wasm' | 'cpu';

interface Options {
  providers: ProviderChoice[];
  filter: RegExp;
  limit: number;
  models: string[];
  json?: string;
  baseline?: string;
}

/** Outcome per check, 'pass' or what went wrong. */
type Outcomes = Record<string, string>;

function parseOptions(argv: string[]): Options {
  const o: Options = { providers: ['auto', 'cpu'], filter: new RegExp(DEFAULT_FILTER), limit: Infinity, models: DEFAULT_MODELS };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    switch (argv[i]) {
      case '--providers': {
        o.providers = value().split(',').filter(Boolean).map((p) => {
          if (p !== 'auto' && p !== 'wasm' && p !== 'cpu') throw new Error(`--providers: expected auto, wasm or cpu, got "${p}"`);
          return p;
        });
        break;
      }
      case '--filter': o.filter = new RegExp(value()); break;
      case '--limit': o.limit = Number(value()); break;
      case '--models': o.models = value().split(',').filter(Boolean); break;
      case '--json': o.json = value(); break;
      case '--baseline': o.baseline = value(); break;
      default: throw new Error(`unknown option "${argv[i]}"`);
    }
  }
  return o;
}

/** The checkout: the nearest folder up from here whose package.json is onnx-ts (from scripts/ or .arm64/dist/scripts/). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'onnx-ts') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the onnx-ts checkout above this script');
    dir = up;
  }
}

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

function readValues(dir: string, prefix: string): OnnxValue[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).sort()
    .map((f) => decodeValueFile(fs.readFileSync(path.join(dir, f))));
}

async function runModels(root: string, names: string[], provider: string, outcomes: Outcomes): Promise<void> {
  const modelsDir = process.env.ONNX_TS_MODELS || path.resolve(root, '..', 'shared', 'models');
  for (const name of names) {
    const dir = path.join(modelsDir, name);
    if (!fs.existsSync(path.join(dir, 'model.onnx'))) {
      console.log(`SKIP: model ${name}: no ${path.join(dir, 'model.onnx')}`);
      continue;
    }
    const sets = fs.readdirSync(dir).filter((d) => d.startsWith('test_data_set_')).sort();
    for (const set of sets) {
      const id = `${provider}:model/${name}/${set}`;
      const t0 = performance.now();
      try {
        const session = await InferenceSession.create(path.join(dir, 'model.onnx'), { executionProviders: [provider === 'cpu' ? 'js' : provider] });
        const placement = session.nodePlacement;
        const onProvider = placement.filter((p) => p.provider === provider).length;
        const inputs = readValues(path.join(dir, set), 'input_');
        const expected = readValues(path.join(dir, set), 'output_');
        const feeds: Record<string, OnnxValue> = {};
        session.inputNames.forEach((n, i) => (feeds[n] = inputs[i]));
        const out = await session.run(feeds);
        const diffs = session.outputNames.map((n, i) => compareValues(out[n], expected[i], MODEL_TOLERANCE, n)).filter(Boolean);
        await session.release();
        outcomes[id] = diffs.length === 0 ? 'pass' : `fail: ${diffs[0]}`;
        console.log(`${diffs.length === 0 ? 'pass' : 'FAIL'}  ${id}  (${onProvider} of ${placement.length} nodes on ${provider}, ${seconds(t0)})` +
          (diffs.length ? `\n      ${diffs[0]}` : ''));
      } catch (e) {
        outcomes[id] = `error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.split('\n')[0];
        console.log(`ERROR ${id}  ${outcomes[id]}`);
      }
    }
  }
}

async function runConformance(root: string, options: Options, provider: string, outcomes: Outcomes): Promise<void> {
  const data = findTestData(dataCandidates(process.env, root)).found;
  if (!data || !data.suites.includes('node')) {
    console.log('SKIP: conformance subset: no ONNX node test data ($ONNX_TEST_DATA, ../shared/onnx-tests, libonnx-testdata)');
    return;
  }
  const names = listTests(data.root, 'node').filter((n) => options.filter.test(n)).slice(0, options.limit);
  console.log(`Conformance subset: ${names.length} node tests from ${data.root} (filter ${options.filter.source})`);
  const t0 = performance.now();
  let passed = 0;
  for (const name of names) {
    const r = await runTestCase(path.join(data.root, 'node', name), { provider, maxTensorBytes: 1 << 30 });
    outcomes[`${provider}:node/${name}`] = r.outcome === 'pass' ? 'pass' : `${r.outcome}: ${r.message ?? ''}`;
    if (r.outcome === 'pass') passed++;
    else console.log(`${r.outcome.padEnd(5)} ${provider}:node/${name}  ${r.message ?? ''}`);
  }
  console.log(`conformance subset: ${passed} passed, ${names.length - passed} failed (of ${names.length}, on ${provider}, ${seconds(t0)})`);
}

/** What differs from a run elsewhere (the native baseline): the point of running on arm64. */
function compareWithBaseline(file: string, outcomes: Outcomes): void {
  const base = JSON.parse(fs.readFileSync(file, 'utf8')) as { platform: string; outcomes: Outcomes };
  const ids = Object.keys(outcomes).filter((id) => id in base.outcomes).sort();
  const differ = ids.filter((id) => (base.outcomes[id] === 'pass') !== (outcomes[id] === 'pass'));
  console.log(`Compared with the baseline (${base.platform}), ${ids.length} checks in both: ` +
    (differ.length === 0 ? 'same outcome for every one' : `${differ.length} outcomes differ`));
  for (const id of differ) console.log(`  ${id}: here ${outcomes[id]}; baseline ${base.outcomes[id]}`);
}

const options = parseOptions(process.argv.slice(2));
const root = repoRoot();
const kernels = wasmKernels();
if (options.providers.includes('wasm') && !kernels) {
  console.error('--providers wasm: this engine cannot load the WebAssembly SIMD kernels');
  process.exit(2);
}
const providers = [...new Set(options.providers.map((p) => (p === 'auto' ? (kernels ? 'wasm' : 'cpu') : p)))];
const platform = `Node ${process.version} ${process.arch} (V8 ${process.versions.v8}, ${os.cpus().length} CPUs)`;
console.log(`${platform}; providers ${providers.join(', ')}` +
  (kernels ? `; wasm kernels: ${kernels.variant} build` : '; wasm kernels: unavailable (no WebAssembly SIMD)'));

const t0 = performance.now();
const outcomes: Outcomes = {};
for (const provider of providers) {
  console.log(`--- provider ${provider}`);
  await runModels(root, options.models, provider, outcomes);
  await runConformance(root, options, provider, outcomes);
}
if (options.baseline && fs.existsSync(options.baseline)) compareWithBaseline(options.baseline, outcomes);
if (options.json) {
  fs.mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
  fs.writeFileSync(options.json, `${JSON.stringify({ platform, providers, outcomes }, null, 1)}\n`);
}
const all = Object.values(outcomes);
const passed = all.filter((o) => o === 'pass').length;
console.log(`Ran ${all.length} checks in ${seconds(t0)}.`);
console.log(`${passed} passed, ${all.length - passed} failed`);
process.exit(passed === all.length ? 0 : 1);
