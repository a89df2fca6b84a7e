// What RNN, GRU and LSTM share: attributes, input shapes and layouts, the input projection
// X_t * W^T for every step at once, per-batch sequence lengths and direction, and the Y / Y_h
// outputs in either layout.
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { type FloatArray, floatData, floatTensor } from '../helpers/float-data.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { KernelInput, OpContext } from '../types.js';
import { type RnnActivation, resolveActivations } from './rnn-activations.js';

export interface RnnAttributes {
  hiddenSize: number;
  numDirections: number;
  /** Direction 0 runs backwards in time ('reverse'); direction 1 always does. */
  reverseFirst: boolean;
  /** 0: X is [seq, batch, input]; 1: [batch, seq, input] (outputs follow). */
  layout: number;
  clip: number | undefined;
  /** `perDirection` functions for direction 0, then for direction 1. */
  activations: RnnActivation[];
}

export function readRnnAttributes(ctx: OpContext, defaultActivations: string[]): RnnAttributes {
  const { attrs } = ctx;
  const hiddenSize = attrs.required('hidden_size', attrs.int('hidden_size'));
  if (hiddenSize <= 0) throw attrs.error(`hidden_size must be positive, got ${hiddenSize}`, 'hidden_size');
  const direction = attrs.string('direction', 'forward');
  if (direction !== 'forward' && direction !== 'reverse' && direction !== 'bidirectional') {
    throw attrs.error(`direction must be forward, reverse or bidirectional, got "${direction}"`, 'direction');
  }
  const numDirections = direction === 'bidirectional' ? 2 : 1;
  const layout = attrs.int('layout', 0);
  if (layout !== 0 && layout !== 1) throw attrs.error(`layout must be 0 or 1, got ${layout}`, 'layout');
  const clip = attrs.float('clip');
  if (clip !== undefined && !(clip > 0)) throw attrs.error(`clip must be positive, got ${clip}`, 'clip');
  const activations = resolveActivations(
    attrs.strings('activations'), attrs.floats('activation_alpha', []), attrs.floats('activation_beta', []),
    defaultActivations, numDirections, (msg) => attrs.error(msg, 'activations'),
  );
  return { hiddenSize, numDirections, reverseFirst: direction === 'reverse', layout, clip, activations };
}

export interface RnnProblem {
  type: DataType;
  seqLength: number;
  batch: number;
  inputSize: number;
  hidden: number;
  numDirections: number;
  layout: number;
  x: FloatArray;
  w: FloatArray;
  r: FloatArray;
  /** [numDirections, 2 * gates * hidden]: Wb then Rb; zeros when B is omitted. */
  b: ArrayLike<number>;
  /** Valid steps per batch entry (the full sequence when sequence_lens is omitted). */
  seqLens: Int32Array;
}

function expectDims(t: Tensor, dims: number[], what: string): void {
  if (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i])) {
    throw new InvalidInputError(`${what} must have shape [${dims}], got [${t.dims}]`);
  }
}

/** Reads and checks X, W, R, B and sequence_lens (inputs 0-4) for an op with `gates` gates. */
export function readRnnInputs(inputs: KernelInput[], a: RnnAttributes, gates: number): RnnProblem {
  const xT = tensorInput(inputs, 0, 'X');
  if (xT.dims.length !== 3) throw new InvalidInputError(`X must have rank 3, got shape [${xT.dims}]`);
  const [d0, d1, inputSize] = xT.dims;
  const [seqLength, batch] = a.layout === 0 ? [d0, d1] : [d1, d0];
  const h = a.hiddenSize, dirs = a.numDirections;
  const wT = tensorInput(inputs, 1, 'W');
  expectDims(wT, [dirs, gates * h, inputSize], 'W');
  const rT = tensorInput(inputs, 2, 'R');
  expectDims(rT, [dirs, gates * h, h], 'R');
  const bT = optionalTensorInput(inputs, 3);
  if (bT) expectDims(bT, [dirs, 2 * gates * h], 'B');
  const lensT = optionalTensorInput(inputs, 4);
  const seqLens = new Int32Array(batch).fill(seqLength);
  if (lensT) {
    expectDims(lensT, [batch], 'sequence_lens');
    readInts(lensT).forEach((len, i) => {
      if (len < 0 || len > seqLength) {
        throw new InvalidInputError(`sequence_lens[${i}] = ${len} is out of range [0, ${seqLength}]`);
      }
      seqLens[i] = len;
    });
  }
  return {
    type: xT.type, seqLength, batch, inputSize, hidden: h, numDirections: dirs, layout: a.layout,
    x: floatData(xT, 'X'), w: floatData(wT, 'W'), r: floatData(rT, 'R'),
    b: bT ? floatData(bT, 'B') : new Float64Array(dirs * 2 * gates * h),
    seqLens,
  };
}

/**
 * An initial state input (initial_h, initial_c) as [numDirections][batch][hidden], whatever
 * the layout; zeros when omitted.
 */
export function readInitialState(inputs: KernelInput[], index: number, p: RnnProblem, what: string): Float64Array {
  const out = new Float64Array(p.numDirections * p.batch * p.hidden);
  const t = optionalTensorInput(inputs, index);
  if (!t) return out;
  const dims = p.layout === 0 ? [p.numDirections, p.batch, p.hidden] : [p.batch, p.numDirections, p.hidden];
  expectDims(t, dims, what);
  const v = floatData(t, what);
  for (let d = 0; d < p.numDirections; d++) {
    for (let b = 0; b < p.batch; b++) {
      const src = (p.layout === 0 ? d * p.batch + b : b * p.numDirections + d) * p.hidden;
      out.set(v.subarray(src, src + p.hidden), (d * p.batch + b) * p.hidden);
    }
  }
  return out;
}

/** Row of X holding step t of batch entry b. */
export function xRow(p: RnnProblem, t: number, b: number): number {
  return p.layout === 0 ? t * p.batch + b : b * p.seqLength + t;
}

/**
 * X * W^T for every row of X (in X's own row order, see xRow), plus Wb and the first
 * `recurrentBiasGates` gates of Rb (GRU keeps its last recurrent bias apart).
 */
export function inputProjection(p: RnnProblem, dir: number, gates: number, recurrentBiasGates = gates): Float64Array {
  const width = gates * p.hidden;
  const rows = p.seqLength * p.batch;
  const out = new Float64Array(rows * width);
  matmulF64(p.x, 0, p.w, dir * width * p.inputSize, out, 0, rows, p.inputSize, width, true);
  const bias = new Float64Array(width);
  const bOff = dir * 2 * width;
  for (let j = 0; j < width; j++) {
    bias[j] = p.b[bOff + j] + (j < recurrentBiasGates * p.hidden ? p.b[bOff + width + j] : 0);
  }
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) out[o + j] += bias[j];
  }
  return out;
}

/** The time index step `step` of direction `dir` processes for batch entry b, or -1 past its length. */
export function timeAt(p: RnnProblem, reverse: boolean, step: number, b: number): number {
  const len = p.seqLens[b];
  if (step >= len) return -1;
  return reverse ? len - 1 - step : step;
}

export function clipInPlace(buf: Float64Array, off: number, len: number, clip: number | undefined): void {
  if (clip === undefined) return;
  for (let i = off; i < off + len; i++) {
    if (buf[i] > clip) buf[i] = clip;
    else if (buf[i] < -clip) buf[i] = -clip;
  }
}

/** Y ([seq][dir][batch][hidden], zero past each sequence's length) and final states. */
export class RnnOutputs {
  readonly y: Float64Array;
  readonly finals: Float64Array[];

  constructor(private readonly p: RnnProblem, finalStates: number) {
    this.y = new Float64Array(p.seqLength * p.numDirections * p.batch * p.hidden);
    this.finals = Array.from({ length: finalStates }, () => new Float64Array(p.numDirections * p.batch * p.hidden));
  }

  storeY(t: number, dir: number, b: number, src: Float64Array, srcOff: number): void {
    const { p } = this;
    this.y.set(src.subarray(srcOff, srcOff + p.hidden), ((t * p.numDirections + dir) * p.batch + b) * p.hidden);
  }

  /** Records a direction's final state `which` (0: Y_h, 1: Y_c) from [batch][hidden]. */
  storeFinal(which: number, dir: number, state: Float64Array): void {
    this.finals[which].set(state, dir * this.p.batch * this.p.hidden);
  }

  /** Y then the final states, transposed to layout 1 when asked. */
  tensors(): Tensor[] {
    const { p } = this;
    const { seqLength: s, numDirections: d, batch: n, hidden: h } = p;
    if (p.layout === 0) {
      return [floatTensor(p.type, this.y, [s, d, n, h]), ...this.finals.map((f) => floatTensor(p.type, f, [d, n, h]))];
    }
    const y = new Float64Array(this.y.length);
    for (let t = 0; t < s; t++) {
      for (let dir = 0; dir < d; dir++) {
        for (let b = 0; b < n; b++) {
          const src = ((t * d + dir) * n + b) * h;
          y.set(this.y.subarray(src, src + h), ((b * s + t) * d + dir) * h);
        }
      }
    }
    const finals = this.finals.map((f) => {
      const o = new Float64Array(f.length);
      for (let dir = 0; dir < d; dir++) {
        for (let b = 0; b < n; b++) o.set(f.subarray((dir * n + b) * h, (dir * n + b + 1) * h), (b * d + dir) * h);
      }
      return floatTensor(p.type, o, [n, d, h]);
    });
    return [floatTensor(p.type, y, [n, s, d, h]), ...finals];
  }
}
