// Reads a tensor for `onnx-ts run --input name=FILE` from .pb (TensorProto), .npy or .json.
import fs from 'node:fs';
import { decodeValueFile } from '../../graph/decode-value.js';
import { type DataType, storageConstructor } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

const NPY_TYPES: Record<string, DataType> = {
  f4: 'float32', f8: 'float64', f2: 'float16', i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64',
  u1: 'uint8', u2: 'uint16', u4: 'uint32', u8: 'uint64', b1: 'bool',
};

export function parseNpy(bytes: Uint8Array, file: string): Tensor {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== '\x93NUMPY') throw new InvalidInputError(`${file} is not a .npy file`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1] ?? '';
  const fortran = /'fortran_order':\s*True/.test(header);
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (fortran) throw new InvalidInputError(`${file}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray`);
  if (descr.startsWith('>')) throw new InvalidInputError(`${file}: big-endian arrays are not supported`);
  const type = NPY_TYPES[descr.replace(/^[<|=]/, '')];
  if (!type) throw new InvalidInputError(`${file}: unsupported numpy dtype ${descr}`);
  // a copy with its own aligned buffer (Buffer#slice would share the file's, at an offset)
  const body = Uint8Array.prototype.slice.call(bytes, start + headerLen);
  const Ctor = storageConstructor(type as Exclude<DataType, 'string'>);
  const data = new Ctor(body.buffer, 0, body.byteLength / Ctor.BYTES_PER_ELEMENT);
  return new Tensor(type, data, shape);
}

function flatten(v: unknown, dims: number[], out: unknown[], depth = 0): void {
  if (Array.isArray(v)) {
    if (dims.length <= depth) dims.push(v.length);
    for (const x of v) flatten(x, dims, out, depth + 1);
  } else out.push(v);
}

export function parseJsonTensor(text: string, file: string): Tensor {
  const j = JSON.parse(text) as unknown;
  if (j && typeof j === 'object' && !Array.isArray(j) && 'data' in j) {
    const o = j as { type?: DataType; dims?: number[]; data: unknown };
    const flat: unknown[] = [];
    const dims: number[] = [];
    flatten(o.data, dims, flat);
    return new Tensor(o.type ?? 'float32', flat as number[], o.dims ?? dims);
  }
  if (Array.isArray(j)) {
    const flat: unknown[] = [];
    const dims: number[] = [];
    flatten(j, dims, flat);
    return new Tensor('float32', flat as number[], dims);
  }
  throw new InvalidInputError(`${file}: expected a nested array or {"type", "dims", "data"}`);
}

export function readInputFile(file: string): OnnxValue {
  const bytes = fs.readFileSync(file);
  if (file.endsWith('.npy')) return parseNpy(bytes, file);
  if (file.endsWith('.json')) return parseJsonTensor(bytes.toString('utf8'), file);
  return decodeValueFile(bytes, 'tensor');
}
