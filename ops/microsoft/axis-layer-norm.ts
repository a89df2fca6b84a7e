// onnxruntime's LayerNormalization (before ONNX had one, opset 17) and
// SimplifiedLayerNormalization (RMS norm), both registered in the ai.onnx domain since 1:
// normalization over the axes from `axis` on. Unlike ONNX's LayerNormalization, X (T) and
// Scale/B/Y (V) may be different float types, so a float16 model can normalize in float32.
import { type DataType, dataTypeFromCode } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { ONNX_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData, floatTensor } from '../helpers/float-data.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { normalizeAxis, sizeOf } from '../helpers/shape.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { shapeText } from './contrib-checks.js';
import { normalizeRows } from './row-normalization.js';

const STASH_TYPES: ReadonlySet<DataType> = new Set(['float32', 'float64', 'float16', 'bfloat16']);

function checkTrailing(op: string, what: string, t: Tensor, trailing: readonly number[], like: Tensor | undefined): void {
  if (t.size !== sizeOf(trailing)) {
    const expected = shapeText(trailing);
    throw new InvalidInputError(`${op}: ${what} must have the shape of X's normalized axes ${expected}, got ${shapeText(t.dims)}`, what, expected, shapeText(t.dims));
  }
  if (like && t.type !== like.type) {
    throw new InvalidInputError(`${op}: ${what} must be ${like.type} like Scale, got ${t.type}`, what, like.type, t.type);
  }
}

/**
 * LayerNormalization: inputs X, Scale, B (optional); outputs Y, Mean, InvStdDev (both optional).
 * SimplifiedLayerNormalization: inputs X, scale; outputs Y, inv_std_var (optional).
 * Statistics have X's shape with the normalized axes set to 1, in the stash type (float32 by default).
 */
export function axisLayerNormOp(opType: string, simplified: boolean): OpDefinition {
  return defineOp(opType, 1, (ctx) => {
    const axisAttr = ctx.attrs.int('axis', -1);
    const epsilon = ctx.attrs.float('epsilon', 1e-5);
    if (!(epsilon >= 0)) throw ctx.attrs.error(`epsilon must be >= 0, got ${epsilon}`, 'epsilon');
    const stashCode = ctx.attrs.int('stash_type', 1);
    const stashType = dataTypeFromCode(stashCode);
    if (!stashType || !STASH_TYPES.has(stashType)) throw ctx.attrs.error(`stash_type must name a float type, got ${stashCode}`, 'stash_type');
    const meanIndex = simplified ? -1 : 1, invStdIndex = simplified ? 1 : 2;
    const wantMean = !simplified && outputRequested(ctx.node, meanIndex);
    const wantInvStd = outputRequested(ctx.node, invStdIndex);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const scaleT = tensorInput(inputs, 1, 'Scale');
      const biasT = simplified ? undefined : optionalTensorInput(inputs, 2);
      const axis = normalizeAxis(axisAttr, x.dims.length);
      const trailing = x.dims.slice(axis);
      const inner = sizeOf(trailing);
      const outer = sizeOf(x.dims.slice(0, axis));
      checkTrailing(opType, 'Scale', scaleT, trailing, undefined);
      if (biasT) checkTrailing(opType, 'B', biasT, trailing, scaleT);
      const y = allocFloat(scaleT.type, x.size);
      const stats = normalizeRows(floatData(x, 'X'), y, outer, inner, {
        epsilon, simplified, gamma: floatData(scaleT, 'Scale'), beta: biasT ? floatData(biasT, 'B') : undefined,
      });
      const statDims = x.dims.map((d, i) => (i < axis ? d : 1));
      const out: (Tensor | null)[] = [fromCompute(scaleT.type, y, x.dims)];
      if (!simplified) out.push(wantMean ? floatTensor(stashType, stats.mean, statDims) : null);
      out.push(wantInvStd ? floatTensor(stashType, stats.invStd, statDims) : null);
      return out;
    };
  }, ONNX_DOMAIN);
}
