// MatMul / Gemm / FusedMatMul / FusedGemm as one kernel: C = alpha * op(A) op(B) + beta * bias,
// then the fused activation. One thread per output element; batch dims broadcast. The dot
// product is unrolled by 4 so the GPU issues independent loads, and consecutive threads share
// a row of A (WebGPU dispatches 64 neighbouring outputs per workgroup, so a tile of A's row
// and of B's columns is read through the cache once per workgroup).
import type { Activation } from '../../data/activation.js';
import { activationCode, activationKey } from './activation-code.js';
import { type GpuKernelSpec, broadcastStrides, coords, kernelSource, lit, offset, product, shapeKey } from './kernel-spec.js';

export interface MatMulOptions {
  /** Gemm's transA/transB (A is K x M, B is N x K). */
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
  beta?: number;
  /** Dims of the bias (Gemm's C, FusedMatMul's input 2), broadcast onto the output. */
  biasDims?: readonly number[];
  activation?: Activation;
}

export interface MatMulPlan {
  spec: GpuKernelSpec;
  outDims: number[];
}

/** Plans op(A) [.., M, K] x op(B) [.., K, N]; A/B of rank 1 are promoted as numpy does. Returns undefined when the shapes do not multiply. */
export function planMatMul(aDims: readonly number[], bDims: readonly number[], o: MatMulOptions = {}): MatMulPlan | undefined {
  const a = aDims.length === 1 ? [1, aDims[0]] : [...aDims];
  const b = bDims.length === 1 ? [bDims[0], 1] : [...bDims];
  if (a.length < 2 || b.length < 2) return undefined;
  const [ar, ac] = a.slice(-2), [br, bc] = b.slice(-2);
  const M = o.transA ? ac : ar, K = o.transA ? ar : ac;
  const N = o.transB ? br : bc, Kb = o.transB ? bc : br;
  if (K !== Kb) return undefined;
  const aBatch = a.slice(0, -2), bBatch = b.slice(0, -2);
  const rank = Math.max(aBatch.length, bBatch.length);
  const batch: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = aBatch[i - rank + aBatch.length] ?? 1, db = bBatch[i - rank + bBatch.length] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    batch.push(da === 1 ? db : da);
  }
  const full = [...batch, M, N];
  const outDims = [...batch, ...(aDims.length === 1 ? [] : [M]), ...(bDims.length === 1 ? [] : [N])];
  const size = product(full);

  // element (m, k) of op(A) sits at aBase + m * sAm + k * sAk; (k, n) of op(B) at bBase + k * sBk + n * sBn
  const sAm = o.transA ? 1 : K, sAk = o.transA ? M : 1;
  const sBk = o.transB ? 1 : N, sBn = o.transB ? K : 1;
  const aBatchStrides = broadcastStrides(aBatch, batch).map((s) => s * M * K);
  const bBatchStrides = broadcastStrides(bBatch, batch).map((s) => s * K * N);
  const r = batch.length;
  const body: string[] = [
    'const i = this.thread.x;',
    coords('o', 'i', full),
    `const aOff = ${offset('o', aBatchStrides)} + o${r} * ${sAm};`,
    `const bOff = ${offset('o', bBatchStrides)} + o${r + 1} * ${sBn};`,
    'let s = 0;',
  ];
  const K4 = K - (K % 4);
  if (K4 > 0) {
    const at = (j: number, stride: number) => (j === 0 ? `k * ${stride}` : `(k + ${j}) * ${stride}`).replace(/ \* 1$/, '');
    const term = (j: number) => `a[aOff + ${at(j, sAk)}] * b[bOff + ${at(j, sBk)}]`;
    body.push(`for (let k = 0; k < ${K4}; k += 4) {\n    s += ${[0, 1, 2, 3].map(term).join(' + ')};\n  }`);
  }
  for (let k = K4; k < K; k++) body.push(`s += a[aOff + ${k * sAk}] * b[bOff + ${k * sBk}];`);
  const alpha = o.alpha ?? 1, beta = o.beta ?? 1;
  if (alpha !== 1) body.push(`s = s * ${lit(alpha)};`);
  const args = ['a', 'b'];
  if (o.biasDims && beta !== 0) {
    const biasAt = biasOffset(o.biasDims, outDims, full);
    if (biasAt === undefined) return undefined;
    args.push('c');
    body.push(`s = s + ${beta === 1 ? '' : `${lit(beta)} * `}c[${biasAt}];`);
  }
  body.push(activationCode(o.activation, 's'), 'return s;');
  const key = ['matmul', shapeKey(aDims), shapeKey(bDims), o.transA ? 'tA' : '', o.transB ? 'tB' : '', alpha, beta,
    o.biasDims ? shapeKey(o.biasDims) : '-', activationKey(o.activation)].join(':');
  return { spec: { key, source: kernelSource(args, body.join('\n  ')), outputSize: size, loopMax: K }, outDims };
}

/** The bias element for output coords o* (of `full`, which has outDims' layout). */
function biasOffset(biasDims: readonly number[], outDims: readonly number[], full: readonly number[]): string | undefined {
  const size = product(biasDims);
  if (size === 1) return '0';
  if (biasDims.length <= outDims.length && biasDims.every((d, i) => d === outDims[outDims.length - biasDims.length + i])
    && size === full[full.length - 1] && biasDims.slice(0, -1).every((d) => d === 1)) {
    return `o${full.length - 1}`;
  }
  // general broadcast needs coordinates of outDims itself, which `full` has unless an operand was 1-D
  if (full.length !== outDims.length) return undefined;
  return offset('o', broadcastStrides(biasDims, outDims));
}
