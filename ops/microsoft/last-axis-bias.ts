// Element-wise contrib ops that first add a bias along the last axis (BiasGelu, FastGelu,
// BiasAdd, BiasSplitGelu): the bias check and the loop, computing in the input's float form.
import type { Tensor } from '../../data/tensor.js';
import { allocFloat, type FloatArray, floatData } from '../helpers/float-data.js';
import { fromCompute } from '../helpers/values.js';
import { checkSameFloatType, checkVector } from './contrib-checks.js';

/** bias as values to add along x's last axis, checked to be [H] and of x's type. */
export function lastAxisBias(op: string, x: Tensor, bias: Tensor | undefined, what = 'bias'): FloatArray | undefined {
  if (!bias) return undefined;
  checkSameFloatType(op, what, bias, x);
  checkVector(op, what, bias, x.dims[x.dims.length - 1] ?? 1);
  return floatData(bias, what);
}

/** y[i] = fn(x[i] + bias[i mod H]) in x's type and shape. */
export function mapWithBias(op: string, x: Tensor, biasT: Tensor | undefined, fn: (v: number) => number): Tensor {
  const xv = floatData(x, 'X');
  const bias = lastAxisBias(op, x, biasT);
  const y = allocFloat(x.type, x.size);
  if (bias) {
    const h = bias.length;
    for (let i = 0, j = 0; i < y.length; i++, j = j + 1 === h ? 0 : j + 1) y[i] = fn(xv[i] + bias[j]);
  } else {
    for (let i = 0; i < y.length; i++) y[i] = fn(xv[i]);
  }
  return fromCompute(x.type, y, x.dims);
}
