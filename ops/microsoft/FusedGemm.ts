// com.microsoft FusedGemm: Y = activation(alpha·A'·B' + beta·C), onnxruntime's Gemm+activation
// fusion. The product is ai.onnx Gemm; the activation's parameters are the fused activation
// node's attributes, renamed activation_alpha/_beta/_gamma.
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import type { OpDefinition } from '../types.js';
import { mapInPlace, readGemmActivation } from './fused-activation.js';
import { createOnnxBase, runBase } from './onnx-base-ops.js';

const EPILOGUE = ['activation', 'activation_alpha', 'activation_beta', 'activation_gamma', 'leaky_relu_alpha'];

export const FusedGemm: OpDefinition = defineOp('FusedGemm', 1, (ctx) => {
  const fn = readGemmActivation(ctx.attrs);
  const gemm = createOnnxBase(ctx, 'Gemm', 13, { inputs: 3, drop: EPILOGUE });
  return async (inputs, rt) => [mapInPlace(await runBase(gemm, inputs, rt), fn)];
}, MICROSOFT_DOMAIN);
