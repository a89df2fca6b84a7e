// The `dtype` attribute of the random ops: a TensorProto type code, restricted per op.
import { type DataType, dataTypeFromCode, isFloatType } from '../../data/dtype.js';
import type { OpContext } from '../types.js';

/** The float type named by `dtype`, `fallback` when the attribute is absent. */
export function floatDtypeAttr(ctx: OpContext, fallback: DataType | undefined): DataType | undefined {
  const code = ctx.attrs.int('dtype');
  if (code === undefined) return fallback;
  const type = dataTypeFromCode(code);
  if (!type || !isFloatType(type) || type.startsWith('float8') || type === 'float4e2m1') {
    throw ctx.attrs.error(`dtype ${code} is not a supported float type (float16, float, double, bfloat16)`, 'dtype');
  }
  return type;
}
