// The activations onnxruntime fuses into its contrib ops, in the two forms its kernels read:
// FusedConv's MLAS activation (`activation` + `activation_params`) and FusedGemm's element-wise
// functor (`activation` + `activation_alpha`/`_beta`/`_gamma`, the fused node's attributes
// renamed). Each rejects what onnxruntime rejects, at load time.
import type { Activation } from '../../data/activation.js';
import type { Tensor } from '../../data/tensor.js';
import type { AttributeReader } from '../attributes.js';
import { computeView, fromCompute } from '../helpers/values.js';

const MLAS_PARAMETER_COUNT: Record<string, number> = { LeakyRelu: 1, Clip: 2, HardSigmoid: 2 };

/** FusedConv's activation, or undefined for none; parameters must be given, as many as the kind takes. */
export function readConvActivation(attrs: AttributeReader): Activation | undefined {
  const kind = attrs.string('activation');
  if (kind === undefined) return undefined;
  const simple: Record<string, Activation> = { Relu: { kind: 'relu' }, Silu: { kind: 'silu' }, Tanh: { kind: 'tanh' }, Sigmoid: { kind: 'sigmoid' } };
  if (simple[kind]) return simple[kind];
  const count = MLAS_PARAMETER_COUNT[kind];
  if (count === undefined) {
    throw attrs.error(`unsupported activation "${kind}" (Relu, Silu, Tanh, Sigmoid, LeakyRelu, Clip, HardSigmoid)`, 'activation');
  }
  const params = attrs.required('activation_params', attrs.floats('activation_params'));
  if (params.length !== count) throw attrs.error(`activation ${kind} takes ${count} activation_params, got ${params.length}`, 'activation_params');
  if (kind === 'LeakyRelu') return { kind: 'leakyRelu', alpha: params[0] };
  if (kind === 'Clip') return { kind: 'clip', min: params[0], max: params[1] };
  return { kind: 'hardSigmoid', alpha: params[0], beta: params[1] };
}

type Scalar = (x: number) => number;

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The functor of each activation FusedGemm takes, given a reader of its (renamed) parameters. */
const GEMM_ACTIVATIONS: Record<string, (p: (name: 'alpha' | 'beta' | 'gamma') => number) => Scalar> = {
  Relu: () => (x) => (x > 0 ? x : 0),
  Sigmoid: () => (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  Tanh: () => Math.tanh,
  Softsign: () => (x) => x / (1 + Math.abs(x)),
  Softplus: () => softplus,
  LeakyRelu: (p) => { const a = p('alpha'); return (x) => (x >= 0 ? x : a * x); },
  Elu: (p) => { const a = p('alpha'); return (x) => (x >= 0 ? x : a * (Math.exp(x) - 1)); },
  Celu: (p) => { const a = p('alpha'); return (x) => Math.max(0, x) + Math.min(0, a * (Math.exp(x / a) - 1)); },
  ThresholdedRelu: (p) => { const a = p('alpha'); return (x) => (x > a ? x : 0); },
  Selu: (p) => { const a = p('alpha'), g = p('gamma'); return (x) => g * (x > 0 ? x : a * (Math.exp(x) - 1)); },
  HardSigmoid: (p) => { const a = p('alpha'), b = p('beta'); return (x) => Math.max(0, Math.min(1, a * x + b)); },
  ParametricSoftplus: (p) => { const a = p('alpha'), b = p('beta'); return (x) => a * softplus(b * x); },
  ScaledTanh: (p) => { const a = p('alpha'), b = p('beta'); return (x) => a * Math.tanh(b * x); },
};

/** FusedGemm's activation, or undefined for none; each parameter its kind uses must be given. */
export function readGemmActivation(attrs: AttributeReader): Scalar | undefined {
  const kind = attrs.string('activation');
  if (kind === undefined || kind === '') return undefined;
  const make = GEMM_ACTIVATIONS[kind];
  if (!make) throw attrs.error(`unsupported activation "${kind}" (${Object.keys(GEMM_ACTIVATIONS).join(', ')})`, 'activation');
  return make((name) => attrs.required(`activation_${name}`, attrs.float(`activation_${name}`)));
}

/** y = fn(y) element-wise: in place for float32/float64, through a decoded copy otherwise. */
export function mapInPlace(t: Tensor, fn: Scalar | undefined): Tensor {
  if (!fn) return t;
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) d[i] = fn(d[i]);
    return t;
  }
  const v = Float32Array.from(computeView(t) as ArrayLike<number>, fn);
  return fromCompute(t.type, v, t.dims);
}
