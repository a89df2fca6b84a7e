// Output size and leading pads of a pooling op from its attributes, as onnxruntime's pool
// attributes compute them: explicit pads, or auto_pad SAME_UPPER / SAME_LOWER / VALID;
// ceil_mode rounds the window count up, dropping a last window that would start in the end
// padding. Spatial axes only.
import type { AttributeReader } from '../attributes.js';

export interface PoolAttributes {
  kernel: number[];
  strides: number[];
  /** [begin..., end...] as the attribute lists them. */
  pads: number[];
  autoPad: string;
  ceilMode: boolean;
}

export function readPoolAttributes(attrs: AttributeReader): PoolAttributes {
  const kernel = attrs.required('kernel_shape', attrs.ints('kernel_shape'));
  const rank = kernel.length;
  const strides = attrs.ints('strides', new Array<number>(rank).fill(1));
  const pads = attrs.ints('pads', new Array<number>(2 * rank).fill(0));
  const autoPad = attrs.string('auto_pad', 'NOTSET');
  if (kernel.some((k) => k < 1)) throw attrs.error(`kernel_shape must be positive, got [${kernel}]`, 'kernel_shape');
  if (strides.length !== rank || strides.some((s) => s < 1)) throw attrs.error(`strides [${strides}] must be ${rank} positive values`, 'strides');
  if (pads.length !== 2 * rank || pads.some((p) => p < 0)) throw attrs.error(`pads [${pads}] must be ${2 * rank} non-negative values`, 'pads');
  if (!['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'].includes(autoPad)) throw attrs.error(`unknown auto_pad "${autoPad}"`, 'auto_pad');
  return { kernel, strides, pads, autoPad, ceilMode: attrs.int('ceil_mode', 0) !== 0 };
}

export interface PoolGeometry {
  outDims: number[];
  /** Padding before each spatial axis (where the first window starts, negated). */
  padBegin: number[];
  /** Whether any padding applies at all. */
  padded: boolean;
}

export function poolGeometry(p: PoolAttributes, inDims: readonly number[]): PoolGeometry {
  const outDims: number[] = [], padBegin: number[] = [];
  let padded = false;
  inDims.forEach((size, i) => {
    const k = p.kernel[i], s = p.strides[i];
    let out: number, begin: number, total: number;
    if (p.autoPad === 'VALID') {
      out = Math.floor((size - k) / s) + 1;
      begin = 0; total = 0;
    } else if (p.autoPad === 'SAME_UPPER' || p.autoPad === 'SAME_LOWER') {
      out = Math.ceil(size / s);
      total = Math.max(0, (out - 1) * s + k - size);
      begin = p.autoPad === 'SAME_UPPER' ? Math.floor(total / 2) : Math.floor((total + 1) / 2);
    } else {
      begin = p.pads[i];
      total = begin + p.pads[i + inDims.length];
      const span = (size + total - k) / s;
      out = (p.ceilMode ? Math.ceil(span) : Math.floor(span)) + 1;
      if (p.ceilMode && (out - 1) * s >= size + begin) out--;
    }
    if (total > 0) padded = true;
    outDims.push(Math.max(0, out));
    padBegin.push(begin);
  });
  return { outDims, padBegin, padded };
}
