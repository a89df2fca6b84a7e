// The per-tensor 8-bit case of QuantizeLinear and DequantizeLinear, which QDQ models run on
// every activation between integer ops: float32 values, one float32 scale, one 8-bit zero
// point, in one typed-array loop with the general path's arithmetic (the quotient rounded to
// float32, ties to even, saturation; the product rounded once to float32). undefined where
// the general path applies.
import { isByteType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { QUANT_INT_RANGES } from '../helpers/quantized-store.js';

/** One float32 scale and one 8-bit zero point (or none), as numbers; undefined for any other layout. */
export function perTensorParams(scale: Tensor, zp: Tensor | undefined): { scale: number; zero: number } | undefined {
  if (scale.type !== 'float32' || scale.size !== 1) return undefined;
  if (zp && (zp.size !== 1 || !isByteType(zp.type))) return undefined;
  return { scale: (scale.data as Float32Array)[0], zero: zp ? (zp.data as Uint8Array | Int8Array)[0] : 0 };
}

export function quantizePerTensor(x: Tensor, scale: Tensor, zp: Tensor | undefined, type: string): Tensor | undefined {
  const p = perTensorParams(scale, zp);
  if (x.type !== 'float32' || !p || !isByteType(type)) return undefined;
  const { scale: s, zero: z } = p;
  const [lo, hi] = QUANT_INT_RANGES[type]!;
  const xv = x.data as Float32Array;
  const out = type === 'uint8' ? new Uint8Array(xv.length) : new Int8Array(xv.length);
  for (let i = 0; i < xv.length; i++) {
    const q = Math.fround(xv[i] / s);
    let r = Math.round(q);
    // Math.round sends ties up: a tie that landed on an odd integer goes down to the even one
    if (r - q === 0.5 && (r & 1) !== 0) r -= 1;
    r += z;
    out[i] = r < lo ? lo : r > hi ? hi : r;
  }
  return new Tensor(type, out, x.dims);
}

export function dequantizePerTensor(x: Tensor, scale: Tensor, zp: Tensor | undefined, type: string): Tensor | undefined {
  const p = perTensorParams(scale, zp);
  if (!isByteType(x.type) || !p || type !== 'float32') return undefined;
  const { scale: s, zero: z } = p;
  const xv = x.data as Uint8Array | Int8Array;
  const out = new Float32Array(xv.length);
  for (let i = 0; i < xv.length; i++) out[i] = (xv[i] - z) * s;
  return new Tensor('float32', out, x.dims);
}
