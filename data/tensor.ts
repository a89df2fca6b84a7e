// The tensor value, shaped like onnxruntime-common's Tensor so user code can switch imports.
import {
  type DataType, type TensorData, type TypedArray, allocateData, slotsPerElement, storageConstructor,
} from './dtype.js';

/** Where a tensor's data lives, as in onnxruntime-common's Tensor.location. */
export type DataLocation = 'cpu' | 'wasm' | 'gpu-buffer';

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

export class Tensor {
  readonly type: DataType;
  readonly dims: TensorDims;
  readonly size: number;
  readonly location: DataLocation = 'cpu';
  data: TensorData;

  constructor(type: DataType, data: TensorData | readonly unknown[], dims?: TensorDims);
  constructor(data: TensorData | readonly unknown[], dims?: TensorDims);
  constructor(a: unknown, b?: unknown, c?: unknown) {
    let type: DataType, data: unknown, dims: TensorDims | undefined;
    if (typeof a === 'string') {
      type = a as DataType; data = b; dims = c as TensorDims | undefined;
    } else {
      type = inferType(a); data = a; dims = b as TensorDims | undefined;
    }
    const length = data === undefined ? 0 : (data as ArrayLike<unknown>).length / slotsPerElement(type);
    this.dims = Object.freeze([...(dims ?? [length])]);
    this.size = this.dims.reduce((p, d) => p * d, 1);
    for (const d of this.dims) {
      if (!Number.isInteger(d) || d < 0) throw new RangeError(`Tensor dims must be non-negative integers, got [${this.dims}]`);
    }
    this.type = type;
    this.data = coerceData(type, data, this.size);
    if (this.data.length !== this.size * slotsPerElement(type)) {
      throw new RangeError(
        `Tensor data length ${this.data.length} does not match dims [${this.dims}] (${this.size} elements)`,
      );
    }
  }

  /** onnxruntime-common compatibility: the data, already on the CPU here. */
  async getData(): Promise<TensorData> {
    return this.data;
  }

  get cpuData(): TensorData {
    return this.data;
  }

  dispose(): void {
    // CPU tensors are garbage-collected; kept for API compatibility.
  }

  reshape(dims: TensorDims): Tensor {
    return new Tensor(this.type, this.data, dims);
  }
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
