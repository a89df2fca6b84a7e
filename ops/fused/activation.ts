// The activation epilogue of fused nodes (attributes `activation`, `activation_params`),
// applied in place to a kernel's float output.
import type { Tensor } from '../../src/data/tensor.js';
import { computeView, fromCompute } from '../helpers/values.js';
import type { AttributeReader } from '../attributes.js';

export interface Activation {
  kind: 'Relu' | 'Clip' | 'LeakyRelu' | 'Sigmoid' | 'HardSigmoid' | 'HardSwish' | 'Tanh' | 'Silu';
  params: number[];
}

const KINDS = new Set(['Relu', 'Clip', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Silu']);

export function readActivation(attrs: AttributeReader): Activation | undefined {
  const kind = attrs.string('activation');
  if (kind === undefined || kind === '') return undefined;
  if (!KINDS.has(kind)) throw attrs.error(`unknown fused activation "${kind}"`, 'activation');
  return { kind: kind as Activation['kind'], params: attrs.floats('activation_params', []) };
}

export function applyActivationInPlace(v: Float32Array | Float64Array, act: Activation): void {
  const n = v.length;
  switch (act.kind) {
    case 'Relu': for (let i = 0; i < n; i++) if (v[i] < 0) v[i] = 0; break;
    case 'Clip': {
      const lo = act.params[0] ?? -Infinity, hi = act.params[1] ?? Infinity;
      for (let i = 0; i < n; i++) { const x = v[i]; v[i] = x < lo ? lo : x > hi ? hi : x; }
      break;
    }
    case 'LeakyRelu': { const a = act.params[0] ?? 0.01; for (let i = 0; i < n; i++) if (v[i] < 0) v[i] *= a; break; }
    case 'Sigmoid': for (let i = 0; i < n; i++) v[i] = 1 / (1 + Math.exp(-v[i])); break;
    case 'HardSigmoid': {
      const a = act.params[0] ?? 0.2, b = act.params[1] ?? 0.5;
      for (let i = 0; i < n; i++) v[i] = Math.max(0, Math.min(1, a * v[i] + b));
      break;
    }
    case 'HardSwish': for (let i = 0; i < n; i++) { const x = v[i]; v[i] = x * Math.max(0, Math.min(1, x / 6 + 0.5)); } break;
    case 'Tanh': for (let i = 0; i < n; i++) v[i] = Math.tanh(v[i]); break;
    case 'Silu': for (let i = 0; i < n; i++) { const x = v[i]; v[i] = x / (1 + Math.exp(-x)); } break;
  }
}

/** Applies the activation to a tensor: in place for float32/float64, via decode/encode otherwise. */
export function applyActivation(t: Tensor, act: Activation | undefined): Tensor {
  if (!act) return t;
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    applyActivationInPlace(t.data, act);
    return t;
  }
  const v = Float32Array.from(computeView(t) as ArrayLike<number>);
  applyActivationInPlace(v, act);
  return fromCompute(t.type, v, t.dims);
}
