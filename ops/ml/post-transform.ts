// The score transforms of the ai.onnx.ml classifiers and regressors, applied per row of
// scores in place: NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO (zeros stay zero), PROBIT.

export type PostTransform = 'NONE' | 'SOFTMAX' | 'LOGISTIC' | 'SOFTMAX_ZERO' | 'PROBIT';

const NAMES: PostTransform[] = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'];

/** Reads the string spelling (classic ops) of post_transform; undefined if unknown. */
export function parsePostTransform(name: string): PostTransform | undefined {
  return (NAMES as string[]).includes(name) ? (name as PostTransform) : undefined;
}

/** The integer spelling of TreeEnsemble (ai.onnx.ml 5): 0 NONE ... 4 PROBIT. */
export function postTransformFromCode(code: number): PostTransform | undefined {
  return NAMES[code];
}

export function logistic(v: number): number {
  // written to stay accurate for large |v|
  const e = 1 / (1 + Math.exp(-Math.abs(v)));
  return v < 0 ? 1 - e : e;
}

/**
 * erf⁻¹ by Winitzki's approximation (a = 0.147): what the ONNX-ML runtimes use for PROBIT,
 * so their scores and ours agree.
 */
function erfInv(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = (1 - x) * (1 + x);
  if (t === 0) return 0;
  const ln = Math.log(t);
  const v = 2 / (Math.PI * 0.147) + 0.5 * ln;
  const v2 = (1 / 0.147) * ln;
  return sign * Math.sqrt(-v + Math.sqrt(v * v - v2));
}

export function probit(v: number): number {
  return Math.SQRT2 * erfInv(2 * v - 1);
}

/** Applies `t` to scores[start, start + len). */
export function applyPostTransform(t: PostTransform, scores: Float64Array | Float32Array, start: number, len: number): void {
  const end = start + len;
  switch (t) {
    case 'NONE':
      return;
    case 'LOGISTIC':
      for (let i = start; i < end; i++) scores[i] = logistic(scores[i]);
      return;
    case 'PROBIT':
      for (let i = start; i < end; i++) scores[i] = probit(scores[i]);
      return;
    case 'SOFTMAX': {
      let max = -Infinity;
      for (let i = start; i < end; i++) max = Math.max(max, scores[i]);
      let sum = 0;
      for (let i = start; i < end; i++) sum += (scores[i] = Math.exp(scores[i] - max));
      for (let i = start; i < end; i++) scores[i] /= sum;
      return;
    }
    case 'SOFTMAX_ZERO': {
      let max = -Infinity;
      for (let i = start; i < end; i++) max = Math.max(max, scores[i]);
      let sum = 0;
      for (let i = start; i < end; i++) {
        const v = scores[i];
        scores[i] = Math.abs(v) > 1e-7 ? Math.exp(v - max) : 0;
        sum += scores[i];
      }
      if (sum === 0) for (let i = start; i < end; i++) scores[i] = 0.5;
      else for (let i = start; i < end; i++) scores[i] /= sum;
      return;
    }
  }
}
