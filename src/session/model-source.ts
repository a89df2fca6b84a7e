// What InferenceSession.create() is given, as onnxruntime-common accepts it, made into what the
// loader reads: a model path (Node) or bytes, and external data files as bytes by name.
//   create(path | url, options)
//   create(Uint8Array, options)                       any view: its own bytes, wherever they start
//   create(ArrayBuffer | SharedArrayBuffer, options)  the whole buffer
//   create(ArrayBuffer, byteOffset, byteLength?, options)
import { InvalidInputError, ModelLoadError } from '../../data/errors.js';
import { host } from '../../data/platform/host.js';
import type { ExternalDataFile, ExternalDataOption, SessionOptions } from './session-options.js';

export type ModelArgument = string | Uint8Array | ArrayBufferLike;

export interface ModelRequest {
  model: string | Uint8Array;
  options: SessionOptions;
}

function isBuffer(v: unknown): v is ArrayBufferLike {
  return v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer);
}

function optionsArgument(v: unknown, position: string): SessionOptions {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null) {
    throw new InvalidInputError(`InferenceSession.create: ${position} must be the session options object, got ${v === null ? 'null' : typeof v}`, 'options', 'an object', v === null ? 'null' : typeof v);
  }
  return v as SessionOptions;
}

function integerArgument(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new InvalidInputError(`InferenceSession.create: ${name} must be an integer, got ${String(v)}`, name, 'an integer', String(v));
  }
  return v;
}

/** The overload a create() call used, resolved as onnxruntime-common resolves it. */
export function modelRequest(arg0: unknown, arg1?: unknown, arg2?: unknown, arg3?: unknown): ModelRequest {
  if (typeof arg0 === 'string' || arg0 instanceof Uint8Array) return { model: arg0, options: optionsArgument(arg1, 'the second argument') };
  if (!isBuffer(arg0)) {
    throw new InvalidInputError(
      `InferenceSession.create needs a model path or URL, a Uint8Array or an ArrayBuffer, got ${(arg0 as object)?.constructor?.name ?? typeof arg0}`,
      'model', 'string | Uint8Array | ArrayBuffer', (arg0 as object)?.constructor?.name ?? typeof arg0,
    );
  }
  if (typeof arg1 !== 'number') return { model: new Uint8Array(arg0), options: optionsArgument(arg1, 'the second argument') };
  const size = arg0.byteLength;
  const byteOffset = integerArgument(arg1, 'byteOffset');
  if (byteOffset < 0 || byteOffset >= size) {
    throw new InvalidInputError(`InferenceSession.create: byteOffset ${byteOffset} is outside the buffer's [0, ${size})`, 'byteOffset', `[0, ${size})`, String(byteOffset));
  }
  let byteLength = size - byteOffset;
  if (arg2 !== undefined) {
    byteLength = integerArgument(arg2, 'byteLength');
    if (byteLength <= 0 || byteOffset + byteLength > size) {
      throw new InvalidInputError(
        `InferenceSession.create: byteLength ${byteLength} from byteOffset ${byteOffset} does not fit the buffer's ${size} bytes (at most ${size - byteOffset})`,
        'byteLength', `(0, ${size - byteOffset}]`, String(byteLength),
      );
    }
  }
  return { model: new Uint8Array(arg0, byteOffset, byteLength), options: optionsArgument(arg3, 'the fourth argument') };
}

async function fileBytes(data: ExternalDataFile, path: string, modelDir: string | undefined): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (isBuffer(data)) return new Uint8Array(data);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  if (typeof data !== 'string') {
    throw new InvalidInputError(`externalData "${path}": data must be bytes, a Blob, or a path or URL`, 'externalData', 'Uint8Array | ArrayBuffer | Blob | string', typeof data);
  }
  if (host.files) {
    const file = modelDir && !host.files.isAbsolute(data) ? host.files.join(modelDir, data) : data;
    try {
      return host.files.readFile(file);
    } catch (e) {
      throw new ModelLoadError(`Cannot read external data file "${file}" (externalData "${path}"): ${(e as Error).message}`, { cause: e });
    }
  }
  if (!host.fetchBytes) throw new ModelLoadError(`Cannot load external data "${data}": this host has neither a file system nor fetch; pass its bytes`);
  try {
    return await host.fetchBytes(data);
  } catch (e) {
    throw new ModelLoadError(`Cannot load external data "${data}": ${(e as Error).message}`, { cause: e });
  }
}

/** The external data files by the name the model gives them, read where given as paths or URLs. */
export async function externalDataFiles(entries: readonly ExternalDataOption[] | undefined, model: string | Uint8Array): Promise<Map<string, Uint8Array> | undefined> {
  if (!entries?.length) return undefined;
  const modelDir = typeof model === 'string' && host.files ? host.files.dirname(host.files.resolve(model)) : undefined;
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const { path, data } = typeof entry === 'string' ? { path: entry, data: entry } : entry;
    if (typeof path !== 'string') throw new InvalidInputError('externalData: each entry needs a path (the file name the model gives)', 'externalData', '{ path, data } or a path', typeof path);
    // a path beside a model read from disk: the loader finds it there itself
    if (typeof entry === 'string' && modelDir) continue;
    files.set(path.replace(/^\.\//, ''), await fileBytes(data, path, modelDir));
  }
  return files;
}
