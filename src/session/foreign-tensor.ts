// Feeds built with another runtime's Tensor class (onnxruntime-common's, which transformers.js
// uses for every input it makes), or any object of that shape, become our Tensor once, here at
// the session boundary, so validation and kernels only ever see one class. Our tensors over a
// user's device resource (Tensor.fromGpuBuffer) are downloaded here too, for every provider.
import { Tensor, awaitsDownload } from '../../data/tensor.js';
import type { OnnxValue } from '../../data/tensor.js';
import type { DataType, TensorData } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { unpackSubByte } from '../../data/sub-byte.js';

/** onnxruntime-common's Tensor, structurally: what we read from it. */
export interface ForeignTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly location?: string;
  readonly data?: unknown;
  getData?(releaseData?: boolean): Promise<unknown>;
}

/** An object that reads like onnxruntime-common's Tensor but is not ours. */
export function isForeignTensor(v: unknown): v is ForeignTensor {
  if (typeof v !== 'object' || v === null || v instanceof Tensor || Array.isArray(v) || v instanceof Map) return false;
  const t = v as Partial<ForeignTensor>;
  return typeof t.type === 'string' && Array.isArray(t.dims) && ('data' in t || typeof t.getData === 'function');
}

/** Where onnxruntime-common keeps data on the host: `.data` reads it without a download. */
const HOST_LOCATIONS = new Set([undefined, 'cpu', 'cpu-pinned']);

/** Host data in our storage layout; views share the foreign tensor's memory where layouts agree. */
function ownData(type: string, data: unknown, size: number): unknown {
  // int4/uint4 arrive packed two to a byte (onnxruntime's layout)
  if ((type === 'int4' || type === 'uint4') && data instanceof Uint8Array && data.length === Math.ceil(size / 2)) {
    return unpackSubByte(type, data, size);
  }
  // Float16Array (where the host has one) holds the same bits as our Uint16Array storage
  const Float16 = (globalThis as { Float16Array?: new (...a: never[]) => ArrayBufferView }).Float16Array;
  if (type === 'float16' && Float16 && data instanceof Float16) {
    const view = data as ArrayBufferView & { length: number };
    return new Uint16Array(view.buffer, view.byteOffset, view.length);
  }
  return data;
}

async function adopt(name: string, v: ForeignTensor): Promise<Tensor> {
  const data = HOST_LOCATIONS.has(v.location) ? v.data : await v.getData?.();
  try {
    return new Tensor(v.type as DataType, ownData(v.type, data, v.dims.reduce((p, d) => p * d, 1)) as TensorData, v.dims);
  } catch (e) {
    throw new InvalidInputError(
      `Input "${name}" is not a valid ${v.type} tensor [${v.dims}]: ${(e as Error).message}`,
      name, `${v.type} tensor`, (data as object)?.constructor?.name ?? typeof data,
    );
  }
}

/** Our tensor over a user's device resource (Tensor.fromGpuBuffer and kin), downloaded for the run. */
async function download(name: string, v: Tensor): Promise<Tensor> {
  try {
    return new Tensor(v.type, await v.getData(), v.dims);
  } catch (e) {
    throw new InvalidInputError(
      `Input "${name}" (a ${v.type} tensor [${v.dims}] at location '${v.location}') could not be read: ${(e as Error).message}`,
      name, 'a tensor whose data can be downloaded', `location '${v.location}'`,
    );
  }
}

function needsAdoption(v: unknown): boolean {
  return isForeignTensor(v) || awaitsDownload(v);
}

async function adoptValue(name: string, v: OnnxValue | ForeignTensor): Promise<OnnxValue> {
  if (isForeignTensor(v)) return adopt(name, v);
  if (awaitsDownload(v)) return download(name, v);
  if (Array.isArray(v) && v.some((e) => needsAdoption(e) || Array.isArray(e))) {
    return Promise.all(v.map((e, i) => adoptValue(`${name}[${i}]`, e)));
  }
  return v as OnnxValue;
}

/**
 * The feeds with every foreign tensor (and foreign tensors inside sequences) replaced by ours;
 * the same object when there is none, so the common case costs one scan.
 */
export async function adoptForeignFeeds<T extends Record<string, unknown>>(feeds: T): Promise<T> {
  if (typeof feeds !== 'object' || feeds === null) return feeds;
  let out: Record<string, unknown> | undefined;
  for (const [name, v] of Object.entries(feeds)) {
    if (!needsAdoption(v) && !Array.isArray(v)) continue;
    const own = await adoptValue(name, v as OnnxValue);
    if (own !== v) (out ??= { ...feeds })[name] = own;
  }
  return (out ?? feeds) as T;
}
