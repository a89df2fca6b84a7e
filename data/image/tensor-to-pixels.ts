// Tensor data → RGBA bytes, onnxruntime-common's toImageData formula per channel:
// pixel = (value - bias) * mean, rounded and clamped to 0..255; opaque where the format has no alpha.
import { TensorConversionError } from '../errors.js';
import { colorFactors } from './normalization.js';
import { checkFormat, checkLayout, colorsOf } from './image-format.js';
import type { ImageFormat, TensorToImageOptions } from './image-types.js';

/** What the conversion reads from a tensor. */
export interface ImageTensorView {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: ArrayLike<number | bigint | string>;
}

export interface RgbaPixels {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly width: number;
  readonly height: number;
}

const NUMBER_TYPES = new Set(['float32', 'float64', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32']);

export function tensorToPixels(tensor: ImageTensorView, options: TensorToImageOptions = {}): RgbaPixels {
  if (!NUMBER_TYPES.has(tensor.type)) {
    throw new TensorConversionError(`Only float32, float64 and 8-32 bit integer tensors convert to an image (got ${tensor.type})`, 'tensor.type', [...NUMBER_TYPES].join('|'), tensor.type);
  }
  const layout = checkLayout(options.tensorLayout, 'tensorLayout');
  const { dims } = tensor;
  if (dims.length !== 4 || dims[0] !== 1) {
    throw new TensorConversionError(`An image tensor has dims [1, C, H, W] (NCHW) or [1, H, W, C] (NHWC); got [${dims}]`, 'tensor.dims', layout === 'NCHW' ? '[1, C, H, W]' : '[1, H, W, C]', `[${dims}]`);
  }
  const [channels, height, width] = layout === 'NCHW' ? [dims[1], dims[2], dims[3]] : [dims[3], dims[1], dims[2]];
  const format: ImageFormat | undefined = checkFormat(options.format, 'format') ?? (channels === 4 ? 'RGBA' : channels === 3 ? 'RGB' : undefined);
  if (!format || colorsOf(format).length !== channels) {
    throw new TensorConversionError(
      `A ${format ?? 'RGB or RGBA'} image needs ${format ? colorsOf(format).length : '3 or 4'} channels; the tensor [${dims}] (${layout}) has ${channels}`,
      'format', format ?? 'RGB|RGBA', `${channels} channels`,
    );
  }
  const { mean, bias } = colorFactors(options.norm, false);
  const values = tensor.data as ArrayLike<number>;
  const plane = width * height;
  const out = new Uint8ClampedArray(plane * 4);
  if (!colorsOf(format).includes(3)) for (let i = 3; i < out.length; i += 4) out[i] = 255;
  const channelStride = layout === 'NCHW' ? plane : 1;
  const pixelStride = layout === 'NCHW' ? 1 : channels;
  colorsOf(format).forEach((color, c) => {
    const m = mean[color];
    const b = bias[color];
    for (let i = 0, s = c * channelStride, o = color; i < plane; i++, s += pixelStride, o += 4) out[o] = (values[s] - b) * m;
  });
  return { data: out, width, height };
}
