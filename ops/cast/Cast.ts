import { defineOp } from '../define.js';
import { castTensor } from '../helpers/cast-tensor.js';
import { tensorInput } from '../helpers/values.js';
import { castOptions, dataTypeAttribute } from './cast-attributes.js';

// Versions add types (bfloat16 at 13, float8 and `saturate` at 19, int4/uint4 at 21, float4e2m1
// at 23, float8e8m0 and `round_mode` at 24, int2/uint2 at 25); the conversion rules are shared.
export const Cast = [1, 6, 9, 13, 19, 21, 23, 24, 25].map((since) =>
  defineOp('Cast', since, (ctx) => {
    const to = ctx.attrs.required('to', dataTypeAttribute(ctx, 'to'));
    const opts = castOptions(ctx);
    return (inputs, rt) => [castTensor(tensorInput(inputs, 0, 'input'), to, opts, rt)];
  }),
);
