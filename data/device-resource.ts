// A tensor's data held in a device resource the runtime does not manage (a WebGPU buffer from
// Tensor.fromGpuBuffer): reached only through the owner's download and dispose callbacks, with
// onnxruntime-common's rules: one download at a time, after which the data is on the CPU.
import type { TensorData } from './dtype.js';
import { TensorLocationError } from './errors.js';
import type { GlobalType } from './global-type.js';


export type GpuBufferHandle = GlobalType<'GPUBuffer', { size: number; mapState: 'unmapped' | 'pending' | 'mapped' }>;
export type TextureHandle = GlobalType<'WebGLTexture', object>;
export type MLTensorHandle = GlobalType<'MLTensor', { destroy(): void }>;

/** The locations only a device resource can hold. */
export type DeviceLocation = 'gpu-buffer' | 'texture' | 'ml-tensor';

export interface DeviceCallbacks<D = TensorData> {
  /** Copies the data to the CPU; without it the tensor's data cannot be read. */
  download?(): Promise<D>;
  /** Frees the resource; without it the resource is the caller's to free. */
  dispose?(): void;
}

export class DeviceResource {
  private downloading = false;

  constructor(
    readonly location: DeviceLocation,
    readonly handle: unknown,
    private download: (() => Promise<TensorData>) | undefined,
    private disposer: (() => void) | undefined,
  ) {}

  /** Whether the tensor owns device memory (reshape would alias it). */
  get ownsResource(): boolean {
    return this.download !== undefined || this.disposer !== undefined;
  }

  async fetch(describe: string): Promise<TensorData> {
    if (!this.download) {
      throw new TensorLocationError(`${describe} was created without a download function, so its data cannot be read on the CPU`, this.location);
    }
    if (this.downloading) throw new TensorLocationError(`${describe} is already being downloaded; await that getData() first`, this.location);
    this.downloading = true;
    try {
      const data = await this.download();
      this.download = undefined;
      return data;
    } finally {
      this.downloading = false;
    }
  }

  release(describe: string): void {
    if (this.downloading) throw new TensorLocationError(`${describe} is being downloaded and cannot be disposed until getData() settles`, this.location);
    const dispose = this.disposer;
    this.disposer = undefined;
    this.download = undefined;
    dispose?.();
  }
}
