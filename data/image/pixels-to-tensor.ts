// Interleaved pixels → tensor data, with onnxruntime-common's formula per channel:
// value = (pixel + bias) / mean, R/G/B/A factors chosen by color whatever the channel order.
import { colorFactors } from './normalization.js';
import { checkFormat, checkLayout, colorsOf } from './image-format.js';
import { TensorConversionError } from '../errors.js';
import type { Pixels, TensorFromImageOptions } from './image-types.js';

export interface ImageTensorData {
  readonly type: 'float32' | 'uint8';
  readonly data: Float32Array | Uint8Array;
  readonly dims: readonly [number, number, number, number];
}

export function pixelsToTensorData(pixels: Pixels, options: TensorFromImageOptions = {}): ImageTensorData {
  const { width, height, data: source } = pixels;
  const tensorFormat = checkFormat(options.tensorFormat, 'tensorFormat') ?? 'RGB';
  const layout = checkLayout(options.tensorLayout, 'tensorLayout');
  const dataType = options.dataType ?? 'float32';
  if (dataType !== 'float32' && dataType !== 'uint8') {
    throw new TensorConversionError(`dataType must be 'float32' or 'uint8' (got ${String(dataType)})`, 'dataType', 'float32|uint8', String(dataType));
  }
  // uint8 tensors carry the bytes themselves unless a norm is asked for
  const { mean, bias } = dataType === 'uint8' && options.norm === undefined
    ? { mean: [1, 1, 1, 1], bias: [0, 0, 0, 0] }
    : colorFactors(options.norm, true);

  const sourceColors = colorsOf(pixels.format);
  const step = sourceColors.length;
  const offsetOfColor = [-1, -1, -1, -1];
  sourceColors.forEach((color, i) => { offsetOfColor[color] = i; });

  const colors = colorsOf(tensorFormat);
  const channels = colors.length;
  const plane = width * height;
  // a Uint8ClampedArray view rounds and clamps what a uint8 tensor stores
  const out = dataType === 'float32' ? new Float32Array(plane * channels) : new Uint8Array(plane * channels);
  const write = out instanceof Float32Array ? out : new Uint8ClampedArray(out.buffer);
  const channelStride = layout === 'NCHW' ? plane : 1;
  const pixelStride = layout === 'NCHW' ? 1 : channels;
  for (let c = 0; c < channels; c++) {
    const color = colors[c];
    const offset = offsetOfColor[color];
    const m = mean[color];
    const b = bias[color];
    let o = c * channelStride;
    if (offset < 0) {
      // pixels without alpha are opaque
      const opaque = (255 + b) / m;
      for (let i = 0; i < plane; i++, o += pixelStride) write[o] = opaque;
      continue;
    }
    for (let i = 0, s = offset; i < plane; i++, s += step, o += pixelStride) write[o] = (source[s] + b) / m;
  }
  const dims: [number, number, number, number] = layout === 'NCHW' ? [1, channels, height, width] : [1, height, width, channels];
  return { type: dataType, data: out, dims };
}
