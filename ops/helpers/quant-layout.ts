// Which scale / zero point applies to each element of a (de)quantized tensor. The parameter's
// shape picks the granularity: one value (per tensor), a 1-D tensor along `axis` (per axis), or
// the input's rank with `axis` divided into blocks of `blockSize` (blocked).
//
// Elements are visited as [outer][axis][inner]; the parameter index is
//   o * outerStride + floor(a / blockSize) * axisStride + j * innerStride
// so loops step through it without decoding element indices.
import { InvalidInputError } from '../../data/errors.js';
import { normalizeAxis, sameDims, sizeOf } from './shape.js';

export interface QuantLayout {
  outer: number;
  axisLen: number;
  inner: number;
  blockSize: number;
  outerStride: number;
  axisStride: number;
  innerStride: number;
}

/** `blockSize` 0 means not blocked. Throws InvalidInputError when the shapes don't fit. */
export function quantLayout(xDims: readonly number[], paramDims: readonly number[], axis: number, blockSize: number, what = 'scale'): QuantLayout {
  const paramSize = sizeOf(paramDims);
  if (paramSize === 1) {
    return { outer: 1, axisLen: 1, inner: sizeOf(xDims), blockSize: 1, outerStride: 0, axisStride: 0, innerStride: 0 };
  }
  const rank = xDims.length;
  const ax = normalizeAxis(axis, rank, 'axis');
  const outer = sizeOf(xDims.slice(0, ax));
  const axisLen = xDims[ax];
  const inner = sizeOf(xDims.slice(ax + 1));
  if (blockSize <= 0) {
    if (paramDims.length !== 1 || paramDims[0] !== axisLen) {
      throw new InvalidInputError(
        `${what} of shape [${paramDims}] fits neither per-tensor nor per-axis quantization of [${xDims}] along axis ${ax} (expected a scalar or [${axisLen}])`,
      );
    }
    return { outer, axisLen, inner, blockSize: 1, outerStride: 0, axisStride: 1, innerStride: 0 };
  }
  const blocks = Math.ceil(axisLen / blockSize);
  const ok = paramDims.length === rank && paramDims.every((d, i) => (i === ax ? d === blocks : d === xDims[i]));
  if (!ok) {
    const expected = xDims.map((d, i) => (i === ax ? blocks : d));
    throw new InvalidInputError(
      `${what} of shape [${paramDims}] does not fit blocked quantization of [${xDims}] along axis ${ax} with block_size ${blockSize} (expected [${expected}])`,
    );
  }
  return { outer, axisLen, inner, blockSize, outerStride: blocks * inner, axisStride: inner, innerStride: 1 };
}

/** Calls `row(start, paramStart, innerStride, count)` for each run of elements sharing a param step. */
export function forEachQuantRow(l: QuantLayout, row: (start: number, paramStart: number, paramStep: number, count: number) => void): void {
  let start = 0;
  for (let o = 0; o < l.outer; o++) {
    for (let a = 0; a < l.axisLen; a++) {
      row(start, o * l.outerStride + Math.floor(a / l.blockSize) * l.axisStride, l.innerStride, l.inner);
      start += l.inner;
    }
  }
}

/** Zero points share the scale's shape (a single value may be a scalar or [1] on either side). */
export function checkZeroPointShape(zeroDims: readonly number[], scaleDims: readonly number[], what: string): void {
  const zn = sizeOf(zeroDims), sn = sizeOf(scaleDims);
  if (zn !== sn || (sn !== 1 && !sameDims(zeroDims, scaleDims))) {
    throw new InvalidInputError(`${what} shape [${zeroDims}] must match the scale's shape [${scaleDims}]`);
  }
}
