// Storing already-scaled values into a quantized type: integer types clamp to their range
// (callers round first), float8 types encode with or without saturation, float4e2m1 clamps.
import { type DataType, type TensorData, allocateData } from '../../data/dtype.js';
import { encodeFloatBits } from '../../data/float-codecs.js';
import { InvalidInputError } from '../../data/errors.js';

export const QUANT_INT_RANGES: Partial<Record<DataType, readonly [number, number]>> = {
  uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767],
  uint4: [0, 15], int4: [-8, 7], uint2: [0, 3], int2: [-2, 1],
};

const QUANT_FLOAT_TYPES: ReadonlySet<DataType> = new Set([
  'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float4e2m1',
]);

/** Whether `type` is a quantized type (the results of QuantizeLinear). */
export function isQuantizedType(type: DataType): boolean {
  return QUANT_INT_RANGES[type] !== undefined || QUANT_FLOAT_TYPES.has(type);
}

/** Whether values must be rounded to integers before `storeQuantized`. */
export function isIntegerQuantizedType(type: DataType): boolean {
  return QUANT_INT_RANGES[type] !== undefined;
}

type Writable = { [i: number]: number };

/** `values` stored as `type`; integer values must already be rounded. */
export function storeQuantized(type: DataType, values: ArrayLike<number>, saturate = true): TensorData {
  const n = values.length;
  const out = allocateData(type, n) as unknown as Writable;
  const range = QUANT_INT_RANGES[type];
  if (range) {
    const [lo, hi] = range;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  } else if (QUANT_FLOAT_TYPES.has(type)) {
    const enc = encodeFloatBits(type, type === 'float4e2m1' ? true : saturate);
    for (let i = 0; i < n; i++) out[i] = enc(values[i]);
  } else {
    throw new InvalidInputError(`${type} is not a quantized type`);
  }
  return out as unknown as TensorData;
}
