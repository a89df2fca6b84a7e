// GPU paths of the matrix, convolution, pooling and normalization ops. Each factory reads the
// node's attributes as the CPU op does and returns undefined (CPU only) where the GPU kernels do
// not cover an attribute; each kernel returns undefined for inputs it does not cover.
import { readActivation } from '../../../ops/fused/activation.js';
import { outputRequested } from '../../../ops/helpers/requested-outputs.js';
import { broadcastShapes, normalizeAxis, sameDims } from '../../../ops/helpers/shape.js';
import { convShapes, readConvOptions } from '../../../ops/nn/Conv.js';
import { resolveWindow } from '../../../ops/nn/conv-geometry.js';
import { readPoolOptions } from '../../../ops/nn/pool-options.js';
import type { KernelInput, OpContext } from '../../../ops/types.js';
import { Tensor } from '../../../data/tensor.js';
import { type GpuKernel, type GpuOpFactory, isGpuFloat } from './op-bridge.js';
import { planBatchNorm } from '../../../kernels/gpu/gpu-f32-batchnorm.js';
import { planConv } from '../../../kernels/gpu/gpu-f32-conv.js';
import { planLayerNormApply, planMeanInvStd } from '../../../kernels/gpu/gpu-f32-layernorm.js';
import { type MatMulOptions, planMatMul } from '../../../kernels/gpu/gpu-f32-matmul.js';
import { planPool } from '../../../kernels/gpu/gpu-f32-pool.js';
import { planReduce } from '../../../kernels/gpu/gpu-f32-reduce.js';
import { planLogSumExp, planSoftmaxApply } from '../../../kernels/gpu/gpu-f32-softmax.js';
import { product } from '../../../kernels/gpu/kernel-spec.js';

const tensorAt = (inputs: KernelInput[], i: number): Tensor | undefined => (isGpuFloat(inputs[i]) ? (inputs[i] as Tensor) : undefined);

/** The shapes of the present inputs, as a plan's cache signature. */
const signature = (inputs: KernelInput[]) => inputs.map((t) => (t instanceof Tensor ? t.dims.join(',') : '-')).join('|');

/** Gemm's A and B are matrices. */
const matrices = (inputs: KernelInput[]) => isGpuFloat(inputs[0]) && isGpuFloat(inputs[1]) && inputs[0].dims.length === 2 && inputs[1].dims.length === 2;

/** The bias broadcasts onto `out` without growing it. */
function biasFits(bias: readonly number[], out: readonly number[]): boolean {
  try {
    return sameDims(broadcastShapes(out, bias), out);
  } catch {
    return false;
  }
}

function matmulKernel(o: (ctx: OpContext) => Omit<MatMulOptions, 'biasDims'>, biasInput: number | undefined, ctx: OpContext): GpuKernel {
  const options = o(ctx);
  return async (inputs, io) => {
    const a = tensorAt(inputs, 0), b = tensorAt(inputs, 1);
    if (!a || !b) return undefined;
    const hasBias = biasInput !== undefined && inputs[biasInput] !== undefined;
    const c = hasBias ? tensorAt(inputs, biasInput) : undefined;
    if (hasBias && !c) return undefined;
    const plan = io.plan(signature(inputs), () => {
      const bare = planMatMul(a.dims, b.dims, options);
      if (!bare || (c && !biasFits(c.dims, bare.outDims))) return undefined;
      return c ? planMatMul(a.dims, b.dims, { ...options, biasDims: c.dims }) : bare;
    });
    if (!plan) return undefined;
    const args = [await io.input(a, 0), await io.input(b, 1)];
    if (c && (options.beta ?? 1) !== 0) args.push(await io.input(c, biasInput!));
    return [await io.run(plan.spec, args, plan.outDims)];
  };
}

const gemmOptions = (ctx: OpContext): Omit<MatMulOptions, 'biasDims'> => ({
  transA: ctx.attrs.int('transA', 0) !== 0,
  transB: ctx.attrs.int('transB', 0) !== 0,
  alpha: ctx.attrs.float('alpha', 1),
  beta: ctx.attrs.float('beta', 1),
});

const MatMul: GpuOpFactory = (ctx) => (ctx.node.inputs.length > 2 ? undefined : matmulKernel(() => ({}), undefined, ctx));

// Gemm before 7 had the `broadcast` attribute; A and B are matrices
const Gemm: GpuOpFactory = (ctx) => {
  if ((ctx.opset < 7 && ctx.node.domain === '') || ctx.node.inputs.length > 3) return undefined;
  const kernel = matmulKernel(gemmOptions, 2, ctx);
  return async (inputs, io) => (matrices(inputs) ? kernel(inputs, io) : undefined);
};

const FusedGemm: GpuOpFactory = (ctx) => {
  if (ctx.node.inputs.length > 3) return undefined;
  const activation = readActivation(ctx.attrs);
  const kernel = matmulKernel((c) => ({ ...gemmOptions(c), activation }), 2, ctx);
  return async (inputs, io) => (matrices(inputs) ? kernel(inputs, io) : undefined);
};

const FusedMatMul: GpuOpFactory = (ctx) => {
  if (ctx.node.inputs.length > 3) return undefined;
  const activation = readActivation(ctx.attrs);
  return matmulKernel(() => ({ activation }), 2, ctx);
};

function convKernel(ctx: OpContext, fused: boolean): GpuKernel | undefined {
  // Conv: X, W, B; FusedConv adds the residual sum Z
  if (ctx.node.inputs.length > (fused ? 4 : 3)) return undefined;
  const options = readConvOptions(ctx);
  const activation = fused ? readActivation(ctx.attrs) : undefined;
  return async (inputs, io) => {
    const x = tensorAt(inputs, 0), w = tensorAt(inputs, 1);
    const b = inputs[2] === undefined ? undefined : tensorAt(inputs, 2);
    const z = inputs[3] === undefined ? undefined : tensorAt(inputs, 3);
    if (!x || !w || (inputs[2] !== undefined && !b) || (inputs[3] !== undefined && !z)) return undefined;
    const plan = io.plan(signature(inputs), () => {
      try {
        const s = convShapes('Conv', x, w, options.group, options.window.kernelShape);
        if (b && (b.dims.length !== 1 || b.size !== s.outChannels)) return undefined;
        const geometry = resolveWindow(options.window, s.inShape, s.kernel);
        return planConv({ xDims: x.dims, wDims: w.dims, group: options.group, geometry, hasBias: !!b, hasSum: !!z, activation });
      } catch {
        return undefined; // the CPU kernel reports the shape error
      }
    });
    if (!plan) return undefined;
    // the sum is added element for element; a broadcast one stays on the CPU
    if (plan.spec.outputSize === 0 || (z && !sameDims(z.dims, plan.outDims))) return undefined;
    const args = [await io.input(x, 0), await io.input(w, 1)];
    if (b) args.push(await io.input(b, 2));
    if (z) args.push(await io.input(z, 3));
    return [await io.run(plan.spec, args, plan.outDims)];
  };
}

const Conv: GpuOpFactory = (ctx) => convKernel(ctx, false);
const FusedConv: GpuOpFactory = (ctx) => convKernel(ctx, true);

function poolKernel(ctx: OpContext, kind: 'max' | 'average'): GpuKernel | undefined {
  // MaxPool's Indices output is computed on the CPU
  if (kind === 'max' && outputRequested(ctx.node, 1)) return undefined;
  const options = readPoolOptions(ctx);
  const countIncludePad = ctx.attrs.int('count_include_pad', 0) !== 0;
  return async (inputs, io) => {
    const x = tensorAt(inputs, 0);
    if (!x || x.dims.length < 3) return undefined;
    const plan = io.plan(signature(inputs), () => {
      try {
        const geometry = resolveWindow(options.window, x.dims.slice(2), options.kernel, options.ceilMode);
        return planPool(x.dims, geometry, kind === 'max' ? { kind } : { kind, countIncludePad });
      } catch {
        return undefined;
      }
    });
    if (!plan || plan.spec.outputSize === 0) return undefined;
    return [await io.run(plan.spec, [await io.input(x, 0)], plan.outDims)];
  };
}

const MaxPool: GpuOpFactory = (ctx) => poolKernel(ctx, 'max');
const AveragePool: GpuOpFactory = (ctx) => poolKernel(ctx, 'average');

function globalPool(kind: 'mean' | 'max'): GpuOpFactory {
  return () => async (inputs, io) => {
    const x = tensorAt(inputs, 0);
    if (!x || x.dims.length < 3) return undefined;
    const { spec, keptDims } = planReduce(x.dims, x.dims.slice(2).map((_, i) => i + 2), kind);
    return [await io.run(spec, [await io.input(x, 0)], keptDims)];
  };
}

const BatchNormalization: GpuOpFactory = (ctx) => {
  // training (statistics outputs, training_mode) and the per-position `spatial: 0` stay on the CPU
  if (ctx.node.outputs.slice(1).some((o) => o !== '')) return undefined;
  if (ctx.opset >= 14 && ctx.attrs.int('training_mode', 0) !== 0) return undefined;
  if (ctx.opset < 9 && ctx.attrs.int('spatial', 1) === 0) return undefined;
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  return async (inputs, io) => {
    const x = tensorAt(inputs, 0);
    if (!x || x.dims.length < 2) return undefined;
    const params = [1, 2, 3, 4].map((i) => tensorAt(inputs, i));
    if (params.some((p) => !p || p.size !== x.dims[1])) return undefined;
    const args = [await io.input(x, 0)];
    for (let i = 1; i <= 4; i++) args.push(await io.input(params[i - 1]!, i));
    return [await io.run(planBatchNorm(x.dims, epsilon), args, x.dims)];
  };
};

function softmaxKernel(log: boolean): GpuOpFactory {
  return (ctx) => {
    const axisAttr = ctx.attrs.int('axis', ctx.opset >= 13 ? -1 : 1);
    return async (inputs, io) => {
      const x = tensorAt(inputs, 0);
      if (!x || x.dims.length === 0) return undefined;
      if (axisAttr < -x.dims.length || axisAttr >= x.dims.length) return undefined;
      const axis = normalizeAxis(axisAttr, x.dims.length);
      // before opset 13 the input is coerced to 2-D at `axis`
      const layout = ctx.opset >= 13
        ? { outer: product(x.dims.slice(0, axis)), length: x.dims[axis], inner: product(x.dims.slice(axis + 1)) }
        : { outer: product(x.dims.slice(0, axis)), length: product(x.dims.slice(axis)), inner: 1 };
      const xd = await io.input(x, 0);
      const lse = io.temp(await io.run(planLogSumExp(layout), [xd], [layout.outer * layout.inner]));
      return [await io.run(planSoftmaxApply(layout, log), [xd, lse], x.dims)];
    };
  };
}

/**
 * FusedAttention as three kernels: the score MatMul (scale as alpha, mask as its bias), the
 * row Softmax, then P V. The scores are whole on the device: the CPU and wasm kernels work
 * in bands of rows to save host memory, which a per-element GPU kernel has no use for.
 */
const FusedAttention: GpuOpFactory = (ctx) => {
  const options = { transB: ctx.attrs.int('k_transposed', 0) === 0, alpha: ctx.attrs.float('scale', 1), beta: 1 };
  return async (inputs, io) => {
    const [q, k, v] = [0, 1, 2].map((i) => tensorAt(inputs, i));
    const hasMask = inputs[3] !== undefined && inputs[3] !== null;
    const mask = hasMask ? tensorAt(inputs, 3) : undefined;
    if (!q || !k || !v || (hasMask && !mask) || [q, k, v].some((t) => t.dims.length < 2)) return undefined;
    const plan = io.plan(signature(inputs), () => {
      const bare = planMatMul(q.dims, k.dims, options);
      if (!bare || (mask && !biasFits(mask.dims, bare.outDims))) return undefined;
      const scores = mask ? planMatMul(q.dims, k.dims, { ...options, biasDims: mask.dims }) : bare;
      const out = planMatMul(bare.outDims, v.dims);
      if (!scores || !out) return undefined;
      const dims = scores.outDims;
      const layout = { outer: product(dims.slice(0, -1)), length: dims[dims.length - 1], inner: 1 };
      return { scores, out, lse: planLogSumExp(layout), softmax: planSoftmaxApply(layout, false), rows: layout.outer };
    });
    if (!plan || plan.out.spec.outputSize === 0) return undefined;
    const args = [await io.input(q, 0), await io.input(k, 1)];
    if (mask) args.push(await io.input(mask, 3));
    const scores = io.temp(await io.run(plan.scores.spec, args, plan.scores.outDims));
    const lse = io.temp(await io.run(plan.lse, [scores], [plan.rows]));
    const probs = io.temp(await io.run(plan.softmax, [scores, lse], plan.scores.outDims));
    return [await io.run(plan.out.spec, [probs, await io.input(v, 2)], plan.out.outDims)];
  };
};

const LayerNormalization: GpuOpFactory = (ctx) => {
  if (outputRequested(ctx.node, 1) || outputRequested(ctx.node, 2)) return undefined;
  const axisAttr = ctx.attrs.int('axis', -1);
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  return async (inputs, io) => {
    const x = tensorAt(inputs, 0), scale = tensorAt(inputs, 1);
    const bias = inputs[2] === undefined ? undefined : tensorAt(inputs, 2);
    if (!x || !scale || (inputs[2] !== undefined && !bias)) return undefined;
    if (axisAttr < -x.dims.length || axisAttr >= x.dims.length) return undefined;
    const axis = normalizeAxis(axisAttr, x.dims.length);
    const length = product(x.dims.slice(axis)), rows = product(x.dims.slice(0, axis));
    // scale and bias cover the normalized axes, or are single values
    const fits = (t: Tensor) => t.size === 1 || sameDims(t.dims, x.dims.slice(axis)) || (t.size === length && t.dims.length === 1 && axis === x.dims.length - 1);
    if (!fits(scale) || (bias && !fits(bias))) return undefined;
    const xd = await io.input(x, 0);
    const stats = io.temp(await io.run(planMeanInvStd(rows, length, epsilon), [xd], [rows * 2]));
    const args = [xd, stats, await io.input(scale, 1)];
    if (bias) args.push(await io.input(bias, 2));
    return [await io.run(planLayerNormApply(rows, length, scale.size, bias?.size), args, x.dims)];
  };
};

export const nnGpuOps: Record<string, GpuOpFactory> = {
  MatMul, Gemm, Conv, MaxPool, AveragePool,
  GlobalAveragePool: globalPool('mean'), GlobalMaxPool: globalPool('max'),
  BatchNormalization, Softmax: softmaxKernel(false), LogSoftmax: softmaxKernel(true), LayerNormalization,
};

/** Our fused ops (domain 'onnx-ts'), made by the optimizer. */
export const fusedGpuOps: Record<string, GpuOpFactory> = {
  FusedConv, FusedGemm, FusedMatMul, LayerNormalization, FusedAttention,
};
