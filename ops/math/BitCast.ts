import {
  type DataType, type TypedArray, dataTypeFromCode, storageConstructor,
} from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';

const BITS: Record<Exclude<DataType, 'string'>, number> = {
  bool: 8, int8: 8, uint8: 8,
  float8e4m3fn: 8, float8e4m3fnuz: 8, float8e5m2: 8, float8e5m2fnuz: 8, float8e8m0: 8,
  int16: 16, uint16: 16, float16: 16, bfloat16: 16,
  int32: 32, uint32: 32, float32: 32,
  int64: 64, uint64: 64, float64: 64, complex64: 64,
  complex128: 128,
  int4: 4, uint4: 4, float4e2m1: 4,
  int2: 2, uint2: 2,
};

// Every type of a byte or more is stored with exactly its ONNX bit pattern (encoded floats as
// their bits, bool as a 0/1 byte, complex as little-endian (re, im) pairs), so reinterpreting
// the bytes is the bit cast. Sub-byte types are unpacked one element per slot: their low bits
// carry the pattern, and the signed ones (int4, int2) hold it sign-extended.
function bitCast(x: Tensor, to: Exclude<DataType, 'string'>): Tensor {
  if (x.type === 'string') throw new InvalidInputError('BitCast does not take string tensors', 'input', undefined, 'string');
  const bits = BITS[x.type];
  if (bits !== BITS[to]) {
    throw new InvalidInputError(`BitCast: ${x.type} (${bits} bits) cannot be reinterpreted as ${to} (${BITS[to]} bits)`, 'input', `${BITS[to]} bits`, `${bits} bits`);
  }
  const src = x.data as TypedArray;
  const Ctor = storageConstructor(to);
  if (bits >= 8) {
    const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength).slice();
    return new Tensor(to, new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT), x.dims);
  }
  const mask = (1 << bits) - 1;
  const half = 1 << (bits - 1);
  const signed = to === 'int4' || to === 'int2';
  const out = new Ctor(src.length) as Int8Array | Uint8Array;
  for (let i = 0; i < src.length; i++) {
    const code = (src[i] as number) & mask;
    out[i] = signed && code >= half ? code - 2 * half : code;
  }
  return new Tensor(to, out, x.dims);
}

export const BitCast = [
  defineOp('BitCast', 26, (ctx) => {
    const code = ctx.attrs.required('to', ctx.attrs.int('to'));
    const to = dataTypeFromCode(code);
    if (!to || to === 'string') throw ctx.attrs.error(`to must be a non-string TensorProto data type, got ${code}`, 'to');
    return (inputs) => [bitCast(tensorInput(inputs, 0, 'BitCast input'), to)];
  }),
];
