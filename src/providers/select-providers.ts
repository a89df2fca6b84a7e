// Turns the user's `executionProviders` option into provider objects, in preference order.
//
// The names are onnxruntime's, so code written for onnxruntime-node or -web keeps its meaning:
//   'cpu', 'wasm'       the WebAssembly SIMD kernels (onnxruntime's fast CPU path), where the
//                       engine has WebAssembly SIMD, else the JavaScript reference
//   'webgpu', 'webgl'   the gpu provider in that mode ({ name: 'webgpu', ... } options pass on)
//   'gpu'               the gpu provider, mode detected or given ({ name: 'gpu', mode })
//   'js'                the plain JavaScript reference kernels alone (nodePlacement calls it 'cpu')
//   'webnn', 'cuda', ...  onnxruntime providers this runtime does not have: skipped with a
//                       warning at session creation, as an unavailable provider is
import { InvalidInputError } from '../../data/errors.js';
import { cpuProvider } from './cpu/provider.js';
import { createGpuProvider } from './gpu/provider.js';
import type { ExecutionProvider } from './provider.js';
import { availableWasmProvider } from './wasm/provider.js';

export type ExecutionProviderOption = string | { name: string; [key: string]: unknown };

/** Session options a provider factory may read (the provider's own option object wins). */
export interface ProviderSessionOptions {
  intraOpNumThreads?: number;
}

type ProviderFactory = (option: ExecutionProviderOption, session: ProviderSessionOptions) => ExecutionProvider | undefined;

const wasm: ProviderFactory = (option, session) => availableWasmProvider(option, session.intraOpNumThreads);

/** The gpu provider in `mode`, unless the option names a mode of its own. */
const gpuIn = (mode: string): ProviderFactory => (option) =>
  createGpuProvider({ ...(typeof option === 'object' ? option : {}), name: 'gpu', mode: (typeof option === 'object' && option.mode) || mode });

const KNOWN: Record<string, ProviderFactory> = {
  cpu: wasm,
  wasm,
  js: () => cpuProvider,
  gpu: (option) => createGpuProvider(option),
  webgpu: gpuIn('webgpu'),
  webgl: gpuIn('webgl'),
};

/** onnxruntime's other execution providers: asking for one falls back, with a warning. */
const ONNXRUNTIME_ONLY = [
  'webnn', 'cuda', 'dml', 'coreml', 'xnnpack', 'nnapi', 'qnn', 'tensorrt', 'rocm', 'migraphx', 'openvino',
  'acl', 'armnn', 'cann', 'vitisai', 'azure', 'snpe', 'tvm', 'dnnl',
];

/** A provider that never starts: the session drops it with its warning (prepare-providers.ts). */
function unavailable(name: string): ExecutionProvider {
  return {
    name,
    location: 'cpu',
    resolve: () => undefined,
    versions: () => '',
    initialize: async () => {
      throw new Error(`onnxruntime's ${name} execution provider has no counterpart in onnx-ts`);
    },
  };
}

export function selectProviders(
  requested: readonly ExecutionProviderOption[] | undefined, session: ProviderSessionOptions = {},
): ExecutionProvider[] {
  // default: the WASM SIMD kernels where WebAssembly SIMD is available, else plain JavaScript
  const options = requested && requested.length > 0 ? requested : ['wasm'];
  const out: ExecutionProvider[] = [];
  for (const option of options) {
    const name = typeof option === 'string' ? option : option.name;
    const factory = KNOWN[name];
    if (!factory && ONNXRUNTIME_ONLY.includes(name)) {
      if (!out.some((p) => p.name === name)) out.push(unavailable(name));
      continue;
    }
    if (!factory) {
      throw new InvalidInputError(`Unknown execution provider "${name}". Available: ${Object.keys(KNOWN).join(', ')}`);
    }
    const p = factory(option, session);
    if (p && !out.includes(p)) out.push(p);
  }
  // the reference CPU provider runs whatever the others cannot
  if (!out.includes(cpuProvider)) out.push(cpuProvider);
  return out;
}
