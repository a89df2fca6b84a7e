import { defineOp } from '../define.js';
import { sizeOf } from '../helpers/shape.js';
import { allocCompute, computeView, fromCompute, optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';
import { fft } from './fft.js';
import { checkedOutputShape } from '../helpers/output-shape.js';

interface DftOptions {
  axis: number;
  inverse: boolean;
  onesided: boolean;
  length: number | undefined;
}

/**
 * The DFT of `x` (trailing dimension 1 = real, 2 = complex) along `axis`.
 * Forward: zero-padded or truncated to the DFT length; one-sided keeps the first n/2+1 bins.
 * Inverse one-sided (inverse real FFT): `x` holds the first bins of a Hermitian spectrum and
 * the real signal of the DFT length (default 2·(bins−1)) comes out, trailing dimension 1.
 */
export function dft(x: Tensor, opts: DftOptions): Tensor {
  const rank = x.dims.length;
  const parts = x.dims[rank - 1];
  if (rank < 2 || (parts !== 1 && parts !== 2)) {
    throw new InvalidInputError(`DFT: the last dimension of the input must be 1 (real) or 2 (complex), got shape [${x.dims}]`);
  }
  const axis = opts.axis < 0 ? opts.axis + rank : opts.axis;
  if (axis < 0 || axis > rank - 2) {
    throw new InvalidInputError(`DFT: axis ${opts.axis} is out of range for input of rank ${rank} (the last axis holds the complex parts)`);
  }
  const inLen = x.dims[axis];
  const c2r = opts.inverse && opts.onesided;
  const n = opts.length ?? (c2r ? 2 * (inLen - 1) : inLen);
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`DFT: the DFT length must be a positive integer, got ${n}`);
  const outLen = c2r ? n : opts.onesided ? Math.floor(n / 2) + 1 : n;
  const outParts = c2r ? 1 : 2;
  const outer = sizeOf(x.dims.slice(0, axis));
  const inner = sizeOf(x.dims.slice(axis + 1, rank - 1));
  const outDims = [...x.dims];
  outDims[axis] = outLen;
  outDims[rank - 1] = outParts;

  checkedOutputShape(outDims, x.type, 'DFT');
  checkedOutputShape([n, 2], 'float64', 'DFT (its working buffers)');
  const src = computeView(x) as ArrayLike<number>;
  const out = allocCompute(x.type, sizeOf(outDims)) as Float64Array;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  // bins of the Hermitian half taken from the input (numpy's irfft pads or truncates to n/2+1)
  const half = Math.min(inLen, Math.floor(n / 2) + 1);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      re.fill(0);
      im.fill(0);
      const take = c2r ? half : Math.min(inLen, n);
      for (let k = 0; k < take; k++) {
        const at = ((o * inLen + k) * inner + i) * parts;
        re[k] = src[at];
        if (parts === 2) im[k] = src[at + 1];
      }
      if (c2r) {
        // the imaginary parts of the DC and Nyquist bins carry no information in a real signal
        im[0] = 0;
        if (n % 2 === 0 && half > n / 2) im[n / 2] = 0;
        for (let k = 1; k < Math.ceil(n / 2); k++) {
          re[n - k] = re[k];
          im[n - k] = -im[k];
        }
      }
      fft(re, im, opts.inverse);
      const scale = opts.inverse ? 1 / n : 1;
      for (let k = 0; k < outLen; k++) {
        const at = ((o * outLen + k) * inner + i) * outParts;
        out[at] = re[k] * scale;
        if (outParts === 2) out[at + 1] = im[k] * scale;
      }
    }
  }
  return fromCompute(x.type, out, outDims);
}

function readLength(inputs: KernelInput[]): number | undefined {
  const t = optionalTensorInput(inputs, 1);
  return t ? readScalar(t) : undefined;
}

export const DFT = [
  // DFT-17 takes the axis as an attribute
  defineOp('DFT', 17, (ctx) => {
    const axis = ctx.attrs.int('axis', 1);
    const inverse = ctx.attrs.int('inverse', 0) !== 0;
    const onesided = ctx.attrs.int('onesided', 0) !== 0;
    return (inputs) => [dft(tensorInput(inputs, 0, 'input'), { axis, inverse, onesided, length: readLength(inputs) })];
  }),
  // DFT-20 takes it as an optional third input, default -2 (the last signal axis)
  defineOp('DFT', 20, (ctx) => {
    const inverse = ctx.attrs.int('inverse', 0) !== 0;
    const onesided = ctx.attrs.int('onesided', 0) !== 0;
    return (inputs) => {
      const axisInput = optionalTensorInput(inputs, 2);
      const axis = axisInput ? readScalar(axisInput) : -2;
      return [dft(tensorInput(inputs, 0, 'input'), { axis, inverse, onesided, length: readLength(inputs) })];
    };
  }),
];
