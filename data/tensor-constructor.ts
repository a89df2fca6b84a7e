// The Tensor class's type as onnxruntime-common declares its TensorConstructor: each
// constructor and factory says which element type it makes (TypedTensor<T>), so that code
// written against onnxruntime-common's types compiles unchanged. The class itself takes one
// signature per argument shape; these are the same calls, told apart by their types.
import type { DataType, DataTypeMap } from './dtype.js';
import type { Tensor, TensorDims, TensorLocationParams, TypedTensor } from './tensor.js';

type BigIntType = 'int64' | 'uint64';
type NumberType = Exclude<DataType, 'string' | 'bool' | BigIntType>;

export interface TensorConstructor extends Pick<typeof Tensor, 'fromImage' | 'fromGpuBuffer' | 'fromTexture' | 'fromMLTensor' | 'fromPinnedBuffer'> {
  new (type: 'string', data: string[] | readonly string[], dims?: TensorDims): TypedTensor<'string'>;
  new (type: 'bool', data: Uint8Array | readonly boolean[], dims?: TensorDims): TypedTensor<'bool'>;
  new (type: 'uint8', data: Uint8ClampedArray, dims?: TensorDims): TypedTensor<'uint8'>;
  new <T extends BigIntType>(type: T, data: DataTypeMap[T] | readonly bigint[] | readonly number[], dims?: TensorDims): TypedTensor<T>;
  new <T extends NumberType>(type: T, data: DataTypeMap[T] | readonly number[], dims?: TensorDims): TypedTensor<T>;
  new (data: Float32Array, dims?: TensorDims): TypedTensor<'float32'>;
  new (data: Int8Array, dims?: TensorDims): TypedTensor<'int8'>;
  new (data: Uint8Array, dims?: TensorDims): TypedTensor<'uint8'>;
  new (data: Uint8ClampedArray, dims?: TensorDims): TypedTensor<'uint8'>;
  new (data: Uint16Array, dims?: TensorDims): TypedTensor<'uint16'>;
  new (data: Int16Array, dims?: TensorDims): TypedTensor<'int16'>;
  new (data: Int32Array, dims?: TensorDims): TypedTensor<'int32'>;
  new (data: BigInt64Array, dims?: TensorDims): TypedTensor<'int64'>;
  new (data: readonly string[], dims?: TensorDims): TypedTensor<'string'>;
  new (data: readonly boolean[], dims?: TensorDims): TypedTensor<'bool'>;
  new (data: Float64Array, dims?: TensorDims): TypedTensor<'float64'>;
  new (data: Uint32Array, dims?: TensorDims): TypedTensor<'uint32'>;
  new (data: BigUint64Array, dims?: TensorDims): TypedTensor<'uint64'>;
  new (type: DataType, data: DataTypeMap[DataType] | readonly number[] | readonly string[] | readonly bigint[] | readonly boolean[], dims?: TensorDims): Tensor;
  new (data: DataTypeMap[DataType], dims?: TensorDims): Tensor;
  new (params: TensorLocationParams): Tensor;
  readonly prototype: Tensor;
}
