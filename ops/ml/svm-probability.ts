// Platt-scaled pairwise probabilities combined into class probabilities (libsvm's method, as
// the ONNX-ML runtimes do it for SVMClassifier with prob_a / prob_b).
import { logistic } from './post-transform.js';

/** libsvm's multiclass_probability: solves for P from the k×k pairwise estimates R. */
function multiclassProbability(k: number, r: Float64Array): Float64Array {
  const maxIter = Math.max(100, k);
  const q = new Float64Array(k * k);
  const qp = new Float64Array(k);
  const p = new Float64Array(k).fill(1 / k);
  const eps = 0.005 / k;
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < t; j++) {
      q[t * k + t] += r[j * k + t] * r[j * k + t];
      q[t * k + j] = q[j * k + t];
    }
    for (let j = t + 1; j < k; j++) {
      q[t * k + t] += r[j * k + t] * r[j * k + t];
      q[t * k + j] = -r[j * k + t] * r[t * k + j];
    }
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let pqp = 0;
    for (let t = 0; t < k; t++) {
      qp[t] = 0;
      for (let j = 0; j < k; j++) qp[t] += q[t * k + j] * p[j];
      pqp += p[t] * qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(qp[t] - pqp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-qp[t] + pqp) / q[t * k + t];
      p[t] += diff;
      pqp = (pqp + diff * (diff * q[t * k + t] + 2 * qp[t])) / ((1 + diff) * (1 + diff));
      for (let j = 0; j < k; j++) {
        qp[j] = (qp[j] + diff * q[t * k + j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return p;
}

/** Class probabilities from the k(k−1)/2 pairwise decision values. */
export function svmProbabilities(scores: ArrayLike<number>, k: number, probA: number[], probB: number[]): Float64Array {
  const r = new Float64Array(k * k);
  let index = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++, index++) {
      const v = 1 - logistic(scores[index] * probA[index] + probB[index]);
      const clamped = Math.min(Math.max(v, 1e-7), 1 - 1e-7);
      r[i * k + j] = clamped;
      r[j * k + i] = 1 - clamped;
    }
  }
  return multiclassProbability(k, r);
}
