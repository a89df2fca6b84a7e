// A float32 tensor whose data lives on a GPU (location 'gpu-buffer'), as onnxruntime-common's
// Tensor.fromGpuBuffer: `data` is only readable once downloaded (`await getData()`), `dispose()`
// frees the device memory. Views (reshape) share one refcounted device storage.
import { type DataLocation, Tensor, type TensorDims } from '../../data/tensor.js';

/** Backend-specific device memory holding `size` float32 values. */
export interface DeviceStorage {
  readonly size: number;
  /** The backend's handle (a gpu.js Texture, WebGPU buffer result, or a typed array in CPU mode). */
  readonly handle: unknown;
  /** Copies the values back to the host. */
  read(): Float32Array | Promise<Float32Array>;
  /** Frees the device memory; called once, when the last view is disposed. */
  free(): void;
}

class SharedStorage {
  private refs = 1;
  host?: Float32Array;
  private pending?: Promise<Float32Array>;

  constructor(readonly device: DeviceStorage) {}

  retain(): this {
    if (this.refs <= 0) throw new Error('GPU tensor used after its device memory was freed');
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0) this.device.free();
  }

  get freed(): boolean {
    return this.refs <= 0;
  }

  download(): Promise<Float32Array> {
    if (this.host) return Promise.resolve(this.host);
    if (this.freed) return Promise.reject(new Error('GPU tensor read after its device memory was freed'));
    this.pending ??= Promise.resolve(this.device.read()).then((values) => {
      // a backend may hand back a longer (padded) or shared array: keep exactly our elements
      this.host = values.length === this.device.size ? values : values.slice(0, this.device.size);
      return this.host;
    });
    return this.pending;
  }
}

const NO_HOST_DATA = new Float32Array(0);

export class GpuTensor extends Tensor {
  override readonly location: DataLocation = 'gpu-buffer';
  private readonly storage: SharedStorage;
  private disposed = false;

  /** Takes ownership of `device` (or, for a SharedStorage, one reference to it). */
  constructor(device: DeviceStorage | SharedStorage, dims: TensorDims) {
    super('float32', NO_HOST_DATA, [0]);
    this.storage = device instanceof SharedStorage ? device : new SharedStorage(device);
    const frozen = Object.freeze([...dims]);
    const size = frozen.reduce((p, d) => p * d, 1);
    if (size !== this.storage.device.size) {
      throw new RangeError(`GPU tensor dims [${frozen}] (${size} elements) do not match its device storage (${this.storage.device.size})`);
    }
    // the base constructor validated a placeholder; these are the real shape and accessors
    Object.defineProperties(this, {
      dims: { value: frozen, enumerable: true },
      size: { value: size, enumerable: true },
      data: {
        enumerable: true,
        get: () => {
          if (this.storage.host) return this.storage.host;
          throw new Error(`This float32 tensor [${frozen}] lives on the GPU: await tensor.getData() (or downloadTensor) before reading .data`);
        },
        set: () => {
          throw new Error('The data of a GPU tensor cannot be replaced');
        },
      },
    });
  }

  /** The backend's device handle, for kernels. */
  get deviceHandle(): unknown {
    if (this.disposed || this.storage.freed) throw new Error(`GPU tensor [${this.dims}] used after dispose()`);
    return this.storage.device.handle;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  override async getData(): Promise<Float32Array> {
    return this.storage.download();
  }

  override get cpuData(): Float32Array {
    return this.data as Float32Array;
  }

  /** Frees this view's reference to the device memory; safe to call more than once. */
  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.storage.release();
  }

  /** A view with new dims over the same device memory (no copy). */
  override reshape(dims: TensorDims): Tensor {
    return new GpuTensor(this.storage.retain(), dims);
  }
}

/** The host (CPU) tensor with `t`'s values: `t` itself when it is already on the CPU. */
export async function downloadTensor(t: Tensor): Promise<Tensor> {
  if (!(t instanceof GpuTensor)) return t;
  return new Tensor('float32', await t.getData(), t.dims);
}
