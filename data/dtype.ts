// Element types: ORT's type strings for the types onnxruntime-common knows, plus the
// ONNX types it cannot express (bfloat16, float8, float4, int4/int2, complex).
import { checkAllocation } from './allocation-guard.js';

export type NumericDataType =
  | 'float32' | 'float64' | 'float16' | 'bfloat16'
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'float8e4m3fn' | 'float8e4m3fnuz' | 'float8e5m2' | 'float8e5m2fnuz' | 'float8e8m0'
  | 'float4e2m1' | 'int4' | 'uint4' | 'int2' | 'uint2';

export type DataType = NumericDataType | 'bool' | 'string' | 'complex64' | 'complex128';

/** TensorProto.DataType codes, indexed by code. */
const CODES: (DataType | undefined)[] = [
  undefined, 'float32', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool',
  'float16', 'float64', 'uint32', 'uint64', 'complex64', 'complex128', 'bfloat16',
  'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'uint4', 'int4', 'float4e2m1',
  'float8e8m0', 'uint2', 'int2',
];

export function dataTypeFromCode(code: number): DataType | undefined {
  return CODES[code];
}

export function dataTypeCode(type: DataType): number {
  return CODES.indexOf(type);
}

export type TypedArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

export type TensorData = TypedArray | string[];

type TypedArrayConstructor = {
  new (length: number): TypedArray;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

/**
 * How each type is held in memory, as onnxruntime-common's Tensor.DataTypeMap (which it
 * extends). Types without a JS array of their own keep their bit patterns (float16, bfloat16,
 * float8, float4) in unsigned arrays, one element per slot; the sub-byte integer types are
 * unpacked to one element per byte; complex values are interleaved (re, im) pairs.
 */
export interface DataTypeMap {
  float32: Float32Array; float64: Float64Array; float16: Uint16Array; bfloat16: Uint16Array;
  int8: Int8Array; int16: Int16Array; int32: Int32Array; int64: BigInt64Array;
  uint8: Uint8Array; uint16: Uint16Array; uint32: Uint32Array; uint64: BigUint64Array;
  bool: Uint8Array;
  float8e4m3fn: Uint8Array; float8e4m3fnuz: Uint8Array; float8e5m2: Uint8Array;
  float8e5m2fnuz: Uint8Array; float8e8m0: Uint8Array; float4e2m1: Uint8Array;
  int4: Int8Array; uint4: Uint8Array; int2: Int8Array; uint2: Uint8Array;
  complex64: Float32Array; complex128: Float64Array;
  string: string[];
}

/** DataTypeMap's arrays at run time (the compiler holds each entry to the map). */
const STORAGE: { [T in Exclude<DataType, 'string'>]: TypedArrayConstructor & { new (length: number): DataTypeMap[T] } } = {
  float32: Float32Array, float64: Float64Array, float16: Uint16Array, bfloat16: Uint16Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array,
  float8e4m3fn: Uint8Array, float8e4m3fnuz: Uint8Array, float8e5m2: Uint8Array,
  float8e5m2fnuz: Uint8Array, float8e8m0: Uint8Array, float4e2m1: Uint8Array,
  int4: Int8Array, uint4: Uint8Array, int2: Int8Array, uint2: Uint8Array,
  complex64: Float32Array, complex128: Float64Array,
};

export function storageConstructor(type: Exclude<DataType, 'string'>): TypedArrayConstructor {
  return STORAGE[type];
}

/** Number of storage slots one element uses (2 for complex). */
export function slotsPerElement(type: DataType): number {
  return type === 'complex64' || type === 'complex128' ? 2 : 1;
}

export function allocateData(type: DataType, size: number): TensorData {
  checkAllocation(size, type === 'string' ? 8 : STORAGE[type].BYTES_PER_ELEMENT * slotsPerElement(type), `${type} tensor`);
  if (type === 'string') return new Array<string>(size).fill('');
  return new STORAGE[type](size * slotsPerElement(type));
}

export function isBigIntType(type: DataType): type is 'int64' | 'uint64' {
  return type === 'int64' || type === 'uint64';
}

/** Floating types stored as bit patterns that must be decoded to compute with them. */
export const ENCODED_FLOAT_TYPES: ReadonlySet<DataType> = new Set([
  'float16', 'bfloat16', 'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz',
  'float8e8m0', 'float4e2m1',
]);

export function isFloatType(type: DataType): boolean {
  return type === 'float32' || type === 'float64' || ENCODED_FLOAT_TYPES.has(type);
}

/** The 8-bit integer types: what the int8 kernels and the QDQ pattern take. */
export function isByteType(type: string | undefined): type is 'uint8' | 'int8' {
  return type === 'uint8' || type === 'int8';
}

export function isIntegerType(type: DataType): boolean {
  return /^u?int\d+$/.test(type);
}

/** Bytes one element takes in memory accounting (sub-byte types count as their unpacked byte). */
export function bytesPerElement(type: DataType): number {
  if (type === 'string') return 8;
  return STORAGE[type].BYTES_PER_ELEMENT * slotsPerElement(type);
}

export const ALL_DATA_TYPES: readonly DataType[] = CODES.filter((t): t is DataType => t !== undefined);
