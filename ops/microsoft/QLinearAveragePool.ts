import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { roundHalfEven } from '../helpers/round-half-even.js';
import { sizeOf, stridesOf } from '../helpers/shape.js';
import { tensorInput, optionalTensorInput } from '../helpers/values.js';
import { poolGeometry, readPoolAttributes } from './pool-windows.js';
import { qlinearGlobalAverage } from './qlinear-global-average.js';
import { QUANT_RANGE, allocQuantized, quantizedType, scaleValue, zeroPointValue } from './qlinear-params.js';

// AveragePool on quantized data (uint8 or int8), NCHW or, with channels_last, NHWC: the input is
// dequantized to float32, each window summed in order and divided by its element count (or by
// the kernel size with count_include_pad), the result requantized. A window covering the whole
// unpadded image is computed like QLinearGlobalAveragePool, as onnxruntime does.
// Inputs: X, x_scale, x_zero_point, y_scale, y_zero_point.
export const QLinearAveragePool = [
  defineOp('QLinearAveragePool', 1, (ctx) => {
    const pool = readPoolAttributes(ctx.attrs);
    const countIncludePad = ctx.attrs.int('count_include_pad', 0) !== 0;
    const channelsLast = ctx.attrs.int('channels_last', 0) !== 0;
    const op = 'QLinearAveragePool';
    const kernelSize = sizeOf(pool.kernel);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const type = quantizedType(op, x, 'X');
      const spatialRank = pool.kernel.length;
      if (x.dims.length !== spatialRank + 2) {
        throw new InvalidInputError(`${op}: X of shape [${x.dims}] needs ${spatialRank} spatial axes for kernel_shape [${pool.kernel}]`, 'X');
      }
      const xScale = scaleValue(op, tensorInput(inputs, 1, 'x_scale'), 'x_scale');
      const xZero = zeroPointValue(op, optionalTensorInput(inputs, 2), type, 'x_zero_point');
      const yScale = scaleValue(op, tensorInput(inputs, 3, 'y_scale'), 'y_scale');
      const yZero = zeroPointValue(op, optionalTensorInput(inputs, 4), type, 'y_zero_point');
      const N = x.dims[0];
      const C = channelsLast ? x.dims[spatialRank + 1] : x.dims[1];
      const inSpatial = channelsLast ? x.dims.slice(1, -1) : x.dims.slice(2);
      const g = poolGeometry(pool, inSpatial);
      const outDims = channelsLast ? [N, ...g.outDims, C] : [N, C, ...g.outDims];
      const xq = x.data as Uint8Array | Int8Array;

      if (!g.padded && inSpatial.every((d, i) => d === pool.kernel[i])) {
        const y = qlinearGlobalAverage({ x: xq, type, batch: N, channels: C, imageSize: kernelSize, channelsLast, xScale, xZero, yScale, yZero });
        return [new Tensor(type, y, outDims)];
      }

      const xf = new Float32Array(xq.length);
      for (let i = 0; i < xq.length; i++) xf[i] = xScale * (xq[i] - xZero);
      const imageIn = sizeOf(inSpatial), imageOut = sizeOf(g.outDims);
      // element steps along each spatial axis, and between channels, in X's layout
      const axisStep = stridesOf(inSpatial).map((s) => (channelsLast ? s * C : s));
      const channelStep = channelsLast ? 1 : imageIn;
      const batchStep = imageIn * C;
      const out = allocQuantized(type, N * C * imageOut);
      const [lo, hi] = QUANT_RANGE[type];
      const f = Math.fround;
      const start = new Array<number>(spatialRank), end = new Array<number>(spatialRank), pos = new Array<number>(spatialRank);
      const outPos = new Array<number>(spatialRank).fill(0);
      for (let o = 0; o < imageOut; o++) {
        let count = 1;
        for (let d = 0; d < spatialRank; d++) {
          const s = outPos[d] * pool.strides[d] - g.padBegin[d];
          start[d] = Math.max(s, 0);
          end[d] = Math.min(s + pool.kernel[d], inSpatial[d]);
          count *= Math.max(0, end[d] - start[d]);
        }
        const divisor = countIncludePad ? kernelSize : count;
        for (let n = 0; n < N; n++) {
          for (let c = 0; c < C; c++) {
            let sum = 0;
            if (count > 0) {
              // walk the window in row-major order
              for (let d = 0; d < spatialRank; d++) pos[d] = start[d];
              const base = n * batchStep + c * channelStep;
              for (;;) {
                let p = base;
                for (let d = 0; d < spatialRank; d++) p += pos[d] * axisStep[d];
                sum = f(sum + xf[p]);
                let d = spatialRank - 1;
                while (d >= 0 && ++pos[d] >= end[d]) { pos[d] = start[d]; d--; }
                if (d < 0) break;
              }
            }
            const q = roundHalfEven(f(f(f(sum / divisor) / yScale) + yZero));
            const v = q < lo ? lo : q > hi ? hi : q;
            out[channelsLast ? (n * imageOut + o) * C + c : (n * C + c) * imageOut + o] = v;
          }
        }
        for (let d = spatialRank - 1; d >= 0 && ++outPos[d] >= g.outDims[d]; d--) outPos[d] = 0;
      }
      return [new Tensor(type, out, outDims)];
    };
  }, MICROSOFT_DOMAIN),
];
