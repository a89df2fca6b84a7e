// The `stash_type` attribute of the normalizations: the float type of their statistics.
import { type DataType, dataTypeFromCode } from '../../data/dtype.js';
import type { AttributeReader } from '../attributes.js';

const STASH_TYPES: ReadonlySet<DataType> = new Set(['float32', 'float64', 'float16', 'bfloat16']);

export function readStashType(attrs: AttributeReader): DataType {
  const code = attrs.int('stash_type', 1);
  const type = dataTypeFromCode(code);
  if (!type || !STASH_TYPES.has(type)) throw attrs.error(`stash_type must name a floating-point type, got ${code}`, 'stash_type');
  return type;
}
