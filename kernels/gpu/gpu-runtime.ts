// One gpu.js instance and its compiled kernels. Kernels are compiled once per key (op, shapes,
// attributes) and cached; every kernel writes a fresh device-resident output (pipeline +
// immutable), so results stay on the device until something downloads them.
import { MissingPackageError } from '../../data/errors.js';
import { type DeviceStorage, GpuTensor } from './gpu-tensor.js';
import type { GpuKernelSpec } from './kernel-spec.js';
import { installWebGpuNavigator, describeAdapter } from './webgpu-navigator.js';

/** 'auto' tries webgpu, then gpu.js's GL backends; 'cpu' is gpu.js's JavaScript mode (tests). */
export type GpuMode = 'auto' | 'webgpu' | 'gpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'cpu';

export const GPU_MODES: readonly GpuMode[] = ['auto', 'webgpu', 'gpu', 'webgl2', 'webgl', 'headlessgl', 'cpu'];

/** The backends that run on a graphics device; gpu.js's 'gpu' mode may also pick webasm or cpu. */
const DEVICE_BACKENDS = new Set(['webgpu', 'headlessgl', 'webgl2', 'webgl']);

interface KernelFn {
  (...args: unknown[]): unknown;
  destroy?(): void;
}

interface GpuInstance {
  createKernel(source: string, settings: Record<string, unknown>): KernelFn;
  destroy(): void;
  Kernel: { mode?: string } | null;
}

interface GpuJsModule {
  GPU: new (settings: { mode: string }) => GpuInstance;
  WebGPUContext?: { acquire(): Promise<{ device: unknown }>; destroy(): Promise<void> };
}

interface DeviceHandle {
  toArray(): unknown;
  delete?(): void;
}

/** Thrown when no device can run kernels; the message says why, for the fallback warning. */
export class GpuUnavailableError extends Error {}

/** Distinct kernels kept compiled; dynamic shapes would otherwise grow the cache without bound. */
const MAX_CACHED_KERNELS = 1024;

const UPLOAD_SOURCE = 'function (a) { return a[this.thread.x]; }';

export class GpuRuntime {
  private readonly kernels = new Map<string, KernelFn>();
  /** Kernels compiled so far (cache misses), for tests and reports. */
  compiled = 0;
  /** Device allocations not yet freed (results and uploads), to check nothing leaks. */
  liveBuffers = 0;

  constructor(
    private readonly lib: GpuJsModule,
    private readonly gpu: GpuInstance,
    /** The gpu.js backend actually running the kernels. */
    readonly backend: string,
    readonly description: string,
  ) {}

  /** Runs a kernel on device-resident arguments; the result stays on the device. */
  async run(spec: GpuKernelSpec, args: readonly GpuTensor[], dims: readonly number[]): Promise<GpuTensor> {
    const kernel = this.kernel(spec);
    let r = kernel(...args.map((a) => a.deviceHandle));
    if (r instanceof Promise) r = await r;
    return new GpuTensor(this.storage(r, spec.outputSize), dims);
  }

  /** Copies host values to a new device-resident tensor. */
  async upload(values: Float32Array, dims: readonly number[]): Promise<GpuTensor> {
    const spec: GpuKernelSpec = { key: `upload:${values.length}`, source: UPLOAD_SOURCE, outputSize: values.length, loopMax: 0 };
    let r = this.kernel(spec)(values);
    if (r instanceof Promise) r = await r;
    return new GpuTensor(this.storage(r, values.length), dims);
  }

  get cachedKernels(): number {
    return this.kernels.size;
  }

  destroy(): void {
    this.kernels.clear();
    this.gpu.destroy();
  }

  /** Releases the shared WebGPU device (the next runtime acquires a new one). */
  async destroyDevice(): Promise<void> {
    await this.lib.WebGPUContext?.destroy();
  }

  private kernel(spec: GpuKernelSpec): KernelFn {
    const hit = this.kernels.get(spec.key);
    if (hit) {
      // most recently used last, so eviction drops the coldest
      this.kernels.delete(spec.key);
      this.kernels.set(spec.key, hit);
      return hit;
    }
    const kernel = this.gpu.createKernel(spec.source, {
      output: [spec.outputSize],
      pipeline: true,
      immutable: true,
      precision: 'single',
      tactic: 'precision',
      // gpu.js silently stops any loop it cannot prove bounded after loopMaxIterations (1000 by
      // default): allow every loop of this kernel its full trip count
      loopMaxIterations: Math.max(1000, spec.loopMax + 1),
      dynamicOutput: false,
      dynamicArguments: false,
    });
    this.compiled++;
    if (this.kernels.size >= MAX_CACHED_KERNELS) {
      // dropped, not destroyed: tensors it produced may still be alive and read back later
      this.kernels.delete(this.kernels.keys().next().value as string);
    }
    this.kernels.set(spec.key, kernel);
    return kernel;
  }

  private storage(result: unknown, size: number): DeviceStorage {
    this.liveBuffers++;
    const done = () => { this.liveBuffers--; };
    if (result instanceof Float32Array) {
      // gpu.js CPU mode: the "device" is the host
      return { size, handle: result, read: () => result, free: done };
    }
    const handle = result as DeviceHandle;
    if (!handle || typeof handle.toArray !== 'function') {
      throw new Error(`gpu.js returned an unexpected kernel result (${Object.prototype.toString.call(result)})`);
    }
    return {
      size,
      handle,
      read: () => Promise.resolve(handle.toArray()).then((v) => (v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>))),
      free: () => {
        done();
        handle.delete?.();
      },
    };
  }
}

/**
 * gpu.js is an optional peer dependency (it brings Dawn, ~85 MB, that CPU users never need): a
 * literal dynamic import, so bundlers split it into a lazy chunk, and a typed error naming the
 * package when it is absent.
 */
async function loadGpuJs(): Promise<GpuJsModule> {
  let mod: GpuJsModule & { default?: GpuJsModule };
  try {
    mod = (await import('gpu.js')) as unknown as GpuJsModule & { default?: GpuJsModule };
  } catch (e) {
    throw new MissingPackageError('gpu.js', 'The gpu execution provider', { cause: e });
  }
  return mod.GPU ? mod : (mod.default as GpuJsModule);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

/** Runs a tiny kernel end to end, so an adapter that answers but cannot compute is rejected. */
async function probe(runtime: GpuRuntime): Promise<void> {
  const x = await runtime.upload(Float32Array.from([1, 2, 3, 4]), [4]);
  const spec: GpuKernelSpec = { key: 'probe', source: 'function (a) { return a[this.thread.x] * 2 + 1; }', outputSize: 4, loopMax: 0 };
  const y = await runtime.run(spec, [x], [4]);
  const v = await y.getData();
  x.dispose();
  y.dispose();
  if (v[0] !== 3 || v[3] !== 9) throw new Error(`probe kernel computed [${Array.from(v)}] instead of [3, 5, 7, 9]`);
}

async function openWith(lib: GpuJsModule, mode: Exclude<GpuMode, 'auto'>): Promise<GpuRuntime> {
  let description = 'gpu.js CPU mode';
  if (mode === 'webgpu') {
    await installWebGpuNavigator();
    description = (await describeAdapter()) ?? '';
    if (!description) throw new Error('no adapter');
  }
  const gpu = new lib.GPU({ mode });
  const backend = mode === 'cpu' ? 'cpu' : (gpu.Kernel?.mode ?? mode);
  if (mode !== 'cpu' && !DEVICE_BACKENDS.has(backend)) {
    gpu.destroy();
    throw new Error(`gpu.js picked its ${backend} backend, which does not run on a GPU`);
  }
  if (mode !== 'webgpu' && mode !== 'cpu') description = `gpu.js ${backend}`;
  const runtime = new GpuRuntime(lib, gpu, backend, description);
  try {
    await probe(runtime);
  } catch (e) {
    runtime.destroy();
    throw e;
  }
  return runtime;
}

/**
 * Opens a runtime for `mode`; 'auto' tries WebGPU (Dawn in Node), then gpu.js's GL modes.
 * Throws GpuUnavailableError listing why each mode failed, MissingPackageError without gpu.js.
 */
export async function openGpuRuntime(mode: GpuMode): Promise<GpuRuntime> {
  const lib = await loadGpuJs();
  const tries: Exclude<GpuMode, 'auto'>[] = mode === 'auto' ? ['webgpu', 'gpu', 'webgl'] : [mode];
  const reasons: string[] = [];
  for (const m of tries) {
    try {
      return await openWith(lib, m);
    } catch (e) {
      reasons.push(`${m}: ${firstLine(e)}`);
    }
  }
  throw new GpuUnavailableError(reasons.join('; '));
}

/**
 * The WebGPU device gpu.js's webgpu mode runs every kernel on (one per process, shared by all
 * runtimes), acquired now if no runtime has yet: env.webgpu.device hands it out.
 */
export async function acquireWebGpuDevice(): Promise<unknown> {
  const lib = await loadGpuJs();
  await installWebGpuNavigator();
  if (!lib.WebGPUContext) throw new GpuUnavailableError('this gpu.js build has no webgpu mode');
  return (await lib.WebGPUContext.acquire()).device;
}
