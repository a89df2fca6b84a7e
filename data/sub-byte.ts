// The sub-byte integer and float types travel packed (ONNX raw_data, onnxruntime-common's
// tensors): several elements to a byte, the first in the low bits. Ours hold one per slot.
import { type DataType, type TypedArray, allocateData } from './dtype.js';

/** Elements packed per byte for the sub-byte types; 1 for every other type. */
export function elementsPerByte(type: DataType): number {
  if (type === 'int4' || type === 'uint4' || type === 'float4e2m1') return 2;
  if (type === 'int2' || type === 'uint2') return 4;
  return 1;
}

/** n elements of a sub-byte type from their packed bytes, one element per slot. */
export function unpackSubByte(type: DataType, bytes: ArrayLike<number>, n: number): TypedArray {
  const per = elementsPerByte(type);
  const bits = 8 / per;
  const mask = (1 << bits) - 1;
  const signed = type === 'int4' || type === 'int2';
  const out = allocateData(type, n) as Int8Array | Uint8Array;
  for (let i = 0; i < n; i++) {
    let v = (bytes[Math.floor(i / per)] >> ((i % per) * bits)) & mask;
    if (signed && v & (1 << (bits - 1))) v -= 1 << bits;
    out[i] = v;
  }
  return out;
}
