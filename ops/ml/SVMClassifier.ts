import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { classLabels } from './class-labels.js';
import { readRows } from './ml-rows.js';
import { type PostTransform, applyPostTransform, logistic, parsePostTransform, probit } from './post-transform.js';
import { svmProbabilities } from './svm-probability.js';
import { linearKernel, readSvmKernel } from './svm-kernel.js';
import { ML_DOMAIN } from '../../data/domains.js';

/**
 * The Z row from the raw scores. A single score is widened to two columns for binary models
 * ([1 − s, s], or [−s, s] through the transform), following the ONNX-ML runtimes.
 */
function writeScores(scores: number[], post: PostTransform, secondClass: boolean): number[] {
  if (scores.length >= 2) {
    const v = Float64Array.from(scores);
    applyPostTransform(post, v, 0, v.length);
    return Array.from(v);
  }
  const s = scores[0];
  if (post === 'PROBIT') return [probit(s)];
  if (!secondClass) return [s];
  if (post === 'LOGISTIC') return [logistic(-s), logistic(s)];
  const pair = Float64Array.of(-s, s);
  applyPostTransform(post, pair, 0, 2);
  return Array.from(pair);
}

const argmax = (v: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
};

// One-vs-one voting over support vectors (vectors_per_class set), or one linear score per
// class (no support vectors). prob_a/prob_b turn the pairwise scores into probabilities.
export const SVMClassifier = [
  defineOp('SVMClassifier', 1, (ctx) => {
    const { kernel } = readSvmKernel(ctx);
    const coef = ctx.attrs.floats('coefficients', []);
    const sv = ctx.attrs.floats('support_vectors', []);
    const rho = ctx.attrs.floats('rho', [0]);
    const perClass = ctx.attrs.ints('vectors_per_class', []);
    const probA = ctx.attrs.floats('prob_a', []);
    const probB = ctx.attrs.floats('prob_b', []);
    const postName = ctx.attrs.string('post_transform', 'NONE');
    const post = parsePostTransform(postName);
    if (!post) throw ctx.attrs.error(`unknown post_transform "${postName}"`, 'post_transform');
    const labels = classLabels(ctx, 'classlabels_ints');
    const classes = Math.max(labels.count, 1);
    const starts: number[] = [];
    let vectors = 0;
    for (const v of perClass) { starts.push(vectors); vectors += v; }
    const svc = vectors > 0;
    if (svc && (perClass.length !== classes || sv.length % vectors !== 0 || coef.length < (classes - 1) * vectors)) {
      throw ctx.attrs.error('vectors_per_class, support_vectors and coefficients do not describe the classes consistently');
    }
    const pairs = (classes * (classes - 1)) / 2;
    if (svc && rho.length < pairs) throw ctx.attrs.error(`rho needs ${pairs} values, got ${rho.length}`, 'rho');
    const hasProba = svc && probA.length > 0;
    if (hasProba && (probA.length < pairs || probB.length < pairs)) throw ctx.attrs.error(`prob_a and prob_b need ${pairs} values`);
    const allPositive = coef.every((v) => v >= 0);
    const features = svc ? sv.length / vectors : coef.length / classes;

    return (inputs) => {
      const { n, c, data } = readRows('SVMClassifier', tensorInput(inputs, 0, 'X'));
      if (c !== features) throw new InvalidInputError(`SVMClassifier: X has ${c} features, the model ${features}`);
      const labelIdx: number[] = [];
      const rawLabel: number[] = [];
      const zRows: number[][] = [];
      const kern = new Float64Array(vectors);
      for (let r = 0; r < n; r++) {
        let scores: number[] = [];
        let votes: Float64Array | undefined;
        if (svc) {
          for (let j = 0; j < vectors; j++) kern[j] = kernel(data, r * c, sv, j * c, c);
          votes = new Float64Array(classes);
          let e = 0;
          for (let i = 0; i < classes; i++) {
            for (let j = i + 1; j < classes; j++, e++) {
              let s = rho[e];
              for (let k = 0; k < perClass[i]; k++) s += coef[(j - 1) * vectors + starts[i] + k] * kern[starts[i] + k];
              for (let k = 0; k < perClass[j]; k++) s += coef[i * vectors + starts[j] + k] * kern[starts[j] + k];
              scores.push(s);
              votes[s > 0 ? i : j]++;
            }
          }
        } else {
          for (let j = 0; j < classes; j++) scores.push(rho[0] + linearKernel(data, r * c, coef, j * c, c));
        }
        if (hasProba) scores = Array.from(svmProbabilities(scores, classes, probA, probB));
        const weights = votes ?? scores;
        const maxClass = argmax(weights);
        const maxWeight = weights[maxClass] ?? 0;
        let secondClass = false;
        if (rho.length === 1 && labels.count === 2) {
          secondClass = true;
          labelIdx.push(!hasProba && allPositive && maxWeight >= 0.5 ? 1 : maxClass);
        } else if (rho.length === 1) {
          // a binary model without two labels answers 1 or 0
          rawLabel[r] = maxWeight > 0 ? 1 : 0;
          labelIdx.push(-1);
        } else {
          labelIdx.push(maxClass);
        }
        zRows.push(writeScores(scores, post, secondClass));
      }
      const width = zRows[0]?.length ?? (svc && !hasProba ? pairs : classes);
      const z = new Float32Array(n * width);
      zRows.forEach((row, r) => z.set(row, r * width));
      const pick = (r: number) => (labelIdx[r] < 0 ? rawLabel[r] : labelIdx[r]);
      const y = labels.strings
        ? new Tensor('string', Array.from({ length: n }, (_, r) => labels.strings![pick(r)] ?? String(pick(r))), [n])
        : new Tensor('int64', BigInt64Array.from({ length: n }, (_, r) => BigInt(labelIdx[r] < 0 ? rawLabel[r] : labels.ints?.[pick(r)] ?? pick(r))), [n]);
      return [y, new Tensor('float32', z, [n, width])];
    };
  }, ML_DOMAIN),
];
