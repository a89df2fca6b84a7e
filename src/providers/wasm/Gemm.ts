// Gemm (and FusedGemm): Y = alpha * op(A) * op(B) + beta * C, then the activation, for
// float32 2-D A and B. C as a row vector or column vector becomes the GEMM's bias epilogue,
// a full M x N C its beta term; other broadcasts of C run the reference kernel.
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { readActivation } from '../../../ops/fused/activation.js';
import { FUSED_DOMAIN } from '../../../data/domains.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import { PackedWeights } from '../../../kernels/wasm/packed-weights.js';
import { type WasmActivation, wasmActivation } from '../../../kernels/wasm/wasm-activation.js';
import { type WasmGemmArgs, prepackGemmB, wasmGemmF32 } from '../../../kernels/wasm/wasm-f32-gemm.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { Tensor } from '../../../data/tensor.js';
import { type F32Tensor, defineWasmOp, isF32, isNonEmptyF32, lazyReference, isInitializer } from './op-support.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';

/** How C enters the product, or undefined for a broadcast the kernels do not run. */
function cTerm(c: F32Tensor, m: number, n: number, beta: number): Pick<WasmGemmArgs, 'c' | 'beta' | 'bias'> | undefined {
  const scaled = (v: Float32Array) => (beta === 1 ? v : v.map((x) => x * beta));
  const d = c.dims;
  if (c.size === 1 && d.length <= 2) return { bias: { values: new Float32Array(n).fill(c.data[0] * beta), along: 'cols' } };
  if ((d.length === 1 && d[0] === n) || (d.length === 2 && d[0] === 1 && d[1] === n)) return { bias: { values: scaled(c.data), along: 'cols' } };
  if (d.length === 2 && d[0] === m && d[1] === 1) return { bias: { values: scaled(c.data), along: 'rows' } };
  if (d.length === 2 && d[0] === m && d[1] === n) return { c: c.data, beta };
  return undefined;
}

function createGemm(ctx: OpContext, w: WasmKernels, activation: WasmActivation | undefined): KernelFn {
  const alpha = ctx.attrs.float('alpha', 1), beta = ctx.attrs.float('beta', 1);
  const transA = ctx.attrs.int('transA', 0) !== 0, transB = ctx.attrs.int('transB', 0) !== 0;
  const fallback = lazyReference(ctx);
  // packed B is reused across runs only for an initializer: a feed may change in place
  const bCache = isInitializer(ctx, 1) ? new PackedWeights(w) : undefined;
  const constB = constantInput(ctx, 1);
  if (bCache && isNonEmptyF32(constB) && constB.dims.length === 2) {
    const [k, n] = transB ? [constB.dims[1], constB.dims[0]] : constB.dims;
    prepackGemmB(w, bCache, constB.data, transB, k, n);
  }
  const kernel: KernelFn = (inputs, rt) => {
    const [a, b, c] = inputs;
    if (!isNonEmptyF32(a) || !isNonEmptyF32(b) || a.dims.length !== 2 || b.dims.length !== 2) return fallback(inputs, rt);
    const [m, k] = transA ? [a.dims[1], a.dims[0]] : a.dims;
    const [kb, n] = transB ? [b.dims[1], b.dims[0]] : b.dims;
    if (k !== kb) return fallback(inputs, rt);
    let term: Pick<WasmGemmArgs, 'c' | 'beta' | 'bias'> | undefined = {};
    if (c !== undefined && beta !== 0) {
      if (!isF32(c)) return fallback(inputs, rt);
      term = cTerm(c, m, n, beta);
      if (!term) return fallback(inputs, rt);
    }
    const y = wasmGemmF32(w, { m, n, k, a: a.data, transA, b: b.data, transB, bCache, alpha, ...term, activation, out: outputF32(rt, 0, m * n) });
    return [new Tensor('float32', y, [m, n])];
  };
  kernel.dispose = () => bCache?.free();
  return kernel;
}

// from opset 7: Gemm-1/6 broadcast C only by attribute
export const Gemm = defineWasmOp('Gemm', (ctx, w) => createGemm(ctx, w, undefined), { since: 7 });

export const FusedGemm = defineWasmOp('FusedGemm', (ctx, w) => createGemm(ctx, w, wasmActivation(readActivation(ctx.attrs))), { domain: FUSED_DOMAIN });
