// Channel orders: which color (0 R, 1 G, 2 B, 3 A) each channel of a format holds, and the
// checks on format, layout and size arguments that every conversion shares.
import { TensorConversionError } from '../errors.js';
import type { ImageFormat, ImageTensorLayout } from './image-types.js';

const COLORS: Record<ImageFormat, readonly number[]> = {
  RGB: [0, 1, 2], RGBA: [0, 1, 2, 3], BGR: [2, 1, 0], RBG: [0, 2, 1],
};

/** The color index of each channel, in channel order. */
export function colorsOf(format: ImageFormat): readonly number[] {
  return COLORS[format];
}

export function checkFormat(value: unknown, option: string): ImageFormat | undefined {
  if (value === undefined || (typeof value === 'string' && value in COLORS)) return value as ImageFormat | undefined;
  throw new TensorConversionError(`${option} must be one of ${Object.keys(COLORS).join(', ')} (got ${String(value)})`, option, Object.keys(COLORS).join('|'), String(value));
}

export function checkLayout(value: unknown, option: string): ImageTensorLayout {
  if (value === undefined) return 'NCHW';
  if (value === 'NCHW' || value === 'NHWC') return value;
  throw new TensorConversionError(`${option} must be 'NCHW' or 'NHWC' (got ${String(value)})`, option, 'NCHW|NHWC', String(value));
}

export function checkSize(value: unknown, option: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new TensorConversionError(`${option} must be a positive integer (got ${String(value)})`, option, 'positive integer', String(value));
}
