// Runs one node on the GPU provider (gpu.js CPU mode) and on the CPU provider, for comparing
// the GPU kernels with the reference ones.
import type { AttributeValue, Node } from '../../graph/ir.js';
import { AttributeReader } from '../../ops/attributes.js';
import { cpuProvider } from '../../src/providers/cpu/provider.js';
import type { GpuMode } from '../../kernels/gpu/gpu-runtime.js';
import { GpuExecutionProvider } from '../../src/providers/gpu/provider.js';
import type { ExecutionProvider } from '../../src/providers/provider.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { toHost } from '../../src/session/device-values.js';
import { GraphScope } from '../../src/session/value-scope.js';

export type Attr = number | string | number[] | AttributeValue;

function attribute(v: Attr): AttributeValue {
  if (typeof v === 'object' && !Array.isArray(v)) return v;
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) return v.every(Number.isInteger) ? { type: 'ints', value: v } : { type: 'floats', value: v };
  return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
}

let shared: GpuExecutionProvider | undefined;

/** The GPU provider in gpu.js CPU mode, opened once per test file. */
export async function gpuCpuMode(): Promise<GpuExecutionProvider> {
  if (!shared) {
    shared = new GpuExecutionProvider((process.env.ONNX_TS_GPU_TEST_MODE ?? 'cpu') as GpuMode);
    await shared.initialize({ logSeverityLevel: 2 });
  }
  return shared;
}

export interface NodeSpec {
  opType: string;
  inputs: (Tensor | undefined)[];
  attrs?: Record<string, Attr>;
  opset?: number;
  domain?: string;
  outputs?: number;
  /** Inputs that are initializers (the GPU provider keeps them resident). */
  constants?: number[];
}

export async function runOn(provider: ExecutionProvider, s: NodeSpec): Promise<OnnxValue[]> {
  const node: Node = {
    name: `${s.opType}_node`, opType: s.opType, domain: s.domain ?? '',
    inputs: s.inputs.map((v, i) => (v === undefined ? '' : `in${i}`)),
    outputs: Array.from({ length: s.outputs ?? 1 }, (_, i) => `out${i}`),
    attributes: new Map(Object.entries(s.attrs ?? {}).map(([k, v]) => [k, attribute(v)])),
  };
  const opset = s.opset ?? 17;
  const def = provider.resolve(node.domain, s.opType, opset);
  if (!def) throw new Error(`${provider.name} has no ${s.opType} at opset ${opset}`);
  const initializers = new Map<string, Tensor>();
  for (const i of s.constants ?? []) initializers.set(`in${i}`, s.inputs[i]!);
  const kernel = def.create({
    node, opset, attrs: new AttributeReader(node),
    graph: { name: 'g', nodes: [node], inputs: [], outputs: [], initializers, valueInfo: new Map() },
    compileSubgraph: () => { throw new Error('no subgraphs'); },
  });
  const out = await kernel(s.inputs, { scope: new GraphScope() });
  // only the outputs the node names (ops may return nulls for optional ones it omits)
  return Promise.all(out.slice(0, node.outputs.length).map((v) => toHost(v)));
}

/** Runs the node on both providers; returns [gpu, cpu] outputs and how many GPU kernels ran. */
export async function compareNode(s: NodeSpec): Promise<{ gpu: Tensor[]; cpu: Tensor[]; onGpu: boolean }> {
  const gpu = await gpuCpuMode();
  const before = gpu.stats.gpuRuns;
  const g = (await runOn(gpu, s)) as Tensor[];
  const onGpu = gpu.stats.gpuRuns > before;
  const c = (await runOn(cpuProvider, s)) as Tensor[];
  return { gpu: g, cpu: c, onGpu };
}

export function maxRelError(a: Tensor, b: Tensor, atol = 1e-5): number {
  const x = a.data as Float32Array, y = b.data as Float32Array;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (Number.isNaN(x[i]) !== Number.isNaN(y[i])) return Infinity;
    if (d > atol) worst = Math.max(worst, d / (Math.abs(y[i]) + atol));
  }
  return worst;
}

/** Deterministic pseudo-random values in [lo, hi). */
export function random(dims: number[], seed: number, lo = -1, hi = 1): Tensor {
  let s = seed >>> 0 || 1;
  const n = dims.reduce((p, d) => p * d, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    v[i] = lo + (hi - lo) * (s / 4294967296);
  }
  return new Tensor('float32', v, dims);
}

export const ints = (values: number[], dims = [values.length]) => new Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
