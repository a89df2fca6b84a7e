import { defineOp } from '../define.js';
import { allocCompute, computeView, fromCompute, numbersOf, readInts, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelFn, OpContext } from '../types.js';

interface RoiAlignOptions {
  max: boolean;
  outH: number;
  outW: number;
  samplingRatio: number;
  spatialScale: number;
  halfPixel: boolean;
}

function readOptions(ctx: OpContext, halfPixelDefault: string | undefined): RoiAlignOptions {
  const a = ctx.attrs;
  const mode = a.string('mode', 'avg');
  if (mode !== 'avg' && mode !== 'max') throw a.error(`mode must be "avg" or "max", got "${mode}"`, 'mode');
  const ctm = halfPixelDefault === undefined ? 'output_half_pixel' : a.string('coordinate_transformation_mode', halfPixelDefault);
  if (ctm !== 'half_pixel' && ctm !== 'output_half_pixel') {
    throw a.error(`coordinate_transformation_mode must be "half_pixel" or "output_half_pixel", got "${ctm}"`, 'coordinate_transformation_mode');
  }
  const outH = a.int('output_height', 1);
  const outW = a.int('output_width', 1);
  if (outH < 1 || outW < 1) throw a.error(`output_height and output_width must be positive, got ${outH} and ${outW}`);
  return { max: mode === 'max', outH, outW, samplingRatio: a.int('sampling_ratio', 0), spatialScale: a.float('spatial_scale', 1), halfPixel: ctm === 'half_pixel' };
}

/**
 * Bilinear sample taps for one bin grid point: 4 flat positions and weights, or all-zero
 * weights when the point lies more than one pixel outside the map.
 */
function taps(y: number, x: number, h: number, w: number, pos: Int32Array, wt: Float64Array, at: number): void {
  if (y < -1 || y > h || x < -1 || x > w) {
    pos.fill(0, at, at + 4);
    wt.fill(0, at, at + 4);
    return;
  }
  y = Math.max(y, 0);
  x = Math.max(x, 0);
  let y0 = Math.trunc(y), x0 = Math.trunc(x), y1: number, x1: number;
  if (y0 >= h - 1) { y0 = y1 = h - 1; y = y0; } else y1 = y0 + 1;
  if (x0 >= w - 1) { x0 = x1 = w - 1; x = x0; } else x1 = x0 + 1;
  const ly = y - y0, lx = x - x0, hy = 1 - ly, hx = 1 - lx;
  pos[at] = y0 * w + x0; pos[at + 1] = y0 * w + x1; pos[at + 2] = y1 * w + x0; pos[at + 3] = y1 * w + x1;
  wt[at] = hy * hx; wt[at + 1] = hy * lx; wt[at + 2] = ly * hx; wt[at + 3] = ly * lx;
}

function roiAlignKernel(opts: RoiAlignOptions): KernelFn {
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const rois = tensorInput(inputs, 1, 'rois');
    const batchIdx = readInts(tensorInput(inputs, 2, 'batch_indices'));
    if (x.dims.length !== 4) throw new InvalidInputError(`RoiAlign: X must be [N, C, H, W], got [${x.dims}]`);
    const [n, ch, h, w] = x.dims;
    const numRois = batchIdx.length;
    if (rois.dims.length !== 2 || rois.dims[1] !== 4 || rois.dims[0] !== numRois) {
      throw new InvalidInputError(`RoiAlign: rois must be [${numRois}, 4] to match batch_indices, got [${rois.dims}]`);
    }
    const { outH, outW, samplingRatio, spatialScale, halfPixel, max } = opts;
    const src = computeView(x) as ArrayLike<number>;
    const r = numbersOf(rois);
    const out = allocCompute(x.type, numRois * ch * outH * outW) as Float64Array;
    const offset = halfPixel ? 0.5 : 0;
    for (let k = 0; k < numRois; k++) {
      const b = batchIdx[k];
      if (b < 0 || b >= n) throw new InvalidInputError(`RoiAlign: batch index ${b} of roi ${k} is outside [0, ${n})`);
      const startW = r[k * 4] * spatialScale - offset;
      const startH = r[k * 4 + 1] * spatialScale - offset;
      let roiW = r[k * 4 + 2] * spatialScale - offset - startW;
      let roiH = r[k * 4 + 3] * spatialScale - offset - startH;
      // without half-pixel offsets, malformed rois are forced to at least 1×1
      if (!halfPixel) { roiW = Math.max(roiW, 1); roiH = Math.max(roiH, 1); }
      const binH = roiH / outH;
      const binW = roiW / outW;
      const gridH = samplingRatio > 0 ? samplingRatio : Math.ceil(roiH / outH);
      const gridW = samplingRatio > 0 ? samplingRatio : Math.ceil(roiW / outW);
      const count = Math.max(gridH * gridW, 1);
      // the taps depend on the roi only: compute them once for all channels
      const nTaps = outH * outW * gridH * gridW;
      const pos = new Int32Array(nTaps * 4);
      const wt = new Float64Array(nTaps * 4);
      let t = 0;
      for (let ph = 0; ph < outH; ph++) {
        for (let pw = 0; pw < outW; pw++) {
          for (let iy = 0; iy < gridH; iy++) {
            const yy = startH + ph * binH + ((iy + 0.5) * binH) / gridH;
            for (let ix = 0; ix < gridW; ix++, t++) {
              const xx = startW + pw * binW + ((ix + 0.5) * binW) / gridW;
              taps(yy, xx, h, w, pos, wt, t * 4);
            }
          }
        }
      }
      for (let c = 0; c < ch; c++) {
        const plane = (b * ch + c) * h * w;
        const o = (k * ch + c) * outH * outW;
        let tap = 0;
        for (let bin = 0; bin < outH * outW; bin++) {
          let acc = max ? -Infinity : 0;
          for (let g = 0; g < gridH * gridW; g++, tap++) {
            const q = tap * 4;
            if (max) {
              // max mode takes the largest weighted corner, as the reference runtimes do
              for (let e = 0; e < 4; e++) acc = Math.max(acc, wt[q + e] * src[plane + pos[q + e]]);
            } else {
              acc += wt[q] * src[plane + pos[q]] + wt[q + 1] * src[plane + pos[q + 1]]
                + wt[q + 2] * src[plane + pos[q + 2]] + wt[q + 3] * src[plane + pos[q + 3]];
            }
          }
          out[o + bin] = max ? (gridH * gridW === 0 ? 0 : acc) : acc / count;
        }
      }
    }
    return [fromCompute(x.type, out, [numRois, ch, outH, outW])];
  };
}

export const RoiAlign = [
  // RoiAlign-10 had no coordinate_transformation_mode: it behaves as output_half_pixel
  defineOp('RoiAlign', 10, (ctx) => roiAlignKernel(readOptions(ctx, undefined))),
  ...[16, 22].map((since) => defineOp('RoiAlign', since, (ctx) => roiAlignKernel(readOptions(ctx, 'half_pixel')))),
];
