// com.microsoft FusedConv: Y = activation(Conv(X, W, B) + Z), onnxruntime's Conv+activation
// fusion (and Conv+Add+activation, Z the residual, optional). The convolution is ai.onnx Conv.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { optionalTensorInput } from '../helpers/values.js';
import { applyActivation } from '../fused/activation.js';
import { readConvActivation } from './fused-activation.js';
import { createOnnxBase, runBase } from './onnx-base-ops.js';

function addSum(y: Tensor, z: Tensor): Tensor {
  if (z.dims.length !== y.dims.length || z.dims.some((d, i) => d !== y.dims[i])) {
    throw new InvalidInputError(`FusedConv: Z must have the output's shape [${y.dims.join(',')}], got [${z.dims.join(',')}]`, 'Z', `[${y.dims.join(',')}]`, `[${z.dims.join(',')}]`);
  }
  if (z.type !== y.type) throw new InvalidInputError(`FusedConv: Z must be ${y.type}, got ${z.type}`, 'Z', y.type, z.type);
  if (y.data instanceof Float32Array && z.data instanceof Float32Array) {
    const d = y.data, s = z.data;
    for (let i = 0; i < d.length; i++) d[i] += s[i];
    return y;
  }
  return binaryMap(y, z, (a: number, b: number) => a + b);
}

export const FusedConv = defineOp('FusedConv', 1, (ctx) => {
  const act = readConvActivation(ctx.attrs);
  const conv = createOnnxBase(ctx, 'Conv', 11, { inputs: 3, drop: ['activation', 'activation_params'] });
  return async (inputs, rt) => {
    let y = await runBase(conv, inputs.slice(0, 3), rt);
    const z = optionalTensorInput(inputs, 3);
    if (z) y = addSum(y, z);
    return [applyActivation(y, act)];
  };
}, MICROSOFT_DOMAIN);
