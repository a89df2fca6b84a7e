// norm.mean / norm.bias as four per-color factors (R, G, B, A), with onnxruntime-common's
// defaults: mean 255, bias 0; a 3-value tuple leaves alpha at the default.
import { TensorConversionError } from '../errors.js';
import type { ImageNormalization, NormValue } from './image-types.js';

export interface ColorFactors {
  readonly mean: readonly [number, number, number, number];
  readonly bias: readonly [number, number, number, number];
}

function perColor(value: NormValue | undefined, fallback: number, option: string): [number, number, number, number] {
  if (value === undefined) return [fallback, fallback, fallback, fallback];
  if (typeof value === 'number' && Number.isFinite(value)) return [value, value, value, value];
  if (Array.isArray(value) && (value.length === 3 || value.length === 4) && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return [value[0], value[1], value[2], value[3] ?? fallback];
  }
  throw new TensorConversionError(
    `${option} must be a finite number or 3 or 4 of them (got ${JSON.stringify(value)})`, option, 'number | [r, g, b] | [r, g, b, a]', JSON.stringify(value),
  );
}

/** The factors; `divides` says mean is a divisor (fromImage), so zero is refused there. */
export function colorFactors(norm: ImageNormalization | undefined, divides: boolean): ColorFactors {
  const mean = perColor(norm?.mean, 255, 'norm.mean');
  const bias = perColor(norm?.bias, 0, 'norm.bias');
  if (divides && mean.includes(0)) {
    throw new TensorConversionError(`norm.mean divides each pixel and must not be 0 (got ${JSON.stringify(norm?.mean)})`, 'norm.mean', 'non-zero', JSON.stringify(norm?.mean));
  }
  return { mean, bias };
}
