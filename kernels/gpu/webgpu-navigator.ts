// navigator.gpu for Node from the `webgpu` package (Dawn), in the shape gpu.js's WebGPU backend
// expects. Dawn's GPUDevice rejects `device.onuncapturederror = fn` (gpu.js assigns it when it
// acquires the device), so each device gets an own `onuncapturederror` property that forwards
// to addEventListener where Dawn accepts that, and otherwise leaves Dawn's own error printing.
import { loadDawn } from './dawn-loader.js';

interface Navigatorish {
  gpu?: GpuEntry;
}

interface GpuEntry {
  requestAdapter(options?: unknown): Promise<AdapterLike | null>;
  getPreferredCanvasFormat?(): string;
}

interface AdapterLike {
  requestDevice(descriptor?: unknown): Promise<DeviceLike>;
  info?: { vendor?: string; architecture?: string; description?: string; device?: string };
}

interface DeviceLike {
  addEventListener?(type: string, listener: unknown): void;
  destroy?(): void;
}

let installed: { gpu: GpuEntry; createdNavigator: boolean } | undefined;

function patchDevice(device: DeviceLike): DeviceLike {
  let handler: unknown = null;
  Object.defineProperty(device, 'onuncapturederror', {
    configurable: true,
    get: () => handler,
    set: (fn: unknown) => {
      handler = fn;
      try {
        device.addEventListener?.('uncapturederror', fn);
      } catch {
        // some Dawn builds reject listeners too; Dawn then prints uncaptured errors itself
      }
    },
  });
  return device;
}

function patchAdapter(adapter: AdapterLike | null): AdapterLike | null {
  if (!adapter) return adapter;
  const requestDevice = adapter.requestDevice;
  Object.defineProperty(adapter, 'requestDevice', {
    configurable: true,
    value: async (descriptor?: unknown) => patchDevice(await requestDevice.call(adapter, descriptor)),
  });
  return adapter;
}

function wrapEntry(gpu: GpuEntry): GpuEntry {
  return {
    requestAdapter: async (options?: unknown) => patchAdapter(await gpu.requestAdapter(options)),
    getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat?.() ?? 'bgra8unorm',
  };
}

/**
 * Makes `navigator.gpu` available: the platform's own where it exists (browsers, Deno),
 * else Dawn from the `webgpu` package. Throws with the loader's message when neither works.
 */
export async function installWebGpuNavigator(): Promise<void> {
  if (installed) return;
  const g = globalThis as { navigator?: Navigatorish };
  if (g.navigator?.gpu) {
    const own = g.navigator.gpu;
    installed = { gpu: own, createdNavigator: false };
    return;
  }
  const mod = (await loadDawn()) as { create(flags: string[]): GpuEntry; globals: Record<string, unknown> } | undefined;
  if (!mod) throw new Error('this host has no navigator.gpu');
  const gpu = wrapEntry(mod.create([]));
  Object.assign(globalThis, mod.globals);
  if (g.navigator) {
    Object.defineProperty(g.navigator, 'gpu', { configurable: true, value: gpu });
    installed = { gpu, createdNavigator: false };
  } else {
    g.navigator = { gpu };
    installed = { gpu, createdNavigator: true };
  }
}

/** The adapter's description, for logs ("nvidia ampere (NVIDIA H100)", "mesa software (llvmpipe ...)"). */
export async function describeAdapter(): Promise<string | undefined> {
  const gpu = (globalThis as { navigator?: Navigatorish }).navigator?.gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) return undefined;
  const i = adapter.info ?? {};
  return [i.vendor, i.architecture, i.description || i.device].filter(Boolean).join(' ') || 'unnamed adapter';
}

/**
 * Drops the Dawn instance this module installed, so Node can exit (Dawn keeps the event loop
 * alive while its navigator.gpu is referenced).
 */
export function uninstallWebGpuNavigator(): void {
  if (!installed) return;
  const g = globalThis as { navigator?: Navigatorish };
  if (installed.createdNavigator) delete g.navigator;
  else if (g.navigator?.gpu === installed.gpu) delete g.navigator.gpu;
  installed = undefined;
}
