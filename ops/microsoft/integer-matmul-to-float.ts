// The shared core of MatMulIntegerToFloat and DynamicQuantizeMatMul:
//   Y = (A - a_zero_point) @ (B - b_zero_point) * (a_scale * b_scale) + bias
// with the integer product exact and the rest in float32, as onnxruntime computes it. b's
// parameters are per tensor or per column (shape [N] for a 2-D B, or B's shape with K set to 1);
// a scale of any other shape that broadcasts over Y multiplies Y after the bias, which is what
// onnxruntime does with it.
import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { matmulGeometry, matmulValues } from '../cast/integer-matmul.js';
import { broadcastParam } from '../cast/broadcast-param.js';
import { minusZeroPoint } from '../cast/zero-point.js';
import { numbersOf } from '../helpers/values.js';

/** The layout of a per-column parameter of B as a shape that broadcasts over B, or undefined if it is neither per tensor nor per column. */
export function perColumnDims(param: Tensor, bDims: readonly number[]): readonly number[] | undefined {
  if (param.size === 1) return [];
  const rank = bDims.length, N = bDims[rank - 1];
  if (param.dims.length === 1 && rank === 2 && param.dims[0] === N) return [1, N];
  if (param.dims.length === rank && rank >= 2 && param.dims[rank - 2] === 1 && param.dims.every((d, i) => i === rank - 2 || d === bDims[i])) {
    return param.dims;
  }
  return undefined;
}

export interface IntegerMatMulInputs {
  op: string;
  a: Tensor;
  aZeroPoint: number;
  /** One float32 value, or a tensor multiplied into Y after the bias. */
  aScale: number | Tensor;
  b: Tensor;
  bZeroPoint?: Tensor;
  bScale: Tensor;
  bias?: Tensor;
}

function checkFloat32(op: string, t: Tensor | undefined, what: string): void {
  if (t && t.type !== 'float32') throw new InvalidInputError(`${op}: ${what} must be float32, got ${t.type}`, what);
}

export function integerMatMulToFloat(p: IntegerMatMulInputs): Tensor {
  const { op, a, b } = p;
  if (b.type !== 'uint8' && b.type !== 'int8') throw new InvalidInputError(`${op}: B must be uint8 or int8, got ${b.type}`, 'B');
  checkFloat32(op, p.bScale, 'b_scale');
  checkFloat32(op, p.bias, 'bias');
  if (p.bZeroPoint && p.bZeroPoint.type !== b.type) {
    throw new InvalidInputError(`${op}: b_zero_point must have B's type ${b.type}, got ${p.bZeroPoint.type}`, 'b_zero_point');
  }
  const g = matmulGeometry(a.dims, b.dims);
  const { M, K, N } = g;
  const bDims2 = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
  let zpDims: readonly number[] | undefined;
  if (p.bZeroPoint) {
    zpDims = perColumnDims(p.bZeroPoint, bDims2);
    if (!zpDims) throw new InvalidInputError(`${op}: b_zero_point of shape [${p.bZeroPoint.dims}] is neither per tensor nor per column of B [${b.dims}]`, 'b_zero_point');
  }
  if (p.bias && p.bias.size !== N) throw new InvalidInputError(`${op}: bias of shape [${p.bias.dims}] should hold N=${N} values`, 'bias');
  const av = minusZeroPoint(a, undefined, 'a_zero_point');
  if (p.aZeroPoint !== 0) for (let i = 0; i < av.length; i++) av[i] -= p.aZeroPoint;
  const bv = minusZeroPoint(new Tensor(b.type, b.data, bDims2), p.bZeroPoint, 'b_zero_point', zpDims);
  const acc = matmulValues(av, bv, g);

  const f = Math.fround;
  const aScale = typeof p.aScale === 'number' ? p.aScale : 1;
  const bScaleDims = perColumnDims(p.bScale, bDims2);
  const bs = numbersOf(p.bScale);
  const bias = p.bias ? numbersOf(p.bias) : undefined;
  const out = new Float32Array(acc.length);
  for (let t = 0; t < g.aStarts.length; t++) {
    // per-column scales of a batched B follow B's batch, which may be broadcast
    const scaleRow = bScaleDims && bScaleDims.length > 2 ? (g.bStarts[t] / (K * N)) * N : 0;
    for (let m = 0; m < M; m++) {
      const row = (t * M + m) * N;
      for (let n = 0; n < N; n++) {
        const bScale = !bScaleDims ? 1 : bScaleDims.length === 0 ? bs[0] : bs[scaleRow + n];
        // the sum becomes float32 first, as onnxruntime's kernel (and Cast then Mul) have it
        const v = f(f(acc[row + n]) * f(aScale * bScale));
        out[row + n] = bias ? f(v + bias[n]) : v;
      }
    }
  }
  if (typeof p.aScale !== 'number') scaleInPlace(op, out, g.matrixDims, p.aScale, 'a_scale');
  if (!bScaleDims) scaleInPlace(op, out, g.matrixDims, p.bScale, 'b_scale');
  return new Tensor('float32', out, g.outDims);
}

function scaleInPlace(op: string, out: Float32Array, dims: readonly number[], scale: Tensor, what: string): void {
  checkFloat32(op, scale, what);
  const s = broadcastParam(scale, dims, `${op}: ${what}`);
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i] * s.values[s.index ? s.index[i] : 0]);
}
