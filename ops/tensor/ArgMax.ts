import { defineOp } from '../define.js';
import { argExtreme } from '../helpers/arg-extreme.js';
import { normalizeAxis } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import type { KernelFn, OpContext } from '../types.js';
import { InvalidInputError } from '../../data/errors.js';

/** ArgMax/ArgMin: select_last_index exists from opset 12. */
export function argKernel(op: string, kind: 'max' | 'min', since: number): (ctx: OpContext) => KernelFn {
  return (ctx) => {
    const axisAttr = ctx.attrs.int('axis', 0);
    const keepDims = ctx.attrs.int('keepdims', 1) !== 0;
    const selectLast = since >= 12 && ctx.attrs.int('select_last_index', 0) !== 0;
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'data');
      const axis = normalizeAxis(axisAttr, x.dims.length, `${op} axis`);
      if (x.dims[axis] === 0) throw new InvalidInputError(`${op}: cannot reduce the empty axis ${axis} of shape [${x.dims}]`);
      return [argExtreme(x, axis, keepDims, selectLast, kind)];
    };
  };
}

export const ArgMax = [1, 11, 12, 13].map((since) => defineOp('ArgMax', since, argKernel('ArgMax', 'max', since)));
