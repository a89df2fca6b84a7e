// Attributes shared by Cast and CastLike (and read the same way by the ops that cast).
import { type DataType, dataTypeFromCode } from '../../data/dtype.js';
import type { CastOptions, E8M0RoundMode } from '../helpers/cast-tensor.js';
import type { OpContext } from '../types.js';

/** TensorProto.DataType names by code: Cast-1 took `to` as one of these strings. */
const TYPE_NAMES = [
  'UNDEFINED', 'FLOAT', 'UINT8', 'INT8', 'UINT16', 'INT16', 'INT32', 'INT64', 'STRING', 'BOOL',
  'FLOAT16', 'DOUBLE', 'UINT32', 'UINT64', 'COMPLEX64', 'COMPLEX128', 'BFLOAT16',
  'FLOAT8E4M3FN', 'FLOAT8E4M3FNUZ', 'FLOAT8E5M2', 'FLOAT8E5M2FNUZ', 'UINT4', 'INT4', 'FLOAT4E2M1',
  'FLOAT8E8M0', 'UINT2', 'INT2',
];

/** A data-type attribute (`to`, `output_dtype`...) given as a TensorProto code or, in old models, a name. */
export function dataTypeAttribute(ctx: OpContext, name: string): DataType | undefined {
  const attr = ctx.node.attributes.get(name);
  if (!attr) return undefined;
  const code = attr.type === 'string' ? TYPE_NAMES.indexOf(String(attr.value).toUpperCase()) : ctx.attrs.int(name);
  const type = code === undefined || code < 0 ? undefined : dataTypeFromCode(code);
  if (!type) throw ctx.attrs.error(`attribute "${name}" is not a known data type (${String(attr.value)})`, name);
  return type;
}

const ROUND_MODES: readonly string[] = ['up', 'down', 'nearest'];

/** `saturate` (float8 targets) and `round_mode` (float8e8m0 targets), with their defaults. */
export function castOptions(ctx: OpContext): CastOptions {
  const roundMode = ctx.attrs.string('round_mode', 'up');
  if (!ROUND_MODES.includes(roundMode)) {
    throw ctx.attrs.error(`round_mode must be one of ${ROUND_MODES.join(', ')}, got "${roundMode}"`, 'round_mode');
  }
  return { saturate: ctx.attrs.int('saturate', 1) !== 0, roundMode: roundMode as E8M0RoundMode };
}
