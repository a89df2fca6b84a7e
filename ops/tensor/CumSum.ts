import { defineOpVersions } from '../define.js';
import { cumulativeScan, type ScanKind } from '../helpers/cumulative-scan.js';
import { normalizeAxis } from '../helpers/shape.js';
import { readScalar, tensorInput } from '../helpers/values.js';
import type { KernelFn, OpContext } from '../types.js';

/** CumSum and CumProd: x and a scalar axis input; `exclusive` and `reverse` attributes. */
export function cumulativeKernel(op: string, kind: ScanKind): (ctx: OpContext) => KernelFn {
  return (ctx) => {
    const exclusive = ctx.attrs.int('exclusive', 0) !== 0;
    const reverse = ctx.attrs.int('reverse', 0) !== 0;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'x');
      const axis = normalizeAxis(readScalar(tensorInput(inputs, 1, 'axis')), x.dims.length, `${op} axis`);
      return [cumulativeScan(x, axis, kind, exclusive, reverse)];
    };
  };
}

export const CumSum = defineOpVersions('CumSum', [11, 14], cumulativeKernel('CumSum', 'sum'));
