// The activation functions RNN, GRU and LSTM accept by name, with their optional alpha and
// beta (defaults as in the same-named ONNX operators). Each applies in place to a gate vector.

export type RnnActivation = (buf: Float64Array, off: number, len: number) => void;

const NEEDS_ALPHA = new Set(['affine', 'leakyrelu', 'thresholdedrelu', 'scaledtanh', 'hardsigmoid', 'elu']);
const NEEDS_BETA = new Set(['affine', 'scaledtanh', 'hardsigmoid']);
const DEFAULT_ALPHA: Record<string, number> = {
  affine: 1, leakyrelu: 0.01, thresholdedrelu: 1, scaledtanh: 1, hardsigmoid: 0.2, elu: 1,
};
const DEFAULT_BETA: Record<string, number> = { affine: 0, scaledtanh: 1, hardsigmoid: 0.5 };

function sigmoid(x: number): number {
  // split by sign so exp never overflows
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The activation named `name` (case-insensitive); undefined for an unknown name. */
export function rnnActivation(name: string, alpha?: number, beta?: number): RnnActivation | undefined {
  const key = name.toLowerCase();
  const a = alpha ?? DEFAULT_ALPHA[key] ?? 0;
  const b = beta ?? DEFAULT_BETA[key] ?? 0;
  // one loop per function keeps the per-element work free of indirect calls
  switch (key) {
    case 'sigmoid': return (buf, off, len) => { for (let i = off; i < off + len; i++) buf[i] = sigmoid(buf[i]); };
    case 'tanh': return (buf, off, len) => { for (let i = off; i < off + len; i++) buf[i] = Math.tanh(buf[i]); };
    case 'relu': return (buf, off, len) => { for (let i = off; i < off + len; i++) if (buf[i] < 0) buf[i] = 0; };
    case 'affine': return (buf, off, len) => { for (let i = off; i < off + len; i++) buf[i] = a * buf[i] + b; };
    case 'leakyrelu': return (buf, off, len) => { for (let i = off; i < off + len; i++) if (buf[i] < 0) buf[i] *= a; };
    case 'thresholdedrelu': return (buf, off, len) => { for (let i = off; i < off + len; i++) if (!(buf[i] > a)) buf[i] = 0; };
    case 'scaledtanh': return (buf, off, len) => { for (let i = off; i < off + len; i++) buf[i] = a * Math.tanh(b * buf[i]); };
    case 'hardsigmoid': return (buf, off, len) => { for (let i = off; i < off + len; i++) buf[i] = Math.max(0, Math.min(1, a * buf[i] + b)); };
    case 'elu': return (buf, off, len) => { for (let i = off; i < off + len; i++) if (buf[i] < 0) buf[i] = a * Math.expm1(buf[i]); };
    case 'softsign': return (buf, off, len) => { for (let i = off; i < off + len; i++) buf[i] /= 1 + Math.abs(buf[i]); };
    case 'softplus': return (buf, off, len) => {
      for (let i = off; i < off + len; i++) {
        const x = buf[i];
        buf[i] = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      }
    };
    default: return undefined;
  }
}

/**
 * Resolves the `activations` list: the given names, or the op's defaults for each direction.
 * alpha and beta values are consumed in order by the functions that take them.
 */
export function resolveActivations(
  names: string[] | undefined, alphas: number[], betas: number[], defaults: string[], numDirections: number,
  fail: (msg: string) => Error,
): RnnActivation[] {
  let list = names && names.length > 0 ? names : Array.from({ length: numDirections }, () => defaults).flat();
  // a single direction's worth serves both directions of a bidirectional op
  if (list.length === defaults.length && numDirections === 2) list = [...list, ...list];
  if (list.length !== defaults.length * numDirections) {
    throw fail(`activations must list ${defaults.length * numDirections} functions (${defaults.length} per direction), got ${list.length}`);
  }
  let ai = 0, bi = 0;
  return list.map((name) => {
    const key = name.toLowerCase();
    const alpha = NEEDS_ALPHA.has(key) && ai < alphas.length ? alphas[ai++] : undefined;
    const beta = NEEDS_BETA.has(key) && bi < betas.length ? betas[bi++] : undefined;
    const f = rnnActivation(name, alpha, beta);
    if (!f) throw fail(`unsupported activation function "${name}"`);
    return f;
  });
}
