// GPU paths of the element-wise, data-movement and reduction ops, and the ops that are views
// (a new shape over the same device memory: the CPU op's reshape() of a GPU tensor is one).
import { resolveIndices } from '../../../ops/helpers/index-bounds.js';
import { resolveReduceAxes } from '../../../ops/helpers/reduce-axes.js';
import { broadcastShapes, normalizeAxis } from '../../../ops/helpers/shape.js';
import { optionalTensorInput, readInts, readScalar } from '../../../ops/helpers/values.js';
import type { KernelInput, OpContext } from '../../../ops/types.js';
import { GpuTensor } from '../../../kernels/gpu/gpu-tensor.js';
import { Tensor } from '../../../data/tensor.js';
import { type GpuOpFactory, type NodeIO, isGpuFloat } from './op-bridge.js';
import { type BinaryOp, planBinary } from '../../../kernels/gpu/gpu-f32-binary.js';
import { MAX_CONCAT_INPUTS, planConcat } from '../../../kernels/gpu/gpu-f32-concat.js';
import { planGather } from '../../../kernels/gpu/gpu-f32-gather.js';
import { planReduce } from '../../../kernels/gpu/gpu-f32-reduce.js';
import { planTranspose } from '../../../kernels/gpu/gpu-f32-transpose.js';
import { type UnaryOp, type UnaryParams, planUnary } from '../../../kernels/gpu/gpu-f32-unary.js';
import { product } from '../../../kernels/gpu/kernel-spec.js';

const FLOAT32_MAX = 3.4028234663852886e38;

function binary(op: BinaryOp): GpuOpFactory {
  // before opset 7 broadcasting was opt-in with `broadcast`/`axis`
  return (ctx) => (ctx.opset < 7 ? undefined : async (inputs, io) => {
    const [a, b] = inputs;
    if (!isGpuFloat(a) || !isGpuFloat(b)) return undefined;
    let outDims: number[];
    try {
      outDims = broadcastShapes(a.dims, b.dims);
    } catch {
      return undefined;
    }
    return [await io.run(planBinary(op, a.dims, b.dims, outDims), [await io.input(a, 0), await io.input(b, 1)], outDims)];
  });
}

function unary(op: UnaryOp, params: (ctx: OpContext) => UnaryParams = () => ({})): GpuOpFactory {
  return (ctx) => {
    const p = params(ctx);
    return async (inputs, io) => {
      const x = inputs[0];
      if (!isGpuFloat(x)) return undefined;
      return [await io.run(planUnary(op, x.dims, p), [await io.input(x, 0)], x.dims)];
    };
  };
}

// Clip: bounds are attributes before opset 11, optional scalar inputs after; an omitted bound is
// float32's largest finite value (as the CPU op), so infinities are clipped too
const Clip: GpuOpFactory = (ctx) => {
  if (ctx.opset < 11) {
    const p = { min: ctx.attrs.float('min', -FLOAT32_MAX), max: ctx.attrs.float('max', FLOAT32_MAX) };
    return unary('Clip', () => p)(ctx);
  }
  return async (inputs, io) => {
    const x = inputs[0];
    if (!isGpuFloat(x)) return undefined;
    const bound = (i: number, def: number): number | undefined => {
      const t = optionalTensorInput(inputs, i);
      if (!t) return def;
      if (t.location !== 'cpu' || t.size !== 1) return undefined;
      return readScalar(t);
    };
    const min = bound(1, -FLOAT32_MAX), max = bound(2, FLOAT32_MAX);
    if (min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max)) return undefined;
    // min > max makes every element max, as lower-then-upper clipping does
    return [await io.run(planUnary('Clip', x.dims, { min, max }), [await io.input(x, 0)], x.dims)];
  };
};

const Gelu: GpuOpFactory = (ctx) => unary(ctx.attrs.string('approximate', 'none') === 'tanh' ? 'GeluTanh' : 'Gelu')(ctx);

/** Concat of up to MAX_CONCAT_INPUTS device tensors along `axis` (all of the same rank). */
async function concatGroup(io: NodeIO, parts: readonly GpuTensor[], axis: number): Promise<GpuTensor> {
  const d0 = parts[0].dims;
  const outer = product(d0.slice(0, axis)), inner = product(d0.slice(axis + 1));
  const lengths = parts.map((p) => p.dims[axis]);
  const dims = [...d0];
  dims[axis] = lengths.reduce((p, d) => p + d, 0);
  return io.run(planConcat(outer, lengths, inner), parts, dims);
}

const Concat: GpuOpFactory = (ctx) => {
  const axisAttr = ctx.opset === 1 ? ctx.attrs.int('axis', 1) : ctx.attrs.int('axis');
  if (axisAttr === undefined) return undefined;
  return async (inputs, io) => {
    if (inputs.length === 0 || !inputs.every(isGpuFloat)) return undefined;
    const ts = inputs as Tensor[];
    const rank = ts[0].dims.length;
    if (rank === 0 || axisAttr < -rank || axisAttr >= rank) return undefined;
    const axis = normalizeAxis(axisAttr, rank);
    if (ts.some((t) => t.dims.length !== rank || t.dims.some((d, i) => i !== axis && d !== ts[0].dims[i]))) return undefined;
    let parts = await Promise.all(ts.map((t, i) => io.input(t, i)));
    // more inputs than one kernel binds: concatenate in groups, then the groups
    while (parts.length > MAX_CONCAT_INPUTS) {
      const next: GpuTensor[] = [];
      for (let i = 0; i < parts.length; i += MAX_CONCAT_INPUTS) {
        const group = parts.slice(i, i + MAX_CONCAT_INPUTS);
        next.push(group.length === 1 ? group[0] : io.temp(await concatGroup(io, group, axis)));
      }
      parts = next;
    }
    return [await concatGroup(io, parts, axis)];
  };
};

const Transpose: GpuOpFactory = (ctx) => {
  const perm = ctx.attrs.ints('perm');
  return async (inputs, io) => {
    const x = inputs[0];
    if (!isGpuFloat(x)) return undefined;
    const rank = x.dims.length;
    const p = perm ?? x.dims.map((_, i) => rank - 1 - i);
    if (p.length !== rank || new Set(p).size !== rank || p.some((a) => !Number.isInteger(a) || a < 0 || a >= rank)) return undefined;
    const plan = planTranspose(x.dims, p);
    return [await io.run(plan.spec, [await io.input(x, 0)], plan.outDims)];
  };
};

const Gather: GpuOpFactory = (ctx) => {
  const axisAttr = ctx.attrs.int('axis', 0);
  return async (inputs, io) => {
    const x = inputs[0], indices = inputs[1];
    if (!isGpuFloat(x) || !(indices instanceof Tensor) || indices.location !== 'cpu' || indices.size === 0) return undefined;
    if (indices.type !== 'int64' && indices.type !== 'int32') return undefined;
    if (axisAttr < -x.dims.length || axisAttr >= x.dims.length) return undefined;
    const axis = normalizeAxis(axisAttr, x.dims.length);
    // bounds and negative indices are resolved on the host, with the CPU op's errors
    const idx = resolveIndices('Gather', indices, x.dims[axis], `on axis ${axis} of shape [${x.dims}]`);
    const outer = product(x.dims.slice(0, axis)), inner = product(x.dims.slice(axis + 1));
    const dims = [...x.dims.slice(0, axis), ...indices.dims, ...x.dims.slice(axis + 1)];
    const idxDevice = await io.values(Float32Array.from(idx), [idx.length]);
    return [await io.run(planGather(outer, x.dims[axis], inner, idx.length), [await io.input(x, 0), idxDevice], dims)];
  };
};

const ReduceMean: GpuOpFactory = (ctx) => {
  const keepdims = ctx.attrs.int('keepdims', 1) !== 0;
  const axesFromInput = ctx.opset >= 18;
  const attrAxes = axesFromInput ? undefined : ctx.attrs.ints('axes');
  const noop = axesFromInput && ctx.attrs.int('noop_with_empty_axes', 0) !== 0;
  return async (inputs: KernelInput[], io) => {
    const x = inputs[0];
    if (!isGpuFloat(x)) return undefined;
    let axesList = attrAxes;
    if (axesFromInput) {
      const t = optionalTensorInput(inputs, 1);
      if (t && t.location !== 'cpu') return undefined;
      axesList = t ? readInts(t) : undefined;
    }
    let axes: number[] | null;
    try {
      axes = resolveReduceAxes(x.dims.length, axesList, noop);
    } catch {
      return undefined;
    }
    if (axes === null || axes.length === 0 || x.dims.length === 0) return undefined;
    const { spec, keptDims } = planReduce(x.dims, axes, 'mean');
    const dims = keepdims ? keptDims : x.dims.filter((_, i) => !axes!.includes(i));
    return [await io.run(spec, [await io.input(x, 0)], dims)];
  };
};

export const tensorGpuOps: Record<string, GpuOpFactory> = {
  Add: binary('Add'), Sub: binary('Sub'), Mul: binary('Mul'), Div: binary('Div'), Pow: binary('Pow'),
  Relu: unary('Relu'), Sigmoid: unary('Sigmoid'), Tanh: unary('Tanh'), Erf: unary('Erf'), Sqrt: unary('Sqrt'),
  Exp: unary('Exp'), Log: unary('Log'), Abs: unary('Abs'), Neg: unary('Neg'), Reciprocal: unary('Reciprocal'),
  Softplus: unary('Softplus'), HardSwish: unary('HardSwish'),
  LeakyRelu: unary('LeakyRelu', (ctx) => ({ alpha: ctx.attrs.float('alpha', 0.01) })),
  HardSigmoid: unary('HardSigmoid', (ctx) => ({ alpha: ctx.attrs.float('alpha', 0.2), beta: ctx.attrs.float('beta', 0.5) })),
  Elu: unary('Elu', (ctx) => ({ alpha: ctx.attrs.float('alpha', 1) })),
  Clip, Gelu, Concat, Transpose, Gather, ReduceMean,
};

/** Ops served by the CPU reference kernel itself: they only reshape, which a GPU tensor does as a view. */
export const VIEW_OPS: ReadonlySet<string> = new Set(['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze']);

/** Our fused element-wise ops (domain 'onnx-ts'). */
export const fusedTensorGpuOps: Record<string, GpuOpFactory> = { Gelu: unary('Gelu') };
