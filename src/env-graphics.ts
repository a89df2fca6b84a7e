// env.webgl and env.webgpu, as onnxruntime-common declares them. The gpu provider runs its
// kernels through gpu.js, which opens its own WebGL context and acquires its own WebGPU
// device; these flags hand those out where onnxruntime-web would hand out its own, and keep
// the rest (contextId, pack, powerPreference...) without effect.
import { DeviceUnavailableError } from '../data/errors.js';
import type { GlobalType } from '../data/global-type.js';
import { acquireWebGpuDevice } from '../kernels/gpu/gpu-runtime.js';

type GpuDevice = GlobalType<'GPUDevice'>;

export interface WebGLFlags {
  contextId?: 'webgl' | 'webgl2';
  /** A WebGL context on an offscreen canvas, made on first read; a DeviceUnavailableError where the host has none (Node). */
  readonly context: unknown;
  matmulMaxBatchSize?: number;
  textureCacheMode?: 'initializerOnly' | 'full';
  pack?: boolean;
  async?: boolean;
}

export interface WebGpuFlags {
  profilingMode?: 'off' | 'default';
  profiling: { mode?: 'off' | 'default'; ondata?: (data: unknown) => void };
  powerPreference?: 'low-power' | 'high-performance';
  forceFallbackAdapter?: boolean;
  adapter: GlobalType<'GPUAdapter'>;
  /**
   * Reading: the device the gpu provider's webgpu mode computes on (acquired now if no session
   * has yet; navigator.gpu, or Dawn from the `webgpu` package in Node). Setting: accepted and
   * read back, but gpu.js cannot be handed a device, so kernels stay on its own (said once).
   */
  get device(): Promise<GpuDevice>;
  set device(value: GpuDevice);
  validateInputContent?: boolean;
}

interface CanvasLike { getContext(id: string): unknown }
interface GraphicsHost {
  OffscreenCanvas?: new (width: number, height: number) => CanvasLike;
  document?: { createElement(tag: 'canvas'): CanvasLike };
}

export function webglFlags(): WebGLFlags {
  const flags = {} as WebGLFlags;
  let context: unknown;
  // not enumerable, so that copying or printing env (`{ ...env.webgl }`) makes no context and never throws
  Object.defineProperty(flags, 'context', {
    enumerable: false,
    get(): unknown {
      if (context) return context;
      const contextId = flags.contextId ?? 'webgl2';
      const host = globalThis as GraphicsHost;
      const canvas = host.OffscreenCanvas ? new host.OffscreenCanvas(1, 1) : host.document?.createElement('canvas');
      if (!canvas) throw new DeviceUnavailableError('env.webgl.context: this host has no OffscreenCanvas or document to make a WebGL context on', 'webgl');
      context = canvas.getContext(contextId);
      if (!context) throw new DeviceUnavailableError(`env.webgl.context: the canvas gave no '${contextId}' context (WebGL disabled or unsupported here)`, 'webgl');
      return context;
    },
  });
  return flags;
}

function isGpuDevice(v: unknown): boolean {
  const d = v as { createBuffer?: unknown; queue?: unknown } | null;
  return typeof d === 'object' && d !== null && typeof d.createBuffer === 'function' && typeof d.queue === 'object';
}

export function webgpuFlags(warn: (message: string) => void): WebGpuFlags {
  let given: GpuDevice | undefined;
  return {
    profiling: { mode: 'off' },
    // unset until the caller sets one, as in onnxruntime-web (whose type says it always is)
    adapter: undefined as unknown as GlobalType<'GPUAdapter'>,
    get device(): Promise<GpuDevice> {
      if (given !== undefined) return Promise.resolve(given);
      return (acquireWebGpuDevice() as Promise<GpuDevice>).catch((e: unknown) => {
        throw new DeviceUnavailableError(`env.webgpu.device: no WebGPU device (${(e as Error).message.split('\n')[0]})`, 'webgpu', { cause: e });
      });
    },
    set device(value: GpuDevice) {
      if (!isGpuDevice(value)) {
        throw new DeviceUnavailableError(`env.webgpu.device must be a GPUDevice (got ${(value as object)?.constructor?.name ?? typeof value})`, 'webgpu');
      }
      if (given === undefined) warn('env.webgpu.device: kept, but the gpu provider computes on the device gpu.js acquires itself, not this one');
      given = value;
    },
  };
}
