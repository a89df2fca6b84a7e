// The options and sources of Tensor.fromImage / toImageData / toDataURL, named as in
// onnxruntime-common, with the browser types written structurally so Node builds need no DOM lib.

/** Channel order, of a tensor (`tensorFormat`) or of pixels (`format`). */
export type ImageFormat = 'RGB' | 'RGBA' | 'BGR' | 'RBG';
export type ImageTensorLayout = 'NHWC' | 'NCHW';

/** One value for every channel, or one per channel in R, G, B(, A) order whatever the format. */
export type NormValue = number | readonly [number, number, number] | readonly [number, number, number, number];

export interface ImageNormalization {
  /** Added to each pixel (0..255) before dividing by `mean`; default 0. */
  bias?: NormValue;
  /** The divisor; default 255 (so float32 values run 0..1). */
  mean?: NormValue;
}

export interface TensorFromImageOptions {
  /** Channel order of the tensor; default 'RGB'. */
  tensorFormat?: ImageFormat;
  /** Default 'NCHW' ([1, C, H, W]); 'NHWC' gives [1, H, W, C]. */
  tensorLayout?: ImageTensorLayout;
  /** Default 'float32'. 'uint8' keeps the 0..255 bytes (norm, if given, is applied, then rounded and clamped). */
  dataType?: 'float32' | 'uint8';
  norm?: ImageNormalization;
  /** Scales the image to this width (default: its own). */
  resizedWidth?: number;
  resizedHeight?: number;
  /** Size of a raw pixel buffer (required for one; a decoded image has its own). */
  width?: number;
  height?: number;
  /** Channel order of a raw pixel buffer; default from its length ('RGBA' for 4 bytes a pixel, 'RGB' for 3). */
  format?: ImageFormat;
}

export interface TensorToImageOptions {
  /** Channel order of the tensor; default 'RGB' for 3 channels, 'RGBA' for 4. */
  format?: ImageFormat;
  /** Default 'NCHW'. */
  tensorLayout?: ImageTensorLayout;
  /** The inverse mapping: pixel = (value - bias) * mean; defaults mean 255, bias 0. */
  norm?: ImageNormalization;
}

/** ImageData, or the object toImageData returns where the host has no ImageData (Node). */
export interface ImageDataLike {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly colorSpace?: 'srgb' | 'display-p3';
}

/** What toImageData returns: an ImageData, or where the host has none (Node) an object of its shape. */
export interface ImageDataResult extends ImageDataLike {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly colorSpace: 'srgb' | 'display-p3';
}

/** An ImageBitmap, HTMLImageElement, canvas or other image a 2D canvas can draw. */
export interface DrawableImage {
  readonly width: number;
  readonly height: number;
}

/** What Tensor.fromImage reads: a decoded image, a URL (browsers), or raw RGBA/RGB bytes with options.width/height. */
export type ImageSource = ImageDataLike | DrawableImage | string | Uint8ClampedArray | Uint8Array;

/** Decoded pixels: `channels` interleaved bytes a pixel, in `format` order. */
export interface Pixels {
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
}
