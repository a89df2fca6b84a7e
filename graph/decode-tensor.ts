// TensorProto → Tensor, for every element type and storage form (raw_data little-endian,
// the typed repeated fields, external data), with sizes checked before anything is allocated.
import { type DataType, type TypedArray, allocateData, dataTypeFromCode, storageConstructor } from '../data/dtype.js';
import { Tensor } from '../data/tensor.js';
import { InvalidModelError } from '../data/errors.js';
import { elementsPerByte, unpackSubByte } from '../data/sub-byte.js';
import { type ExternalDataSource, readExternalData } from './external-data.js';
import { type ResourceLimits, checkTensorSize, defaultLimits } from './limits.js';
import {
  type SparseTensorMessage, type TensorMessage, int64ToBigInt, int64ToNumber,
} from './proto/onnx-messages.js';

export interface TensorDecodeContext {
  external?: ExternalDataSource;
  limits?: ResourceLimits;
}

/** Bytes raw_data holds for n elements of type. */
export function rawByteLength(type: Exclude<DataType, 'string'>, n: number): number {
  const per = elementsPerByte(type);
  if (per > 1) return Math.ceil(n / per);
  return n * (type === 'complex64' ? 8 : type === 'complex128' ? 16 : storageConstructor(type).BYTES_PER_ELEMENT);
}

function fromRaw(type: Exclude<DataType, 'string'>, raw: Uint8Array, n: number): TypedArray {
  if (elementsPerByte(type) > 1) return unpackSubByte(type, raw, n);
  const Ctor = storageConstructor(type);
  // copy into a fresh, aligned buffer; raw_data is usually an unaligned view into the model
  const copy = new Uint8Array(raw.length);
  copy.set(raw);
  const data = new Ctor(copy.buffer, 0, copy.length / Ctor.BYTES_PER_ELEMENT);
  if (type === 'bool') for (let i = 0; i < data.length; i++) data[i] = data[i] ? 1 : 0;
  return data;
}

function fromTypedFields(type: DataType, m: TensorMessage, n: number, name: string): Tensor['data'] {
  const fail = (field: string, got: number): never => {
    throw new InvalidModelError(`Tensor "${name}" (${type}) has ${got} values in ${field}, expected ${n}`);
  };
  switch (type) {
    case 'string': {
      const s = m.stringData ?? [];
      if (s.length !== n) fail('string_data', s.length);
      const dec = new TextDecoder();
      return s.map((b) => dec.decode(b));
    }
    case 'float32': case 'complex64': {
      const f = m.floatData ?? [];
      if (f.length !== n * (type === 'complex64' ? 2 : 1)) fail('float_data', f.length);
      return Float32Array.from(f);
    }
    case 'float64': case 'complex128': {
      const f = m.doubleData ?? [];
      if (f.length !== n * (type === 'complex128' ? 2 : 1)) fail('double_data', f.length);
      return Float64Array.from(f);
    }
    case 'int64': {
      const f = m.int64Data ?? [];
      if (f.length !== n) fail('int64_data', f.length);
      return BigInt64Array.from(f, (v) => int64ToBigInt(v));
    }
    case 'uint64': {
      const f = m.uint64Data ?? [];
      if (f.length !== n) fail('uint64_data', f.length);
      return BigUint64Array.from(f, (v) => int64ToBigInt(v, true));
    }
    case 'uint32': {
      const f = m.uint64Data ?? [];
      if (f.length !== n) fail('uint64_data', f.length);
      return Uint32Array.from(f, (v) => int64ToNumber(v));
    }
    default: {
      const f = m.int32Data ?? [];
      const per = elementsPerByte(type);
      if (per > 1 && f.length === Math.ceil(n / per) && f.length !== n) return unpackSubByte(type, f, n);
      if (f.length !== n) fail('int32_data', f.length);
      const out = allocateData(type, n) as TypedArray;
      for (let i = 0; i < n; i++) out[i] = type === 'bool' ? (f[i] ? 1 : 0) : f[i];
      return out;
    }
  }
}

export function decodeTensor(m: TensorMessage, ctx: TensorDecodeContext = {}): Tensor {
  const name = m.name ?? '';
  const type = m.dataType ? dataTypeFromCode(m.dataType) : undefined;
  if (!type) {
    throw new InvalidModelError(m.dataType
      ? `Tensor "${name}" has unknown data_type ${m.dataType}`
      : `Tensor "${name}" has no data_type (unset or UNDEFINED); ONNX requires one`);
  }
  const dims = (m.dims ?? []).map((d) => int64ToNumber(d));
  const limits = ctx.limits ?? defaultLimits();
  const n = checkTensorSize(type, dims, limits, `Tensor "${name}"`);
  let data: Tensor['data'];
  if (m.dataLocation === 1 || (m.externalData && m.externalData.length > 0)) {
    if (type === 'string') throw new InvalidModelError(`Tensor "${name}": string tensors cannot use external data`);
    const raw = readExternalData(m.externalData ?? [], name, rawByteLength(type, n), ctx.external ?? {});
    data = fromRaw(type, raw, n);
  } else if (m.rawData && m.rawData.length > 0 && type !== 'string') {
    const expected = rawByteLength(type, n);
    if (m.rawData.length !== expected) {
      throw new InvalidModelError(`Tensor "${name}": raw_data has ${m.rawData.length} bytes, but a ${type} tensor of shape [${dims}] needs ${expected}`);
    }
    data = fromRaw(type, m.rawData, n);
  } else {
    data = fromTypedFields(type, m, n, name);
  }
  return new Tensor(type, data, dims);
}

/** SparseTensorProto → dense Tensor (indices either linearized [NNZ] or coordinates [NNZ, rank]). */
export function decodeSparseTensor(m: SparseTensorMessage, ctx: TensorDecodeContext = {}): Tensor {
  if (!m.values) throw new InvalidModelError('Sparse tensor without values');
  const values = decodeTensor(m.values, ctx);
  const dims = (m.dims ?? []).map((d) => int64ToNumber(d));
  const limits = ctx.limits ?? defaultLimits();
  const n = checkTensorSize(values.type, dims, limits, `Sparse tensor "${m.values.name ?? ''}"`);
  const out = allocateData(values.type, n);
  const nnz = values.size;
  if (nnz > 0) {
    if (!m.indices) throw new InvalidModelError('Sparse tensor without indices');
    const idx = decodeTensor(m.indices, ctx);
    const raw = Array.from(idx.data as ArrayLike<number | bigint>, (v) => Number(v));
    const strides = dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));
    for (let k = 0; k < nnz; k++) {
      let flat: number;
      if (idx.dims.length === 1) flat = raw[k];
      else {
        flat = 0;
        for (let a = 0; a < dims.length; a++) flat += raw[k * dims.length + a] * strides[a];
      }
      if (!(flat >= 0 && flat < n)) throw new InvalidModelError(`Sparse tensor index ${flat} is out of range for shape [${dims}]`);
      (out as unknown as unknown[])[flat] = (values.data as unknown as unknown[])[k];
    }
  }
  return new Tensor(values.type, out, dims);
}
