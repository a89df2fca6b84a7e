// The `executionProviders` entries a session accepts: onnxruntime-common's provider names and
// option objects (so options written for onnxruntime-web or -node type-check unchanged), plus
// this runtime's own 'gpu' and 'js'. What each name selects here: src/providers/select-providers.ts.
import type { GpuMode } from '../../kernels/gpu/gpu-runtime.js';
import type { GlobalType } from '../../data/global-type.js';


export interface ExecutionProviderOption {
  readonly name: string;
}

export interface CpuExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'cpu';
  /** Accepted; the session's enableCpuMemArena decides pooling here. */
  useArena?: boolean;
}

export interface WebAssemblyExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'wasm';
}

export interface WebGLExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'webgl';
}

type BufferCacheMode = 'disabled' | 'lazyRelease' | 'simple' | 'bucket';

/** onnxruntime-web's WebGPU options: accepted; the gpu provider keeps its own layout and caches. */
export interface WebGpuExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'webgpu';
  preferredLayout?: 'NCHW' | 'NHWC';
  forceCpuNodeNames?: readonly string[];
  validationMode?: 'disabled' | 'wgpuOnly' | 'basic' | 'full';
  enableRobustness?: boolean;
  storageBufferCacheMode?: BufferCacheMode;
  uniformBufferCacheMode?: BufferCacheMode;
  queryResolveBufferCacheMode?: BufferCacheMode;
  defaultBufferCacheMode?: BufferCacheMode;
  device?: GlobalType<'GPUDevice'>;
}

interface WebNNContextOptions {
  deviceType?: 'cpu' | 'gpu' | 'npu';
  numThreads?: number;
  powerPreference?: 'default' | 'low-power' | 'high-performance';
}

/** onnxruntime-web's WebNN options; WebNN has no counterpart here: the session falls back with a warning. */
export type WebNNExecutionProviderOption =
  | ({ readonly name: 'webnn'; context?: never } & WebNNContextOptions)
  | ({ readonly name: 'webnn'; context: GlobalType<'MLContext'>; deviceType: 'cpu' | 'gpu' | 'npu' } & Omit<WebNNContextOptions, 'deviceType'>)
  | { readonly name: 'webnn'; context: GlobalType<'MLContext'>; gpuDevice: GlobalType<'GPUDevice'> };

/** onnxruntime-node's native providers: named here so their options type-check; each falls back with a warning. */
export interface DeviceExecutionProviderOption<Name extends string> extends ExecutionProviderOption {
  readonly name: Name;
  deviceId?: number;
}

export interface CoreMLExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'coreml';
  coreMlFlags?: number;
  useCPUOnly?: boolean;
  useCPUAndGPU?: boolean;
  enableOnSubgraph?: boolean;
  onlyEnableDeviceWithANE?: boolean;
}

export interface NnapiExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'nnapi';
  useFP16?: boolean;
  useNCHW?: boolean;
  cpuDisabled?: boolean;
  cpuOnly?: boolean;
}

export interface QnnExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'qnn';
  backendType?: string;
  backendPath?: string;
  enableFp16Precision?: boolean;
}

export interface XnnpackExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'xnnpack';
}

/** This runtime's gpu provider with a gpu.js mode ('cpu' runs its kernels on the host, for tests). */
export interface GpuExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'gpu';
  mode?: GpuMode;
}

/** The plain JavaScript reference kernels alone. */
export interface JsExecutionProviderOption extends ExecutionProviderOption {
  readonly name: 'js';
}

export interface ExecutionProviderOptionMap {
  coreml: CoreMLExecutionProviderOption;
  cpu: CpuExecutionProviderOption;
  cuda: DeviceExecutionProviderOption<'cuda'>;
  dml: DeviceExecutionProviderOption<'dml'>;
  nnapi: NnapiExecutionProviderOption;
  tensorrt: DeviceExecutionProviderOption<'tensorrt'>;
  wasm: WebAssemblyExecutionProviderOption;
  webgl: WebGLExecutionProviderOption;
  webgpu: WebGpuExecutionProviderOption;
  webnn: WebNNExecutionProviderOption;
  qnn: QnnExecutionProviderOption;
  xnnpack: XnnpackExecutionProviderOption;
  gpu: GpuExecutionProviderOption;
  js: JsExecutionProviderOption;
}

export type ExecutionProviderName = keyof ExecutionProviderOptionMap;

/** A provider by name, or by an option object naming it. Unknown names get an InvalidInputError at create(). */
export type ExecutionProviderConfig =
  | ExecutionProviderOptionMap[ExecutionProviderName]
  | ExecutionProviderOption
  | ExecutionProviderName
  | string;
