// N-d resampling for Resize and Upsample. Each resized axis is its own 1-D pass: for every
// output position the axis plan lists the input positions (taps) and weights to combine, so a
// pass is a weighted sum of whole inner rows. Sampling follows the ONNX reference: the
// coordinate transform maps an output index to a fractional input coordinate x; nearest picks
// one neighbour, linear and cubic weigh the neighbours of x (stretched by 1/scale when
// antialiasing a downscale), and neighbours past the edge repeat the edge value, or drop out
// with exclude_outside.
import type { DataType } from '../../data/dtype.js';
import { allocateData, isBigIntType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { axisBlocks } from './axis-blocks.js';
import { allocCompute, fromCompute, numbersOf } from './values.js';
import { checkedOutputShape } from './output-shape.js';
import { checkAllocation } from '../../data/allocation-guard.js';

export type CoordinateMode =
  | 'half_pixel' | 'half_pixel_symmetric' | 'pytorch_half_pixel' | 'align_corners' | 'asymmetric'
  | 'tf_half_pixel_for_nn' | 'tf_crop_and_resize';
/** 'simple' is the rounding of Upsample and Resize-10: floor when upsampling, ceil when downsampling. */
export type NearestMode = 'round_prefer_floor' | 'round_prefer_ceil' | 'floor' | 'ceil' | 'simple';
export type InterpolationMode = 'nearest' | 'linear' | 'cubic';

export interface ResampleOptions {
  mode: InterpolationMode;
  coordinateMode: CoordinateMode;
  nearestMode: NearestMode;
  cubicA: number;
  excludeOutside: boolean;
  extrapolationValue: number;
  antialias: boolean;
}

/** One axis to resample: sizes, the scale, and (tf_crop_and_resize) the region of interest. */
export interface AxisResample {
  inSize: number;
  outSize: number;
  scale: number;
  /** scale * inSize: the fractional output length some transforms use (the reference's output_width). */
  outWidth: number;
  roiStart: number;
  roiEnd: number;
}

/** The input coordinate that output index x samples. */
function sourceCoordinate(x: number, a: AxisResample, mode: CoordinateMode): number {
  const { scale, inSize, outWidth } = a;
  switch (mode) {
    case 'half_pixel': return (x + 0.5) / scale - 0.5;
    case 'half_pixel_symmetric': {
      // centres the used part of the input when outSize was rounded from outWidth
      const center = inSize / 2;
      return center * (1 - a.outSize / outWidth) + (x + 0.5) / scale - 0.5;
    }
    case 'pytorch_half_pixel': return outWidth > 1 ? (x + 0.5) / scale - 0.5 : 0;
    case 'align_corners': return outWidth === 1 ? 0 : (x * (inSize - 1)) / (outWidth - 1);
    case 'asymmetric': return x / scale;
    case 'tf_half_pixel_for_nn': return (x + 0.5) / scale;
    case 'tf_crop_and_resize': {
      const span = (a.roiEnd - a.roiStart) * (inSize - 1);
      return a.roiStart * (inSize - 1) + (outWidth === 1 ? span / 2 : (x * span) / (outWidth - 1));
    }
  }
}

function nearestIndex(x: number, mode: NearestMode, downscale: boolean): number {
  if (Number.isInteger(x)) return x;
  const f = Math.floor(x);
  const frac = x - f;
  switch (mode) {
    case 'round_prefer_floor': return frac <= 0.5 ? f : f + 1;
    case 'round_prefer_ceil': return frac < 0.5 ? f : f + 1;
    case 'floor': return f;
    case 'ceil': return f + 1;
    case 'simple': return downscale ? f + 1 : f;
  }
}

function cubicKernel(t: number, A: number): number {
  const x = Math.abs(t);
  if (x <= 1) return ((A + 2) * x - (A + 3)) * x * x + 1;
  if (x < 2) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return 0;
}

const linearKernel = (t: number) => Math.max(0, 1 - Math.abs(t));

interface AxisPlan {
  taps: number;
  /** [outSize * taps] input positions, already clamped into the axis */
  index: Int32Array;
  weight: Float64Array;
  /** tf_crop_and_resize: output positions whose coordinate falls outside the input */
  outside: Uint8Array | null;
}

function planAxis(a: AxisResample, o: ResampleOptions, op: string): AxisPlan {
  const { inSize, outSize, scale } = a;
  const last = inSize - 1;
  const outside = o.coordinateMode === 'tf_crop_and_resize' ? new Uint8Array(outSize) : null;
  if (o.mode === 'nearest') {
    const index = new Int32Array(outSize);
    for (let i = 0; i < outSize; i++) {
      const x = sourceCoordinate(i, a, o.coordinateMode);
      if (outside && (x < 0 || x > last)) outside[i] = 1;
      index[i] = Math.min(Math.max(nearestIndex(x, o.nearestMode, scale < 1), 0), last);
    }
    return { taps: 1, index, weight: new Float64Array(outSize).fill(1), outside };
  }
  // the filter support, widened by 1/scale when antialiasing a downscale
  const s = o.antialias ? Math.min(scale, 1) : 1;
  const radius = o.mode === 'linear' ? 1 : 2;
  const start = Math.floor(-radius / s) + 1;
  const taps = 2 - 2 * start;
  // antialiasing a tiny scale widens the filter to millions of taps per output position
  checkAllocation(outSize * taps, 12, `${op} filter table`);
  const index = new Int32Array(outSize * taps);
  const weight = new Float64Array(outSize * taps);
  for (let i = 0; i < outSize; i++) {
    const x = sourceCoordinate(i, a, o.coordinateMode);
    if (outside && (x < 0 || x > last)) outside[i] = 1;
    // the left neighbour of x; an exact integer counts as the right neighbour of x - 1
    const base = Number.isInteger(x) ? x - 1 : Math.floor(x);
    const ratio = x - base;
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      const m = start + t;
      const j = base + m;
      let w = o.mode === 'linear' ? linearKernel((m - ratio) * s) : cubicKernel((m - ratio) * s, o.cubicA);
      if (o.excludeOutside && (j < 0 || j > last)) w = 0;
      index[i * taps + t] = Math.min(Math.max(j, 0), last);
      weight[i * taps + t] = w;
      sum += w;
    }
    if (sum !== 0 && sum !== 1) for (let t = 0; t < taps; t++) weight[i * taps + t] /= sum;
  }
  return { taps, index, weight, outside };
}

/** One 1-D pass along `axis` of data with shape `dims`. */
function applyAxis(src: ArrayLike<number>, dims: readonly number[], axis: number, outSize: number, p: AxisPlan): Float64Array {
  const { outer, size, inner } = axisBlocks(dims, axis);
  const out = new Float64Array(outer * outSize * inner);
  const { taps, index, weight } = p;
  if (taps === 1) {
    // nearest: whole rows are copied
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < outSize; i++) {
        const from = (o * size + index[i]) * inner;
        const dst = (o * outSize + i) * inner;
        for (let k = 0; k < inner; k++) out[dst + k] = src[from + k];
      }
    }
    return out;
  }
  if (inner === 1) {
    // the last axis: each output element is a short dot product
    for (let o = 0; o < outer; o++) {
      const from = o * size;
      for (let i = 0, d = o * outSize; i < outSize; i++, d++) {
        let acc = 0;
        for (let t = i * taps, end = t + taps; t < end; t++) acc += weight[t] * src[from + index[t]];
        out[d] = acc;
      }
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < outSize; i++) {
      const dst = (o * outSize + i) * inner;
      for (let t = i * taps, end = t + taps; t < end; t++) {
        const w = weight[t];
        if (w === 0) continue;
        const from = (o * size + index[t]) * inner;
        for (let k = 0; k < inner; k++) out[dst + k] += w * src[from + k];
      }
    }
  }
  return out;
}

/** Writes `value` over every output row whose coordinate on `axis` fell outside the input. */
function fillOutside(data: Float64Array, dims: readonly number[], axis: number, outside: Uint8Array, value: number): void {
  const { outer, size, inner } = axisBlocks(dims, axis);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < size; i++) if (outside[i]) data.fill(value, (o * size + i) * inner, (o * size + i + 1) * inner);
  }
}

const INT_RANGE: Partial<Record<DataType, [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-(2 ** 31), 2 ** 31 - 1], uint32: [0, 2 ** 32 - 1], int4: [-8, 7], uint4: [0, 15], int2: [-2, 1], uint2: [0, 3],
};

function toType(type: DataType, values: ArrayLike<number>, dims: readonly number[]): Tensor {
  if (isBigIntType(type)) {
    const out = allocateData(type, values.length) as BigInt64Array;
    const lo = type === 'uint64' ? 0 : -Infinity;
    for (let i = 0; i < values.length; i++) out[i] = BigInt(Math.max(Math.round(values[i]), lo));
    return new Tensor(type, out, dims);
  }
  const out = allocCompute(type, values.length) as Float64Array;
  const range = INT_RANGE[type];
  if (range) {
    // interpolated integers round to nearest and saturate instead of wrapping
    const [lo, hi] = range;
    for (let i = 0; i < values.length; i++) out[i] = Math.min(Math.max(Math.round(values[i]), lo), hi);
  } else {
    out.set(values as Float64Array);
  }
  return fromCompute(type, out, dims);
}

/** Resamples `x` axis by axis; axes[k] describes axis k. `op` names the node's op in errors. */
export function resample(x: Tensor, axes: readonly AxisResample[], o: ResampleOptions, op = 'Resize'): Tensor {
  // sizes and scales come from data: the output, and every float64 pass on the way, are
  // checked against the limit before anything is allocated
  checkedOutputShape(axes.map((a) => a.outSize), x.type, op);
  const dims = [...x.dims];
  for (let k = 0; k < axes.length; k++) {
    dims[k] = axes[k].outSize;
    checkedOutputShape(dims, 'float64', `${op} (intermediate values)`);
  }
  dims.splice(0, dims.length, ...x.dims);
  let data: ArrayLike<number> = numbersOf(x);
  const fills: [number, Uint8Array][] = [];
  for (let k = 0; k < axes.length; k++) {
    const a = axes[k];
    // every transform maps an unscaled axis onto itself, except a crop
    if (a.outSize === a.inSize && a.scale === 1 && o.coordinateMode !== 'tf_crop_and_resize') continue;
    const plan = planAxis(a, o, op);
    data = applyAxis(data, dims, k, a.outSize, plan);
    dims[k] = a.outSize;
    if (plan.outside) fills.push([k, plan.outside]);
  }
  for (const [k, outside] of fills) fillOutside(data as Float64Array, dims, k, outside, o.extrapolationValue);
  return toType(x.type, data, dims);
}
