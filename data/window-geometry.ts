// A sliding window resolved against an input's spatial shape (ops/nn/conv-geometry.ts reads
// and resolves it): what every convolution and pooling kernel takes.
/** The resolved geometry, one entry per spatial axis. */
export interface WindowGeometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  padsBegin: number[];
  padsEnd: number[];
  outShape: number[];
}
