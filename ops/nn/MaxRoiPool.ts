import type { NumberArray } from '../../data/number-array.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { allocCompute, fromCompute, tensorInput } from '../helpers/values.js';
import { poolValues } from './pool-types.js';

// Max pooling over regions of interest (Fast R-CNN): each box, scaled to feature-map
// coordinates and rounded, is split into pooled_shape bins and each bin takes its maximum;
// an empty bin gives 0.
export const MaxRoiPool = defineOpVersions('MaxRoiPool', [1, 22], (ctx) => {
  const pooled = ctx.attrs.required('pooled_shape', ctx.attrs.ints('pooled_shape'));
  if (pooled.length !== 2 || pooled.some((d) => !Number.isInteger(d) || d < 1)) {
    throw ctx.attrs.error(`pooled_shape must be two positive integers, got [${pooled}]`, 'pooled_shape');
  }
  const scale = ctx.attrs.float('spatial_scale', 1);
  const [PH, PW] = pooled;
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const rois = tensorInput(inputs, 1, 'rois');
    const src = poolValues('MaxRoiPool', x);
    if (x.dims.length !== 4) throw new InvalidInputError(`MaxRoiPool: X must be N x C x H x W, got shape [${x.dims}]`);
    if (rois.dims.length !== 2 || rois.dims[1] !== 5) {
      throw new InvalidInputError(`MaxRoiPool: rois must be num_rois x 5 (batch_id, x1, y1, x2, y2), got shape [${rois.dims}]`);
    }
    if (rois.type !== x.type) throw new InvalidInputError(`MaxRoiPool: rois must have X's type ${x.type}, got ${rois.type}`);
    const box = poolValues('MaxRoiPool', rois);
    const [N, C, H, W] = x.dims;
    const numRois = rois.dims[0];
    const y = allocCompute(x.type, numRois * C * PH * PW) as NumberArray;
    for (let r = 0; r < numRois; r++) {
      const n = box[r * 5];
      if (!(Number.isInteger(n) && n >= 0 && n < N)) throw new InvalidInputError(`MaxRoiPool: roi ${r} has batch index ${n}, outside [0, ${N})`);
      const x1 = roundHalfAway(box[r * 5 + 1] * scale), y1 = roundHalfAway(box[r * 5 + 2] * scale);
      const x2 = roundHalfAway(box[r * 5 + 3] * scale), y2 = roundHalfAway(box[r * 5 + 4] * scale);
      // malformed boxes are forced to 1 x 1
      const binH = Math.max(y2 - y1 + 1, 1) / PH, binW = Math.max(x2 - x1 + 1, 1) / PW;
      for (let c = 0; c < C; c++) {
        const plane = (n * C + c) * H * W;
        for (let ph = 0; ph < PH; ph++) {
          const h0 = clamp(Math.floor(ph * binH) + y1, H), h1 = clamp(Math.ceil((ph + 1) * binH) + y1, H);
          for (let pw = 0; pw < PW; pw++) {
            const w0 = clamp(Math.floor(pw * binW) + x1, W), w1 = clamp(Math.ceil((pw + 1) * binW) + x1, W);
            let best = h1 > h0 && w1 > w0 ? -Infinity : 0;
            for (let h = h0; h < h1; h++) {
              for (let w = w0; w < w1; w++) {
                const v = src[plane + h * W + w];
                if (v > best) best = v;
              }
            }
            y[((r * C + c) * PH + ph) * PW + pw] = best;
          }
        }
      }
    }
    return [fromCompute(x.type, y, [numRois, C, PH, PW])];
  };
});

function clamp(v: number, size: number): number {
  return Math.min(Math.max(v, 0), size);
}

/** C's round(): halves go away from zero. */
function roundHalfAway(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}
