// The activation epilogue of fused nodes (attributes `activation`, `activation_params`),
// applied in place to a kernel's float output.
import type { Tensor } from '../../data/tensor.js';
import { computeView, fromCompute } from '../helpers/values.js';
import type { AttributeReader } from '../attributes.js';
import { type Activation as KernelActivation, applyActivation as applyKernelActivation } from '../../kernels/cpu/activation.js';

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

/** The kernels' epilogue form of a fused node's activation (kernels/cpu/activation.ts). */
export function kernelActivation(a: Activation | undefined): KernelActivation | undefined {
  if (!a) return undefined;
  const [p0, p1] = a.params;
  switch (a.kind) {
    case 'Relu': return { kind: 'relu' };
    case 'Clip': return { kind: 'clip', min: p0 ?? -Infinity, max: p1 ?? Infinity };
    case 'LeakyRelu': return { kind: 'leakyRelu', alpha: p0 ?? 0.01 };
    case 'Sigmoid': return { kind: 'sigmoid' };
    case 'HardSigmoid': return { kind: 'hardSigmoid', alpha: p0 ?? 0.2, beta: p1 ?? 0.5 };
    case 'HardSwish': return { kind: 'hardSwish' };
    case 'Tanh': return { kind: 'tanh' };
    case 'Silu': return { kind: 'silu' };
  }
}

/** Applies the activation to a tensor: in place for float32/float64, via decode/encode otherwise. */
export function applyActivation(t: Tensor, act: Activation | undefined): Tensor {
  if (!act) return t;
  const k = kernelActivation(act)!;
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    applyKernelActivation(t.data, 0, t.data.length, k);
    return t;
  }
  const v = Float32Array.from(computeView(t) as ArrayLike<number>);
  applyKernelActivation(v, 0, v.length, k);
  return fromCompute(t.type, v, t.dims);
}
