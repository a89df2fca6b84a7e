// The JPEG, JPEG 2000, TIFF and WebP codecs are npm packages, imported the first time an
// ImageDecoder meets such an image: a session that never decodes one never loads them. The
// specifier is a variable, not a literal, so bundlers leave the packages out of the browser
// bundle (where the host's module loader must then find them).
import { InvalidInputError } from '../../../data/errors.js';

const modules = new Map<string, Promise<unknown>>();

/** The package's module namespace; for a CommonJS package, its exports. */
export async function loadCodec<T>(pkg: string, format: string): Promise<T> {
  let loading = modules.get(pkg);
  if (!loading) {
    loading = import(pkg).then((m: { default?: unknown }) => (m.default && typeof m.default === 'object' ? { ...m.default, ...m } : m));
    modules.set(pkg, loading);
  }
  try {
    return (await loading) as T;
  } catch (e) {
    modules.delete(pkg);
    throw new InvalidInputError(`ImageDecoder: decoding ${format} needs the npm package ${pkg}, which could not be loaded here: ${(e as Error).message}`);
  }
}

/** A codec's own failure on bad data, as the typed error the other readers throw. */
export function codecFailure(format: string, e: unknown): InvalidInputError {
  if (e instanceof InvalidInputError) return e;
  return new InvalidInputError(`ImageDecoder: the ${format} data could not be decoded: ${(e as Error)?.message ?? String(e)}`);
}
