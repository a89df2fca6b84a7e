// Softmax, LogSoftmax and Hardmax along one axis of data viewed as [outer, len, inner]
// (inner = 1 for the last axis or for the pre-13 "coerce to 2-D" semantics). Shared by the
// three ops, Attention and SoftmaxCrossEntropyLoss.

export type SoftmaxKind = 'softmax' | 'logsoftmax' | 'hardmax';

export function softmaxAlong(
  x: ArrayLike<number>, y: { [i: number]: number }, outer: number, len: number, inner: number, kind: SoftmaxKind,
): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * len * inner + j;
      if (kind === 'hardmax') {
        let best = 0, bestV = -Infinity;
        for (let i = 0; i < len; i++) {
          const v = x[base + i * inner];
          if (v > bestV) { bestV = v; best = i; }
        }
        for (let i = 0; i < len; i++) y[base + i * inner] = i === best ? 1 : 0;
        continue;
      }
      let max = -Infinity;
      for (let i = 0; i < len; i++) {
        const v = x[base + i * inner];
        if (v > max) max = v;
      }
      let sum = 0;
      if (kind === 'softmax') {
        for (let i = 0; i < len; i++) {
          const e = Math.exp(x[base + i * inner] - max);
          y[base + i * inner] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let i = 0; i < len; i++) y[base + i * inner] *= inv;
      } else {
        for (let i = 0; i < len; i++) sum += Math.exp(x[base + i * inner] - max);
        const logSum = Math.log(sum) + max;
        for (let i = 0; i < len; i++) y[base + i * inner] = x[base + i * inner] - logSum;
      }
    }
  }
}
