// The tensor value, shaped like onnxruntime-common's Tensor so user code can switch imports.
import {
  type DataType, type DataTypeMap, type TensorData, type TypedArray, allocateData, slotsPerElement, storageConstructor,
} from './dtype.js';
import {
  type DeviceCallbacks, type DeviceLocation, type GpuBufferHandle, type MLTensorHandle, type TextureHandle, DeviceResource,
} from './device-resource.js';
import { TensorConversionError, TensorLocationError } from './errors.js';
import { imageToTensorData } from './image/image-to-tensor.js';
import { tensorToPixels } from './image/tensor-to-pixels.js';
import { toImageDataObject, toPngDataUrl } from './image/image-output.js';
import type { ImageDataResult, ImageSource, TensorFromImageOptions, TensorToImageOptions } from './image/image-types.js';

/**
 * Where a tensor's data lives, as onnxruntime-common's Tensor.location: 'none' once a device
 * tensor is disposed. This runtime's own tensors are 'cpu' or (the gpu provider's) 'gpu-buffer';
 * 'texture' and 'ml-tensor' hold only resources users bring with a download function.
 */
export type DataLocation = 'none' | 'cpu' | 'cpu-pinned' | 'texture' | 'gpu-buffer' | 'ml-tensor';

export type TensorDims = readonly number[];

function inferType(data: unknown): DataType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof BigUint64Array) return 'uint64';
  if (Array.isArray(data)) {
    if (data.every((v) => typeof v === 'string')) return 'string';
    if (data.every((v) => typeof v === 'boolean')) return 'bool';
    return 'float32';
  }
  throw new TypeError('Tensor data must be a typed array or an array of numbers, strings or booleans');
}

function coerceData(type: DataType, data: unknown, size: number): TensorData {
  if (type === 'string') {
    if (!Array.isArray(data) || !data.every((v) => typeof v === 'string')) {
      throw new TypeError("A 'string' tensor needs an array of strings");
    }
    return data as string[];
  }
  const Ctor = storageConstructor(type);
  if (data instanceof Ctor) return data as TypedArray;
  if (type === 'bool' && Array.isArray(data)) return Uint8Array.from(data, (v) => (v ? 1 : 0));
  if (Array.isArray(data)) {
    if (Ctor === BigInt64Array || Ctor === BigUint64Array) {
      return (Ctor as typeof BigInt64Array).from(data as (number | bigint)[], (v) => BigInt(v));
    }
    return (Ctor as typeof Float32Array).from(data as number[]);
  }
  if (data === undefined) return allocateData(type, size);
  throw new TypeError(`A '${type}' tensor needs a ${Ctor.name} (got ${(data as object)?.constructor?.name ?? typeof data})`);
}

/** Types a WebGPU buffer, WebGL texture or WebNN MLTensor tensor may have, as onnxruntime-common allows. */
const DEVICE_TYPES: Record<DeviceLocation, ReadonlySet<DataType>> = {
  'gpu-buffer': new Set(['float32', 'float16', 'int32', 'int64', 'uint32', 'uint8', 'bool', 'uint4', 'int4']),
  texture: new Set(['float32']),
  'ml-tensor': new Set(['float32', 'float16', 'int32', 'int64', 'uint32', 'uint64', 'int8', 'uint8', 'bool', 'uint4', 'int4']),
};

/** onnxruntime-common's `new Tensor({ location, ... })`: a tensor over a device resource, or pinned host data. */
export type TensorLocationParams =
  | ({ readonly location: 'gpu-buffer'; readonly type: DataType; readonly dims: TensorDims; readonly gpuBuffer: GpuBufferHandle } & DeviceCallbacks)
  | ({ readonly location: 'texture'; readonly type: DataType; readonly dims: TensorDims; readonly texture: TextureHandle } & DeviceCallbacks)
  | ({ readonly location: 'ml-tensor'; readonly type: DataType; readonly dims: TensorDims; readonly mlTensor: MLTensorHandle } & DeviceCallbacks)
  | { readonly location: 'cpu-pinned'; readonly type: DataType; readonly dims?: TensorDims; readonly data: TensorData };

/** A tensor whose element type is known to the compiler, as onnxruntime-common's TypedTensor<T>. */
export type TypedTensor<T extends DataType> = Tensor<T>;

export interface TensorFromGpuBufferOptions<T extends DataType = DataType> extends DeviceCallbacks<DataTypeMap[T]> {
  readonly dims: TensorDims;
  /** Default 'float32'. */
  readonly dataType?: T;
}

export interface TensorFromTextureOptions<T extends 'float32' = 'float32'> extends DeviceCallbacks<DataTypeMap[T]> {
  readonly width: number;
  readonly height: number;
  /** The texture's format; onnxruntime-common reads every texture as RGBA float32. */
  readonly format?: string;
}

function isLocationParams(v: unknown): v is TensorLocationParams {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && 'location' in v;
}

let deviceOf: (t: Tensor) => DeviceResource | undefined;

export class Tensor<T extends DataType = DataType> {
  readonly type: T;
  readonly dims: TensorDims;
  readonly size: number;
  readonly location: DataLocation = 'cpu';
  data: DataTypeMap[T];
  /** The device resource of a tensor made over one (fromGpuBuffer and kin); undefined for host tensors. */
  #device?: DeviceResource;

  static {
    deviceOf = (t) => t.#device;
  }

  constructor(type: DataType, data: TensorData | Uint8ClampedArray | readonly unknown[], dims?: TensorDims);
  constructor(data: TensorData | Uint8ClampedArray | readonly unknown[], dims?: TensorDims);
  constructor(params: TensorLocationParams);
  constructor(a: unknown, b?: unknown, c?: unknown) {
    let type: DataType, data: unknown, dims: TensorDims | undefined;
    let device: DeviceResource | undefined;
    if (isLocationParams(a)) {
      type = a.type; dims = a.dims;
      if (a.location === 'cpu-pinned') {
        // a pure-JS runtime has no pinned memory: the buffer becomes an ordinary CPU tensor's data
        data = a.data;
      } else {
        device = locationResource(a);
      }
    } else if (typeof a === 'string') {
      type = a as DataType; data = b; dims = c as TensorDims | undefined;
    } else {
      type = a instanceof Uint8ClampedArray ? 'uint8' : inferType(a); data = a; dims = b as TensorDims | undefined;
    }
    if (data instanceof Uint8ClampedArray && type === 'uint8') {
      // onnxruntime-common takes ImageData's bytes as uint8; same memory, viewed as Uint8Array
      data = new Uint8Array(data.buffer, data.byteOffset, data.length);
    }
    const length = data === undefined ? 0 : (data as ArrayLike<unknown>).length / slotsPerElement(type);
    this.dims = Object.freeze([...(dims ?? [length])]);
    this.size = this.dims.reduce((p, d) => p * d, 1);
    for (const d of this.dims) {
      if (!Number.isInteger(d) || d < 0) throw new RangeError(`Tensor dims must be non-negative integers, got [${this.dims}]`);
    }
    this.type = type as T;
    if (device) {
      this.#device = device;
      this.location = device.location;
      this.data = undefined as never;
      Object.defineProperty(this, 'data', { enumerable: true, configurable: true, get: () => this.#notOnHost() });
      return;
    }
    this.data = coerceData(type, data, this.size) as DataTypeMap[T];
    if (this.data.length !== this.size * slotsPerElement(type)) {
      throw new RangeError(
        `Tensor data length ${this.data.length} does not match dims [${this.dims}] (${this.size} elements)`,
      );
    }
  }

  // #region factories, as onnxruntime-common's TensorFactory

  /**
   * A tensor from an image: ImageData, an ImageBitmap, an <img>, a URL (browsers), or raw
   * RGBA/RGB bytes with `options.width`/`height` (anywhere). Defaults: 'RGB', 'NCHW', float32,
   * value = (pixel + bias) / mean with mean 255, bias 0.
   */
  static async fromImage(image: ImageSource, options?: TensorFromImageOptions): Promise<TypedTensor<'float32'> | TypedTensor<'uint8'>> {
    const { type, data, dims } = await imageToTensorData(image, options);
    return new Tensor(type, data, dims) as TypedTensor<'float32'> | TypedTensor<'uint8'>;
  }

  /** A tensor over a WebGPU buffer: `getData()` calls `download`, `dispose()` calls `dispose`. */
  static fromGpuBuffer<T extends DataType = 'float32'>(gpuBuffer: GpuBufferHandle, options: TensorFromGpuBufferOptions<T>): TypedTensor<T> {
    const { dataType, dims, download, dispose } = options;
    return new Tensor({ location: 'gpu-buffer', type: dataType ?? 'float32', gpuBuffer, dims, download, dispose }) as TypedTensor<T>;
  }

  /** A tensor over a WebGL texture, read as RGBA float32 [1, height, width, 4] as onnxruntime-common does. */
  static fromTexture<T extends 'float32' = 'float32'>(texture: TextureHandle, options: TensorFromTextureOptions<T>): TypedTensor<'float32'> {
    const { width, height, download, dispose } = options;
    return new Tensor({ location: 'texture', type: 'float32', texture, dims: [1, height, width, 4], download, dispose }) as TypedTensor<'float32'>;
  }

  /** A tensor over a WebNN MLTensor. */
  static fromMLTensor<T extends DataType = 'float32'>(mlTensor: MLTensorHandle, options: TensorFromGpuBufferOptions<T>): TypedTensor<T> {
    const { dataType, dims, download, dispose } = options;
    return new Tensor({ location: 'ml-tensor', type: dataType ?? 'float32', mlTensor, dims, download, dispose }) as TypedTensor<T>;
  }

  /**
   * onnxruntime-common's pinned buffer: here an ordinary CPU tensor (location 'cpu') over the
   * same memory, since JavaScript memory needs no pinning for any provider of this runtime.
   */
  static fromPinnedBuffer<T extends Exclude<DataType, 'string'>>(type: T, buffer: DataTypeMap[T], dims?: TensorDims): TypedTensor<T> {
    const Ctor = (type as DataType) === 'string' ? undefined : storageConstructor(type);
    if (!Ctor || !(buffer instanceof Ctor)) {
      throw new TensorConversionError(
        `Tensor.fromPinnedBuffer('${type}') needs a ${Ctor?.name ?? 'numeric type and typed array'} (got ${(buffer as object)?.constructor?.name ?? typeof buffer})`,
        'buffer', Ctor?.name ?? 'typed array', (buffer as object)?.constructor?.name ?? typeof buffer,
      );
    }
    return new Tensor({ location: 'cpu-pinned', type, data: buffer, dims }) as TypedTensor<T>;
  }

  // #endregion

  // #region conversions

  /** The image this [1, C, H, W] (or NHWC) tensor holds: pixel = (value - bias) * mean, defaults mean 255, bias 0. */
  toImageData(options?: TensorToImageOptions): ImageDataResult {
    return toImageDataObject(tensorToPixels(this, options));
  }

  /** That image as a PNG data URL (a page's canvas in browsers, our own encoder elsewhere). */
  toDataURL(options?: TensorToImageOptions): string {
    return toPngDataUrl(tensorToPixels(this, options));
  }

  // #endregion

  get texture(): TextureHandle {
    return this.#handle('texture') as TextureHandle;
  }

  get gpuBuffer(): GpuBufferHandle {
    return this.#handle('gpu-buffer') as GpuBufferHandle;
  }

  get mlTensor(): MLTensorHandle {
    return this.#handle('ml-tensor') as MLTensorHandle;
  }

  /**
   * The data on the CPU. A tensor over a device resource downloads it once (then its location
   * is 'cpu'), and with `releaseData` frees the resource, as in onnxruntime-common.
   */
  async getData(releaseData?: boolean): Promise<DataTypeMap[T]> {
    const device = this.#device;
    if (!device || this.location === 'cpu') return this.data;
    if (this.location === 'none') this.#notOnHost();
    const downloaded = await device.fetch(this.#describe());
    let data: TensorData;
    try {
      data = coerceData(this.type, downloaded, this.size);
    } catch (e) {
      throw new TensorLocationError(`The download function of ${this.#describe()} returned unusable data: ${(e as Error).message}`, device.location);
    }
    if (data.length !== this.size * slotsPerElement(this.type)) {
      throw new TensorLocationError(`The download function of ${this.#describe()} returned ${data.length} values for ${this.size} elements`, device.location);
    }
    Object.defineProperty(this, 'data', { value: data, enumerable: true, configurable: true, writable: true });
    (this as { location: DataLocation }).location = 'cpu';
    if (releaseData) device.release(this.#describe());
    return data as DataTypeMap[T];
  }

  get cpuData(): DataTypeMap[T] {
    return this.data;
  }

  /**
   * Frees a device resource (calling the `dispose` it came with); the tensor's location is then
   * 'none'. CPU tensors are garbage-collected, so for them this does nothing.
   */
  dispose(): void {
    const device = this.#device;
    if (!device) return;
    device.release(this.#describe());
    (this as { location: DataLocation }).location = 'none';
    Object.defineProperty(this, 'data', { enumerable: true, configurable: true, get: () => this.#notOnHost() });
  }

  reshape(dims: TensorDims): Tensor<T> {
    const device = this.#device;
    if (!device || this.location === 'cpu') return new Tensor(this.type, this.data, dims) as Tensor<T>;
    if (this.location === 'none') this.#notOnHost();
    if (device.ownsResource) {
      throw new TensorLocationError(`${this.#describe()} owns its device resource (it has download or dispose), so it cannot be reshaped`, device.location);
    }
    return new Tensor(locationParams(device, this.type, dims)) as Tensor<T>;
  }

  #describe(): string {
    return `The ${this.type} tensor [${this.dims}] (location '${this.location}')`;
  }

  #notOnHost(): never {
    if (this.location === 'none') throw new TensorLocationError(`${this.#describe()} was disposed`, 'none');
    throw new TensorLocationError(`${this.#describe()} is not on the CPU: await tensor.getData() to download it`, this.location);
  }

  #handle(location: DeviceLocation): unknown {
    const device = this.#device;
    if (this.location === 'none') this.#notOnHost();
    if (device?.location !== location) {
      throw new TensorLocationError(this.location === location
        ? `${this.#describe()} keeps its data in a provider's own device memory, not a ${location} it can hand out; await getData() for the values`
        : `${this.#describe()} is not held in a ${location}`, this.location);
    }
    return device.handle;
  }
}

function locationResource(params: Exclude<TensorLocationParams, { location: 'cpu-pinned' }>): DeviceResource {
  const { location, type } = params;
  const allowed = DEVICE_TYPES[location];
  if (!allowed) throw new TensorLocationError(`Unknown tensor location '${String(location)}'`, String(location));
  if (!allowed.has(type)) {
    throw new TensorConversionError(`A ${location} tensor cannot have type '${type}' (allowed: ${[...allowed].join(', ')})`, 'type', [...allowed].join('|'), type);
  }
  if (!Array.isArray(params.dims)) throw new TensorConversionError(`A ${location} tensor needs dims (a number array)`, 'dims', 'number[]', typeof params.dims);
  const handle = location === 'gpu-buffer' ? params.gpuBuffer : location === 'texture' ? params.texture : params.mlTensor;
  if (handle === undefined || handle === null) {
    throw new TensorConversionError(`A ${location} tensor needs its ${location === 'gpu-buffer' ? 'gpuBuffer' : location === 'texture' ? 'texture' : 'mlTensor'}`, location, 'a device handle', String(handle));
  }
  const download = params.download ? () => params.download!() : undefined;
  const dispose = params.dispose ? () => params.dispose!() : undefined;
  return new DeviceResource(location, handle, download, dispose);
}

/** The constructor parameters of a view over the same (unowned) device resource. */
function locationParams(device: DeviceResource, type: DataType, dims: TensorDims): TensorLocationParams {
  switch (device.location) {
    case 'gpu-buffer': return { location: 'gpu-buffer', type, dims, gpuBuffer: device.handle as GpuBufferHandle };
    case 'texture': return { location: 'texture', type, dims, texture: device.handle as TextureHandle };
    case 'ml-tensor': return { location: 'ml-tensor', type, dims, mlTensor: device.handle as MLTensorHandle };
  }
}

/**
 * A tensor over a device resource the runtime does not manage (Tensor.fromGpuBuffer and kin)
 * whose data has not been downloaded: sessions download it before they run.
 */
export function awaitsDownload(v: unknown): v is Tensor {
  return v instanceof Tensor && v.location !== 'cpu' && deviceOf(v) !== undefined;
}

/** A sequence value (ONNX seq(T)) is a plain array of values. */
export type OnnxSequence = OnnxValue[];

/** An ONNX map value. */
export type OnnxMap = Map<string | number | bigint, OnnxValue>;

/**
 * Any value a model can take or return: a Tensor, a sequence (array), a map, or null for an
 * optional without a value.
 */
export type OnnxValue = Tensor | OnnxSequence | OnnxMap | null;

export function isTensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}
