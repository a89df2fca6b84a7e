// The scalar forms of the GELU family as onnxruntime's contrib ops define them.
import { erf } from '../helpers/erf.js';

/** x·Φ(x), with the exact normal CDF: 0.5·x·(1 + erf(x/√2)). */
export function geluErf(x: number): number {
  return 0.5 * x * (1 + erf(x * Math.SQRT1_2));
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** The tanh approximation (FastGelu): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
}

/** QuickGelu: x·sigmoid(alpha·x), in the two forms that keep exp from overflowing. */
export function quickGelu(x: number, alpha: number): number {
  const z = alpha * x;
  if (z >= 0) return x / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return (x * e) / (1 + e);
}
