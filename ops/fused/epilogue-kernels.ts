// The CPU kernels of the fused ops whose base kernels take an activation epilogue (Conv,
// Gemm, MatMul): the activation is applied as each output is stored, not in a second pass.
import type { Tensor } from '../../data/tensor.js';
import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { readConvOptions, runConv } from '../nn/Conv.js';
import { readGemmOptions, runGemm } from '../nn/Gemm.js';
import { runMatMul } from '../nn/MatMul.js';
import type { OpDefinition } from '../types.js';
import { applyActivation, readActivation } from './activation.js';
import { FUSED_DOMAIN } from '../../data/domains.js';


/** y += z elementwise: in place when shapes match, broadcast otherwise. */
export function addInto(y: Tensor, z: Tensor): Tensor {
  if (y.data instanceof Float32Array && z.data instanceof Float32Array && y.size === z.size && y.dims.every((d, i) => d === z.dims[i])) {
    const d = y.data, s = z.data;
    for (let i = 0; i < d.length; i++) d[i] += s[i];
    return y;
  }
  return binaryMap(y, z, (a, b) => a + b);
}

/** FusedConv(X, W, B?, Z?): Conv, plus the residual Z, then the activation. */
export const FusedConv: OpDefinition = defineOp('FusedConv', 1, (ctx) => {
  const options = readConvOptions(ctx);
  const act = readActivation(ctx.attrs);
  const hasSum = ctx.node.inputs.length > 3 && ctx.node.inputs[3] !== '';
  // without a residual the kernel applies the activation itself; with one it must come after the sum
  const inKernel = hasSum ? { ...options } : { ...options, activation: act };
  return (inputs, rt) => {
    const y = runConv(tensorInput(inputs, 0, 'X'), tensorInput(inputs, 1, 'W'), optionalTensorInput(inputs, 2), inKernel, rt);
    if (!hasSum) return [y];
    return [applyActivation(addInto(y, tensorInput(inputs, 3, 'Z')), act)];
  };
}, FUSED_DOMAIN);

export const FusedGemm: OpDefinition = defineOp('FusedGemm', 1, (ctx) => {
  const options = { ...readGemmOptions(ctx), activation: readActivation(ctx.attrs) };
  return (inputs, rt) => [runGemm(tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B'), optionalTensorInput(inputs, 2), options, rt)];
}, FUSED_DOMAIN);

/** FusedMatMul(A, B, bias?): MatMul, plus a bias broadcast over the last axis, then the activation. */
export const FusedMatMul: OpDefinition = defineOp('FusedMatMul', 1, (ctx) => {
  const act = readActivation(ctx.attrs);
  const hasBias = ctx.node.inputs.length > 2 && ctx.node.inputs[2] !== '';
  const inKernel = hasBias ? undefined : act;
  return (inputs, rt) => {
    const y = runMatMul(tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B'), inKernel, rt);
    if (!hasBias) return [y];
    const bias = tensorInput(inputs, 2, 'bias');
    let out = y;
    if (y.data instanceof Float32Array && bias.data instanceof Float32Array && bias.size === y.dims[y.dims.length - 1]) {
      const d = y.data, b = bias.data, n = b.length;
      for (let i = 0; i < d.length; i += n) for (let j = 0; j < n; j++) d[i + j] += b[j];
    } else out = binaryMap(y, bias, (a, c) => a + c);
    return [applyActivation(out, act)];
  };
}, FUSED_DOMAIN);
