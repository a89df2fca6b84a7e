// Reads tensor bytes stored outside the model file. Only relative paths that stay inside the
// model's folder after resolving symlinks are allowed: a model must not read arbitrary files.
import type { HostFiles } from '../data/platform/host-types.js';
import { host } from '../data/platform/host.js';
import { InvalidModelError, ModelLoadError } from '../data/errors.js';

export interface ExternalDataSource {
  /** Folder of the model file; external paths are resolved against it. */
  baseDir?: string;
  /** Data supplied by the caller, keyed by the location string in the model. */
  files?: Map<string, Uint8Array>;
}

export interface ExternalDataRef {
  location: string;
  offset: number;
  length?: number;
}

function parseRef(entries: { key?: string; value?: string }[], tensorName: string): ExternalDataRef {
  const map = new Map(entries.map((e) => [e.key ?? '', e.value ?? '']));
  const location = map.get('location');
  if (!location) throw new InvalidModelError(`Tensor "${tensorName}" has external data without a location`);
  const num = (key: string): number | undefined => {
    const v = map.get(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new InvalidModelError(`Tensor "${tensorName}": external data ${key} "${v}" is not a valid byte count`);
    }
    return n;
  };
  return { location, offset: num('offset') ?? 0, length: num('length') };
}

function isInside(files: HostFiles, dir: string, file: string): boolean {
  const rel = files.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !files.isAbsolute(rel);
}

function fileSystem(tensorName: string, location: string): HostFiles {
  if (!host.files) throw new ModelLoadError(`Tensor "${tensorName}" uses external data "${location}", but this host has no file system: pass the file's contents in the externalData option`);
  return host.files;
}

/** Resolves and checks a location; returns the real path of the file. */
export function resolveExternalPath(baseDir: string, location: string, tensorName: string): string {
  const files = fileSystem(tensorName, location);
  if (files.isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location) || location.startsWith('\\')) {
    throw new InvalidModelError(`Tensor "${tensorName}": external data location "${location}" is absolute; only paths relative to the model's folder are allowed`);
  }
  if (location.split(/[\\/]/).includes('..')) {
    throw new InvalidModelError(`Tensor "${tensorName}": external data location "${location}" contains "..", which could leave the model's folder`);
  }
  let realBase: string, realFile: string;
  try {
    realBase = files.realpath(baseDir);
    realFile = files.realpath(files.join(realBase, location));
  } catch (e) {
    throw new ModelLoadError(`Tensor "${tensorName}": external data file "${location}" cannot be opened (${(e as Error).message})`, { cause: e });
  }
  if (!isInside(files, realBase, realFile)) {
    throw new InvalidModelError(`Tensor "${tensorName}": external data location "${location}" resolves outside the model's folder`);
  }
  const st = files.stat(realFile);
  if (!st.isFile) throw new InvalidModelError(`Tensor "${tensorName}": external data location "${location}" is not a regular file`);
  if (st.links > 1) {
    // a hard link can make a file outside the folder appear inside it
    throw new InvalidModelError(`Tensor "${tensorName}": external data file "${location}" has several hard links; refusing it because it may alias a file outside the model's folder`);
  }
  return realFile;
}

export function readExternalData(
  entries: { key?: string; value?: string }[],
  tensorName: string,
  expectedBytes: number,
  source: ExternalDataSource,
): Uint8Array {
  const ref = parseRef(entries, tensorName);
  const length = ref.length ?? expectedBytes;
  if (length !== expectedBytes) {
    throw new InvalidModelError(`Tensor "${tensorName}": external data length ${length} does not match the ${expectedBytes} bytes its type and shape need`);
  }
  const supplied = source.files?.get(ref.location) ?? source.files?.get(ref.location.replace(/^\.\//, ''));
  if (supplied) {
    if (ref.offset + length > supplied.length) {
      throw new InvalidModelError(`Tensor "${tensorName}": external data range ${ref.offset}+${length} is past the end of the supplied "${ref.location}" (${supplied.length} bytes)`);
    }
    return supplied.subarray(ref.offset, ref.offset + length);
  }
  if (!source.baseDir) {
    throw new ModelLoadError(`Tensor "${tensorName}" uses external data "${ref.location}", but the model was given as bytes: pass the file's contents in the externalData option`);
  }
  const file = resolveExternalPath(source.baseDir, ref.location, tensorName);
  const files = fileSystem(tensorName, ref.location);
  const size = files.stat(file).size;
  if (ref.offset + length > size) {
    throw new InvalidModelError(`Tensor "${tensorName}": external data range ${ref.offset}+${length} is past the end of "${ref.location}" (${size} bytes)`);
  }
  try {
    return files.readRange(file, ref.offset, length);
  } catch (e) {
    throw new ModelLoadError(`Tensor "${tensorName}": external data "${ref.location}" cannot be read (${(e as Error).message})`, { cause: e });
  }
}
