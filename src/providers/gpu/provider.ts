// The 'gpu' execution provider: float32 kernels compiled by gpu.js (WebGPU through Dawn in Node,
// WebGL in browsers), with tensors kept on the device between GPU nodes. Options:
//   executionProviders: ['gpu']                          detect (webgpu, then gpu.js's GL modes)
//   executionProviders: [{ name: 'gpu', mode: 'cpu' }]   gpu.js's CPU mode (tests, no device)
// Detection happens in initialize(); the session drops the provider with a warning when it fails.
import { host } from '../../../data/platform/host.js';
import { referenceOps } from '../../../ops/all.js';
import type { OpDefinition } from '../../../ops/types.js';
import { GpuStats } from './gpu-stats.js';
import { GPU_MODES, type GpuMode, type GpuRuntime, GpuUnavailableError, openGpuRuntime } from '../../../kernels/gpu/gpu-runtime.js';
import { uninstallWebGpuNavigator } from '../../../kernels/gpu/webgpu-navigator.js';
import { InvalidInputError, MissingPackageError } from '../../../data/errors.js';
import type { ExecutionProvider } from '../provider.js';

/**
 * The kernels and their op bridge, loaded with the device: a dynamic import, so a bundle keeps
 * them in a lazy chunk that pages running only wasm never fetch.
 */
type GpuKernels = typeof import('./ops.js');
let kernels: Promise<GpuKernels> | undefined;
const loadKernels = () => (kernels ??= import('./ops.js'));

/** One runtime per mode for the whole process: kernels compile once, whatever the session. */
const runtimes = new Map<GpuMode, Promise<GpuRuntime>>();
/** Where GPU-bound nodes ran, per mode, over all sessions. */
const statsByMode = new Map<GpuMode, GpuStats>();

function runtimeFor(mode: GpuMode): Promise<GpuRuntime> {
  let r = runtimes.get(mode);
  if (!r) {
    r = openGpuRuntime(mode);
    runtimes.set(mode, r);
  }
  return r;
}

export class GpuExecutionProvider implements ExecutionProvider {
  readonly name = 'gpu';
  readonly location = 'gpu-buffer' as const;
  readonly stats: GpuStats;
  private runtimeValue?: GpuRuntime;
  private kernels?: GpuKernels;
  private readonly defs = new Map<string, OpDefinition | undefined>();

  private logSeverityLevel = 2;

  constructor(readonly mode: GpuMode) {
    let stats = statsByMode.get(mode);
    if (!stats) statsByMode.set(mode, (stats = new GpuStats()));
    this.stats = stats;
  }

  /** Opens (or reuses) the device; throws with the reason when there is none. */
  async initialize(options?: { logSeverityLevel: number }): Promise<void> {
    if (options) this.logSeverityLevel = options.logSeverityLevel;
    if (this.runtimeValue) return;
    try {
      this.kernels = await loadKernels();
      this.runtimeValue = await runtimeFor(this.mode);
    } catch (e) {
      if (e instanceof MissingPackageError) throw e;
      const why = e instanceof GpuUnavailableError ? e.message : (e as Error).message;
      throw new GpuUnavailableError(`no GPU adapter (${why})`);
    }
  }

  get runtime(): GpuRuntime | undefined {
    return this.runtimeValue;
  }

  resolve(domain: string, opType: string, opset: number): OpDefinition | undefined {
    const runtime = this.runtimeValue;
    const kernels = this.kernels;
    if (!runtime || !kernels) return undefined;
    // the reference op decides which version applies (and validates like the CPU does)
    const cpuDef = referenceOps.resolve(domain, opType, opset);
    if (!cpuDef) return undefined;
    if (kernels.isGpuView(domain, opType)) return cpuDef;
    const factory = kernels.gpuOpFactory(domain, opType);
    if (!factory) return undefined;
    const key = `${domain}:${opType}:${cpuDef.since}`;
    if (!this.defs.has(key)) {
      this.defs.set(key, kernels.gpuDefinition(cpuDef, factory, {
        runtime,
        stats: this.stats,
        warn: (m) => { if (this.logSeverityLevel <= 2) console.warn(m); },
      }));
    }
    return this.defs.get(key);
  }

  versions(domain: string, opType: string): string {
    const kernels = this.kernels;
    return kernels && (kernels.gpuOpFactory(domain, opType) || kernels.isGpuView(domain, opType)) ? referenceOps.versions(domain, opType) : '';
  }
}

/**
 * The provider for an `executionProviders` entry: 'gpu' or { name: 'gpu', mode }. Without a
 * mode, $ONNX_TS_GPU_MODE picks one (e.g. 'cpu' to run any tool on gpu.js's CPU mode), else 'auto'.
 */
export function createGpuProvider(option: string | { name: string; [key: string]: unknown }): GpuExecutionProvider {
  const mode = (typeof option === 'string' ? undefined : option.mode) ?? (host.env('ONNX_TS_GPU_MODE') || 'auto');
  if (typeof mode !== 'string' || !GPU_MODES.includes(mode as GpuMode)) {
    throw new InvalidInputError(`gpu provider: mode must be one of ${GPU_MODES.join(', ')}, got ${String(mode)}`);
  }
  return new GpuExecutionProvider(mode as GpuMode);
}

/**
 * Releases every GPU runtime and the WebGPU device, so Node can exit (Dawn keeps the event
 * loop alive while it is loaded). Sessions created earlier must not run afterwards.
 */
export async function releaseGpu(): Promise<void> {
  for (const r of runtimes.values()) {
    try {
      const runtime = await r;
      // kernels (and their buffers) first, then the device they were made on
      runtime.destroy();
      await runtime.destroyDevice();
    } catch {
      // a runtime that never opened has nothing to release
    }
  }
  runtimes.clear();
  uninstallWebGpuNavigator();
}
