// LayerNormalization-17 on the wasm kernels for float32 X with Scale and B covering the
// normalized axes exactly, and Mean/InvStdDev (if requested) in float32 (stash_type 1).
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { outputRequested } from '../../../ops/helpers/requested-outputs.js';
import { normalizeAxis, sizeOf } from '../../../ops/helpers/shape.js';
import { wasmLayerNormRowsF32 } from '../../../kernels/wasm/wasm-f32-normalization.js';
import { FUSED_DOMAIN } from '../../../data/domains.js';
import type { KernelFn, OpContext } from '../../../ops/types.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isF32, isNonEmptyF32, lazyReference, referenceKernel } from './op-support.js';

function createLayerNormalization(ctx: OpContext, w: WasmKernels): KernelFn {
  const axisAttr = ctx.attrs.int('axis', -1);
  const epsilon = ctx.attrs.float('epsilon', 1e-5);
  const want = { mean: outputRequested(ctx.node, 1), invStd: outputRequested(ctx.node, 2) };
  if ((want.mean || want.invStd) && ctx.attrs.int('stash_type', 1) !== 1) return referenceKernel(ctx);
  const fallback = lazyReference(ctx);
  return (inputs, rt) => {
    const [x, scale, bias] = inputs;
    if (!isNonEmptyF32(x) || !isF32(scale) || (bias !== undefined && !isF32(bias))) return fallback(inputs, rt);
    const rank = x.dims.length;
    if (axisAttr < -rank || axisAttr >= rank) return fallback(inputs, rt);
    const axis = normalizeAxis(axisAttr, rank);
    const cols = sizeOf(x.dims.slice(axis)), rows = x.size / cols;
    // Scale and B broadcast onto the normalized axes; the kernels take only the full block
    if (scale.size !== cols || (bias && bias.size !== cols)) return fallback(inputs, rt);
    const r = wasmLayerNormRowsF32(w, x.data, rows, cols, scale.data, bias?.data, epsilon, want, outputF32(rt, 0, x.size));
    const statDims = x.dims.map((d, i) => (i < axis ? d : 1));
    return [
      new Tensor('float32', r.y, x.dims),
      r.mean ? new Tensor('float32', r.mean, statDims) : null,
      r.invStd ? new Tensor('float32', r.invStd, statDims) : null,
    ];
  };
}

export const LayerNormalization = defineWasmOp('LayerNormalization', createLayerNormalization);

/** The optimizer's recognized LayerNormalization pattern, with opset-17 semantics. */
export const FusedLayerNormalization = defineWasmOp('LayerNormalization', createLayerNormalization, { domain: FUSED_DOMAIN });
