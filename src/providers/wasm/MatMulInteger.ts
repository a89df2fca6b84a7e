// MatMulInteger on the int8 GEMM: 8-bit A and B of either signedness, zero points per tensor,
// per row of A or per column of B. A constant 2-D B (the weight) is packed once, with its zero
// point, and the batch of A is folded into the GEMM's rows; broadcast batches run one GEMM per
// output matrix. Other zero-point layouts go to the reference op.
import { Tensor } from '../../../data/tensor.js';
import { type MatMulGeometry, matmulGeometry } from '../../../ops/cast/integer-matmul.js';
import { outputArray } from '../../../ops/helpers/output-data.js';
import { numbersOf } from '../../../ops/helpers/values.js';
import type { KernelFn, KernelInput, OpContext } from '../../../ops/types.js';
import { PackedWeights } from '../../../kernels/wasm/packed-weights.js';
import { type Int8Data, type WasmMatMulIntegerArgs, prepackI8B, wasmMatMulInteger } from '../../../kernels/wasm/wasm-i8-gemm.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { defineWasmOp, isInitializer, lazyReference } from './op-support.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';

export type Int8Tensor = Tensor & { data: Int8Data };

/** A non-empty uint8 or int8 tensor. */
export function isInt8(v: KernelInput): v is Int8Tensor {
  return v instanceof Tensor && v.size > 0 && ((v.type === 'uint8' && v.data instanceof Uint8Array) || (v.type === 'int8' && v.data instanceof Int8Array));
}

/**
 * The zero point as the kernel takes it: absent, one value, or `count` values along the axis
 * the kernel subtracts them on (a 1-D tensor of that length); undefined for any other layout.
 */
export function kernelZeroPoint(zp: KernelInput, count: number, perAxis: boolean): ArrayLike<number> | null | undefined {
  if (zp === undefined) return null;
  if (!(zp instanceof Tensor) || (zp.type !== 'uint8' && zp.type !== 'int8')) return undefined;
  if (zp.size === 1) return numbersOf(zp);
  return perAxis && zp.dims.length === 1 && zp.dims[0] === count ? numbersOf(zp) : undefined;
}

/** `values` (one per row of a matrix) repeated for each of `batches` matrices stacked as rows. */
function repeatRows(values: ArrayLike<number> | null, batches: number): ArrayLike<number> | undefined {
  if (!values || values.length === 1 || batches === 1) return values ?? undefined;
  const out = new Int32Array(values.length * batches);
  for (let t = 0; t < batches; t++) for (let i = 0; i < values.length; i++) out[t * values.length + i] = values[i];
  return out;
}

/** Where an op's operands are among its inputs: MatMulInteger's order, or QLinearMatMul's. */
export interface IntegerMatMulInputs { a: number; b: number; aZero: number; bZero: number }

/** The exact int32 product of an integer matmul node, and the packed weights it keeps. */
export interface IntegerMatMul {
  /** (a - a_zp) @ (b - b_zp) into `out` (or a new array) with its geometry; undefined for inputs the kernels do not take. */
  run(a: KernelInput, b: KernelInput, aZero: KernelInput, bZero: KernelInput, out?: (size: number) => Int32Array): { y: Int32Array; g: MatMulGeometry } | undefined;
  /**
   * The GEMM's arguments where every batch of A shares one B (one tall GEMM), for kernels that
   * keep the product in linear memory and finish it there; undefined otherwise.
   */
  tall(a: KernelInput, b: KernelInput, aZero: KernelInput, bZero: KernelInput): { args: WasmMatMulIntegerArgs; g: MatMulGeometry } | undefined;
  dispose(): void;
}

/**
 * The int8 GEMM for a node whose operands sit at `at`: a constant 2-D B (the weight) is
 * packed once, with its zero point, and the batch of A folded into the GEMM's rows.
 */
export function integerMatMul(ctx: OpContext, w: WasmKernels, at: IntegerMatMulInputs): IntegerMatMul {
  // packed B is reused across runs only when B and its zero point are initializers
  const hasBZero = (ctx.node.inputs[at.bZero] ?? '') !== '';
  const bCache = isInitializer(ctx, at.b) && (!hasBZero || isInitializer(ctx, at.bZero)) ? new PackedWeights(w) : undefined;
  const constB = constantInput(ctx, at.b);
  const constBZero = hasBZero ? constantInput(ctx, at.bZero) : undefined;
  if (bCache && isInt8(constB) && constB.dims.length === 2) {
    const zp = kernelZeroPoint(constBZero, constB.dims[1], true);
    if (zp !== undefined) prepackI8B(w, bCache, constB.data, constB.type === 'int8', zp ?? undefined, constB.dims[0], constB.dims[1]);
  }
  /** The operands as the kernels take them, or undefined. */
  const operands = (a: KernelInput, b: KernelInput, aZeroT: KernelInput, bZeroT: KernelInput) => {
    if (!isInt8(a) || !isInt8(b)) return undefined;
    let g: MatMulGeometry;
    try {
      g = matmulGeometry(a.dims, b.dims);
    } catch {
      return undefined; // the reference op reports the bad shapes
    }
    const aZero = kernelZeroPoint(aZeroT, g.M, a.dims.length > 1);
    const bZero = kernelZeroPoint(bZeroT, g.N, b.dims.length > 1);
    if (aZero === undefined || bZero === undefined) return undefined;
    const batches = g.aStarts.length;
    // every batch of A against the same B: one tall GEMM
    const tall = g.bStarts.every((s) => s === 0) && g.aStarts.every((s, t) => s === t * g.M * g.K);
    const args: WasmMatMulIntegerArgs = {
      m: batches * g.M, n: g.N, k: g.K, a: a.data, aSigned: a.type === 'int8', aZero: repeatRows(aZero, batches),
      b: b.data, bSigned: b.type === 'int8', bZero: bZero ?? undefined, bCache: b.dims.length === 2 ? bCache : undefined,
    };
    return { a, b, g, aZero, bZero, tall, args };
  };
  const run: IntegerMatMul['run'] = (a, b, aZeroT, bZeroT, out) => {
    const o = operands(a, b, aZeroT, bZeroT);
    if (!o) return undefined;
    const { g, args } = o;
    const { M, K, N } = g;
    const batches = g.aStarts.length;
    const y = out ? out(batches * M * N) : new Int32Array(batches * M * N);
    if (o.tall) {
      wasmMatMulInteger(w, { ...args, out: y });
    } else {
      for (let t = 0; t < batches; t++) {
        wasmMatMulInteger(w, {
          m: M, n: N, k: K, a: o.a.data.subarray(g.aStarts[t]), aSigned: args.aSigned, aZero: o.aZero ?? undefined,
          b: o.b.data.subarray(g.bStarts[t]), bSigned: args.bSigned, bZero: args.bZero, out: y.subarray(t * M * N, (t + 1) * M * N),
        });
      }
    }
    return { y, g };
  };
  const tall: IntegerMatMul['tall'] = (a, b, aZeroT, bZeroT) => {
    const o = operands(a, b, aZeroT, bZeroT);
    return o?.tall ? { args: o.args, g: o.g } : undefined;
  };
  return { run, tall, dispose: () => bCache?.free() };
}

function createMatMulInteger(ctx: OpContext, w: WasmKernels): KernelFn {
  const fallback = lazyReference(ctx);
  const product = integerMatMul(ctx, w, { a: 0, b: 1, aZero: 2, bZero: 3 });
  const kernel: KernelFn = (inputs, rt) => {
    const r = product.run(inputs[0], inputs[1], inputs[2], inputs[3], (size) => outputArray(rt, 0, 'int32', size, false) as Int32Array);
    return r ? [new Tensor('int32', r.y, r.g.outDims)] : fallback(inputs, rt);
  };
  kernel.dispose = product.dispose;
  return kernel;
}

export const MatMulInteger = defineWasmOp('MatMulInteger', createMatMulInteger);
