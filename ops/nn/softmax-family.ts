// The definitions of Softmax, LogSoftmax and Hardmax, which differ only in the row function.
// Before opset 13 the input is coerced to 2-D at `axis` (default 1) and the function applies
// to each row of that matrix; from 13 on it applies along the single axis `axis` (default -1).
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { type SoftmaxKind, softmaxAlong } from './softmax-rows.js';

export function softmaxFamily(opType: string, kind: SoftmaxKind): OpDefinition[] {
  return [1, 11, 13].map((since) =>
    defineOp(opType, since, (ctx) => {
      const axisAttr = ctx.attrs.int('axis', since >= 13 ? -1 : 1);
      return (inputs) => {
        const x = tensorInput(inputs, 0, 'input');
        const rank = x.dims.length;
        // a scalar has one implicit axis of length 1
        const dims = rank === 0 ? [1] : x.dims;
        const axis = normalizeAxis(axisAttr, dims.length);
        const outer = sizeOf(dims.slice(0, axis));
        const len = since >= 13 ? dims[axis] : sizeOf(dims.slice(axis));
        const inner = since >= 13 ? sizeOf(dims.slice(axis + 1)) : 1;
        const xv = floatData(x, 'input');
        const y = allocFloat(x.type, x.size);
        softmaxAlong(xv, y, outer, len, inner, kind);
        return [fromCompute(x.type, y, x.dims)];
      };
    }),
  );
}
