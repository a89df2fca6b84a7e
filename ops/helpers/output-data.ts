// Output arrays from the session's memory (its static plan or its pool of freed buffers),
// falling back to a fresh allocation. Only plain storage types: float16 and friends are
// computed in a float32 scratch array and encoded afterwards, and strings are JS arrays.
import { type DataType, type TensorData, ENCODED_FLOAT_TYPES, allocateData } from '../../data/dtype.js';
import type { RuntimeContext } from '../types.js';
import { type ComputeArray, allocCompute } from './values.js';

/**
 * The compute array for output `index` of the running node. Zero-filled unless the kernel
 * says it writes every element (`zeroed` false).
 */
export function outputArray(rt: RuntimeContext | undefined, index: number, type: DataType, size: number, zeroed = true): ComputeArray {
  if (rt?.output && type !== 'string' && !ENCODED_FLOAT_TYPES.has(type)) {
    const data = rt.output.data(index, type, size, zeroed);
    if (data) return data as ComputeArray;
  }
  return allocCompute(type, size);
}

/** A float32 output the kernel overwrites completely (copied out of wasm memory, say). */
export function outputF32(rt: RuntimeContext | undefined, index: number, size: number): Float32Array {
  return outputArray(rt, index, 'float32', size, false) as Float32Array;
}

/**
 * Storage for output 0 in the tensor's own element type (strings included), for kernels that
 * write every element (concatenation, strided copies).
 */
export function outputData(rt: RuntimeContext | undefined, type: DataType, size: number): TensorData {
  if (rt?.output && type !== 'string') {
    const data = rt.output.data(0, type, size, false);
    if (data) return data;
  }
  return allocateData(type, size);
}
