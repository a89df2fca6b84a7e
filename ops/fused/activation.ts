// The activation epilogue of fused nodes (attributes `activation`, `activation_params`): read
// once here, with the ONNX defaults of each activation filled in, into the form every
// provider's kernels take (data/activation.ts).
import type { Activation } from '../../data/activation.js';
import type { Tensor } from '../../data/tensor.js';
import { applyActivation as applyInPlace } from '../compute/activation.js';
import { computeView, fromCompute } from '../helpers/values.js';
import type { AttributeReader } from '../attributes.js';

/** The activation a fused node names, or undefined for none; unknown names are a model error. */
export function readActivation(attrs: AttributeReader): Activation | undefined {
  const kind = attrs.string('activation');
  if (kind === undefined || kind === '') return undefined;
  const [p0, p1] = attrs.floats('activation_params', []);
  switch (kind) {
    case 'Relu': return { kind: 'relu' };
    case 'Clip': return { kind: 'clip', min: p0 ?? -Infinity, max: p1 ?? Infinity };
    case 'LeakyRelu': return { kind: 'leakyRelu', alpha: p0 ?? 0.01 };
    case 'Sigmoid': return { kind: 'sigmoid' };
    case 'HardSigmoid': return { kind: 'hardSigmoid', alpha: p0 ?? 0.2, beta: p1 ?? 0.5 };
    case 'HardSwish': return { kind: 'hardSwish' };
    case 'Tanh': return { kind: 'tanh' };
    case 'Silu': return { kind: 'silu' };
    default: throw attrs.error(`unknown fused activation "${kind}"`, 'activation');
  }
}

/** Applies the activation to a tensor: in place for float32/float64, via decode/encode otherwise. */
export function applyActivation(t: Tensor, act: Activation | undefined): Tensor {
  if (!act) return t;
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    applyInPlace(t.data, 0, t.data.length, act);
    return t;
  }
  const v = Float32Array.from(computeView(t) as ArrayLike<number>);
  applyInPlace(v, 0, v.length, act);
  return fromCompute(t.type, v, t.dims);
}
