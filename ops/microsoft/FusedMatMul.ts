// com.microsoft FusedMatMul: Y = alpha · op(A) · op(B), onnxruntime's fusion of MatMul with
// the Transposes and scalar Mul/Div around it. op() transposes the last two axes (transA,
// transB) and, with transBatchA/B on a tensor of rank >= 3, first moves axis 0 in front of the
// last axis ([d0, d1..dk, n] read as [d1..dk, d0, n]). 1-D inputs are never transposed. The
// product is ai.onnx MatMul.
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { permuteAxes } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { mapInPlace } from './fused-activation.js';
import { createOnnxBase, runBase } from './onnx-base-ops.js';

/** The permutation op() applies, or undefined when it is the identity. */
function operandPermutation(rank: number, trans: boolean, transBatch: boolean): number[] | undefined {
  if (rank < 2 || (!trans && !(transBatch && rank >= 3))) return undefined;
  const perm = [...Array(rank).keys()];
  if (transBatch && rank >= 3) perm.splice(0, rank - 1, ...perm.slice(1, rank - 1), 0);
  if (trans) [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

function operand(t: Tensor, trans: boolean, transBatch: boolean): Tensor {
  const perm = operandPermutation(t.dims.length, trans, transBatch);
  return perm ? permuteAxes(t, perm) : t;
}

export const FusedMatMul = defineOp('FusedMatMul', 1, (ctx) => {
  const alpha = ctx.attrs.float('alpha', 1);
  const transA = ctx.attrs.int('transA', 0) !== 0, transB = ctx.attrs.int('transB', 0) !== 0;
  const transBatchA = ctx.attrs.int('transBatchA', 0) !== 0, transBatchB = ctx.attrs.int('transBatchB', 0) !== 0;
  const matmul = createOnnxBase(ctx, 'MatMul', 13, { inputs: 2, drop: ['alpha', 'transA', 'transB', 'transBatchA', 'transBatchB'] });
  const scale = alpha === 1 ? undefined : (v: number) => alpha * v;
  return async (inputs, rt) => {
    const a = operand(tensorInput(inputs, 0, 'A'), transA, transBatchA);
    const b = operand(tensorInput(inputs, 1, 'B'), transB, transBatchB);
    return [mapInPlace(await runBase(matmul, [a, b], rt), scale)];
  };
}, MICROSOFT_DOMAIN);
