// What the convolution kernels take: NC[spatial] tensors as flat row-major arrays, plus the
// window geometry already resolved (pads, strides, dilations, output size) by the op.
import type { Activation } from '../../data/activation.js';

export interface SpatialGeometry {
  /** Spatial dims of the input (the image, or for ConvTranspose the smaller input). */
  inShape: readonly number[];
  /** Spatial dims of the output. */
  outShape: readonly number[];
  kernel: readonly number[];
  strides: readonly number[];
  dilations: readonly number[];
  /** Padding before each axis; the end padding is implied by outShape. */
  padsBegin: readonly number[];
}

export interface ConvArgs<T> extends SpatialGeometry {
  batch: number;
  inChannels: number;
  outChannels: number;
  group: number;
  /** [batch, inChannels, ...inShape] */
  x: T;
  /** Conv: [outChannels, inChannels/group, ...kernel]; ConvTranspose: [inChannels, outChannels/group, ...kernel]. */
  w: T;
  /** One value per output channel. */
  bias?: T;
  /** [batch, outChannels, ...outShape], fully overwritten. */
  y: T;
  activation?: Activation;
}

export function product(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}
