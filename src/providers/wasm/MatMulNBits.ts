// com.microsoft MatMulNBits on the block-dequantizing kernels: float32 A, 4- or 8-bit B with
// float32 scales, packed uint8 zero points or none, no g_idx (or one that only restates
// k / block_size), optional bias. Weights that are initializers are prepacked here, at session
// creation; fed ones per run. Everything else (2 bits, float16, float zero points, a real g_idx)
// is the reference op's, counted as fallback runs; so are bad inputs, which it reports.
import { MICROSOFT_DOMAIN } from '../../../data/domains.js';
import { Tensor } from '../../../data/tensor.js';
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { constantInputs } from '../../../ops/helpers/constant-inputs.js';
import type { KernelFn, KernelInput, OpContext } from '../../../ops/types.js';
import { PackedWeights } from '../../../kernels/wasm/packed-weights.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { type NBitsShape, type NBitsWeightData, prepackNBits, wasmMatMulNBits } from '../../../kernels/wasm/wasm-nbits-gemm.js';
import { defineWasmOp, isF32, isNonEmptyF32, lazyReference, referenceKernel } from './op-support.js';

/** The attributes as the kernels take them, or undefined (another bit width, or invalid: the reference's to report). */
function kernelShape(ctx: OpContext): NBitsShape | undefined {
  const k = ctx.attrs.int('K'), n = ctx.attrs.int('N'), bits = ctx.attrs.int('bits', 4), blockSize = ctx.attrs.int('block_size');
  if (k === undefined || n === undefined || blockSize === undefined || !(k > 0) || !(n > 0)) return undefined;
  if (bits !== 4 && bits !== 8) return undefined;
  if (!(blockSize >= 16) || (blockSize & (blockSize - 1)) !== 0) return undefined;
  return { k, n, bits, blockSize };
}

function isBytes(v: KernelInput): v is Tensor & { data: Uint8Array } {
  return v instanceof Tensor && v.type === 'uint8' && v.data instanceof Uint8Array;
}

/** Whether g_idx names, for every k, the block k / block_size: the layout without it. */
function isPlainGroupIndex(g: KernelInput, s: NBitsShape): boolean {
  if (!(g instanceof Tensor) || g.type !== 'int32' || g.size !== s.k) return false;
  const v = g.data as Int32Array;
  for (let k = 0; k < s.k; k++) if (v[k] !== Math.floor(k / s.blockSize)) return false;
  return true;
}

/** B, scales, zero points and g_idx in the kernels' form (sizes checked), or undefined. */
function kernelWeights(s: NBitsShape, b: KernelInput, scales: KernelInput, zp: KernelInput, gIdx: KernelInput): NBitsWeightData | undefined {
  const kBlocks = Math.ceil(s.k / s.blockSize);
  if (!isBytes(b) || b.size !== s.n * kBlocks * ((s.blockSize * s.bits) / 8)) return undefined;
  if (!isF32(scales) || scales.size !== s.n * kBlocks) return undefined;
  if (zp !== undefined && (!isBytes(zp) || zp.size !== s.n * Math.ceil((kBlocks * s.bits) / 8))) return undefined;
  if (gIdx !== undefined && !isPlainGroupIndex(gIdx, s)) return undefined;
  return { b: b.data, scales: scales.data, zeroPoints: zp?.data as Uint8Array | undefined };
}

function createMatMulNBits(ctx: OpContext, w: WasmKernels): KernelFn {
  const shape = kernelShape(ctx);
  // the reference validates the attributes (throwing for bad ones) and runs other bit widths
  if (!shape) return referenceKernel(ctx);
  const fixed = constantInputs(ctx, [1, 2, 3, 4]);
  let fixedWeights: NBitsWeightData | undefined;
  let cache: PackedWeights | undefined;
  if (fixed && fixed[0] && fixed[1]) {
    fixedWeights = kernelWeights(shape, fixed[0], fixed[1], fixed[2], fixed[3]);
    // weights the kernels do not take: the reference checks them now and runs every time
    if (!fixedWeights) return referenceKernel(ctx);
    cache = new PackedWeights(w);
    prepackNBits(w, cache, shape, fixedWeights);
  }
  const fallback = lazyReference(ctx);
  const { k, n } = shape;
  const kernel: KernelFn = (inputs, rt) => {
    const a = inputs[0], biasT = inputs[5];
    if (!isNonEmptyF32(a) || a.dims[a.dims.length - 1] !== k) return fallback(inputs, rt);
    const weights = fixedWeights ?? kernelWeights(shape, inputs[1], inputs[2], inputs[3], inputs[4]);
    if (!weights) return fallback(inputs, rt);
    if (biasT !== undefined && (!isF32(biasT) || biasT.size !== n)) return fallback(inputs, rt);
    const m = a.size / k;
    const y = wasmMatMulNBits(w, {
      m, shape, a: a.data, weights, cache, bias: biasT?.data, out: outputF32(rt, 0, m * n),
    });
    return [new Tensor('float32', y, [...a.dims.slice(0, -1), n])];
  };
  kernel.dispose = () => cache?.free();
  return kernel;
}

export const MatMulNBits = defineWasmOp('MatMulNBits', createMatMulNBits, { domain: MICROSOFT_DOMAIN });
