// The average of each channel's whole image, quantized: integer sums, then one float32
// requantization, sum * x_scale / (y_scale * image_size), as MLAS's global average pool does.
// Used by QLinearGlobalAveragePool, and by QLinearAveragePool when its window is the image.
import { type QuantizedType, QUANT_RANGE, allocQuantized } from './qlinear-params.js';
import { roundHalfEven } from '../helpers/round-half-even.js';

export interface GlobalAverageArgs {
  x: Uint8Array | Int8Array;
  type: QuantizedType;
  batch: number;
  channels: number;
  imageSize: number;
  channelsLast: boolean;
  xScale: number; xZero: number; yScale: number; yZero: number;
}

/** [batch, channels] averages, laid out as the input's channels are. */
export function qlinearGlobalAverage(a: GlobalAverageArgs): Uint8Array | Int8Array {
  const { x, batch, channels: C, imageSize: S } = a;
  const f = Math.fround;
  const scale = f(a.xScale / f(a.yScale * S));
  const bias = -a.xZero * S;
  const [lo, hi] = QUANT_RANGE[a.type];
  const out = allocQuantized(a.type, batch * C);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < C; c++) {
      let sum = bias;
      if (a.channelsLast) for (let i = 0, p = n * S * C + c; i < S; i++, p += C) sum += x[p];
      else for (let i = 0, p = (n * C + c) * S; i < S; i++, p++) sum += x[p];
      let v = f(sum * scale);
      if (!(v >= lo - a.yZero)) v = lo - a.yZero;
      else if (v > hi - a.yZero) v = hi - a.yZero;
      out[n * C + c] = roundHalfEven(v) + a.yZero;
    }
  }
  return out;
}
