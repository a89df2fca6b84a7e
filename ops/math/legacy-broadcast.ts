// Binary ops before opset 7 broadcast only when `broadcast=1`, aligning B to A starting at
// `axis`. Reshaping B so numpy broadcasting gives the same result keeps one kernel for both.
import { Tensor } from '../../data/tensor.js';
import type { OpContext } from '../types.js';

export function legacyBroadcast(ctx: OpContext): (a: Tensor, b: Tensor) => [Tensor, Tensor] {
  if (ctx.opset >= 7) return (a, b) => [a, b];
  const broadcast = ctx.attrs.int('broadcast', 0);
  const axisAttr = ctx.attrs.int('axis');
  return (a, b) => {
    if (!broadcast || axisAttr === undefined) return [a, b];
    const axis = axisAttr < 0 ? axisAttr + a.dims.length : axisAttr;
    const dims = [...b.dims, ...new Array(Math.max(0, a.dims.length - axis - b.dims.length)).fill(1)];
    return [a, b.reshape(dims)];
  };
}
