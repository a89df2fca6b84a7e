// Tiny models around every op that computes an output shape (or a loop length) from data:
// ConstantOfShape, Tile, Expand, Resize, Upsample, Range, Pad, CenterCropPad, OneHot, Loop,
// Scan, sequences, TopK, Col2Im, MaxUnpool, ConvTranspose, pools, windows, DFT, STFT,
// MelWeightMatrix, TfIdfVectorizer, RandomNormal and com.microsoft GroupQueryAttention. The
// shape, repeats, scales, pads or count is huge, non-finite, negative or tiny, and comes from
// an initializer (so constant folding meets it at session creation) or from a feed (run time).
import { encodeModel } from '../graph/encode-model.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import type { Graph } from '../graph/ir.js';
import type { DataType } from '../data/dtype.js';
import { Tensor } from '../data/tensor.js';
import type { Prng } from './prng.js';

export interface ShapeBomb {
  /** The op under test and where its hostile value came from, e.g. "Tile (feed)". */
  name: string;
  bytes: Uint8Array;
  feeds: Record<string, Tensor>;
}

/** Counts and dimensions: past 2^31, past 2^32, past 2^53, int64's largest, and the edge cases. */
const HOSTILE_INTS = [2 ** 31, 2 ** 32 + 1, 65536 * 65536 * 4, 1e12, 2 ** 53 + 2, 2 ** 62, 9.2e18, -1, -(2 ** 40), 0, 3];
/** Scales, deltas and limits: non-finite, huge, tiny and negative. */
const HOSTILE_FLOATS = [Infinity, -Infinity, NaN, 1e30, 3.4e38, 1e12, 2 ** 31, 1e-12, -1e-12, 1e-30, 0, -2];

const INT64_MAX = 2n ** 63n - 1n;
const INT32_MAX = 2 ** 31 - 1;

function toInt64(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (v >= 2 ** 63) return INT64_MAX;
  if (v <= -(2 ** 63)) return -INT64_MAX - 1n;
  return BigInt(Math.trunc(v));
}

const i64 = (values: number[], dims = [values.length]) => new Tensor('int64', BigInt64Array.from(values, toInt64), dims);
const i32 = (values: number[], dims = [values.length]) => new Tensor('int32', Int32Array.from(values, (v) => Math.max(-INT32_MAX - 1, Math.min(INT32_MAX, Number.isNaN(v) ? 0 : v))), dims);
const f32 = (values: number[], dims = [values.length]) => new Tensor('float32', Float32Array.from(values), dims);

interface Ctx {
  b: GraphBuilder;
  rng: Prng;
  feeds: Record<string, Tensor>;
  /** The hostile value comes from a feed (run time) rather than an initializer (load time). */
  fromFeed: boolean;
  opsets: Record<string, number>;
}

/** A hostile tensor, as an initializer or as a graph input with its feed. */
function hostile(c: Ctx, name: string, t: Tensor): string {
  if (!c.fromFeed) return c.b.initializer(name, t);
  c.feeds[name] = t;
  return c.b.input(name, t.type, [...t.dims]);
}

/** A benign tensor: always an initializer. */
function constant(c: Ctx, name: string, t: Tensor): string {
  return c.b.initializer(name, t);
}

const bigInt = (c: Ctx) => c.rng.pick(HOSTILE_INTS);
const bigFloat = (c: Ctx) => c.rng.pick(HOSTILE_FLOATS);
/** Mostly small dims with one hostile entry, so a single product decides. */
function dimsWithOne(c: Ctx, n: number, small = 2): number[] {
  const dims = Array.from({ length: n }, () => small);
  dims[c.rng.int(n)] = bigInt(c);
  if (c.rng.int(3) === 0) dims[c.rng.int(n)] = bigInt(c);
  return dims;
}

function body(name: string, build: (g: GraphBuilder) => void): Graph {
  const g = new GraphBuilder(name);
  build(g);
  return g.graph();
}

function out(c: Ctx, name: string, type?: DataType): void {
  c.b.output(name, type);
}

type Spec = (c: Ctx) => void;

const SPECS: Record<string, Spec> = {
  ConstantOfShape: (c) => out(c, c.b.op('ConstantOfShape', [hostile(c, 'shape', i64(dimsWithOne(c, 1 + c.rng.int(3))))]), 'float32'),
  Tile: (c) => out(c, c.b.op('Tile', [constant(c, 'x', f32([1, 2, 3, 4], [2, 2])), hostile(c, 'repeats', i64(dimsWithOne(c, 2, 1)))]), 'float32'),
  Expand: (c) => out(c, c.b.op('Expand', [constant(c, 'x', f32([1], [1, 1])), hostile(c, 'shape', i64(dimsWithOne(c, 2 + c.rng.int(2), 1)))]), 'float32'),
  'Resize scales': (c) => {
    const s = bigFloat(c);
    const scales = f32([1, 1, s, c.rng.int(2) ? s : 2]);
    const mode = c.rng.pick(['nearest', 'linear', 'cubic']);
    out(c, c.b.op('Resize', [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 2, 2])), '', hostile(c, 'scales', scales)], { mode, antialias: c.rng.int(2) }), 'float32');
    c.opsets[''] = 19;
  },
  'Resize sizes': (c) => {
    const policy = c.rng.pick(['stretch', 'not_larger', 'not_smaller']);
    out(c, c.b.op('Resize', [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 2, 2])), '', '', hostile(c, 'sizes', i64([1, 1, ...dimsWithOne(c, 2)]))], { keep_aspect_ratio_policy: policy }), 'float32');
    c.opsets[''] = 19;
  },
  Upsample: (c) => {
    const s = bigFloat(c);
    out(c, c.b.op('Upsample', [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 2, 2])), hostile(c, 'scales', f32([1, 1, s, s]))]), 'float32');
    c.opsets[''] = 9;
  },
  'Range float': (c) => {
    const scalar = (v: number) => f32([v], []);
    out(c, c.b.op('Range', [hostile(c, 'start', scalar(c.rng.int(2) ? 0 : bigFloat(c))), hostile(c, 'limit', scalar(bigFloat(c))), hostile(c, 'delta', scalar(c.rng.pick([1e-12, 1e-30, 1, bigFloat(c)])))]), 'float32');
  },
  'Range int64': (c) => {
    const scalar = (v: number) => i64([v], []);
    out(c, c.b.op('Range', [hostile(c, 'start', scalar(c.rng.int(2) ? 0 : bigInt(c))), hostile(c, 'limit', scalar(bigInt(c))), hostile(c, 'delta', scalar(c.rng.pick([1, -1, 2, bigInt(c)])))]), 'int64');
  },
  Pad: (c) => {
    const mode = c.rng.pick(['constant', 'reflect', 'edge', 'wrap']);
    out(c, c.b.op('Pad', [constant(c, 'x', f32([1, 2, 3, 4], [2, 2])), hostile(c, 'pads', i64(dimsWithOne(c, 4, 1)))], { mode }), 'float32');
    c.opsets[''] = 19;
  },
  CenterCropPad: (c) => {
    out(c, c.b.op('CenterCropPad', [constant(c, 'x', f32([1, 2, 3, 4], [2, 2])), hostile(c, 'shape', i64(dimsWithOne(c, 2)))]), 'float32');
    c.opsets[''] = 18;
  },
  OneHot: (c) => out(c, c.b.op('OneHot', [constant(c, 'indices', i64([0, 1, 1])), hostile(c, 'depth', i64([bigInt(c)], [])), constant(c, 'values', f32([0, 1]))]), 'float32'),
  'Loop scan output': (c) => {
    // the condition is passed through (only the trip count ends the loop) or computed
    const computed = c.rng.int(2) === 1;
    const g = body('body', (x) => {
      x.input('i', 'int64', []);
      x.input('cond_in', 'bool', []);
      x.input('v', 'float32', [1]);
      if (computed) {
        x.initializer('zero', i64([0], []));
        x.node('GreaterOrEqual', ['i', 'zero'], {}, { outputs: ['cond_out'] });
      } else x.node('Identity', ['cond_in'], {}, { outputs: ['cond_out'] });
      x.node('Identity', ['v'], {}, { outputs: ['v_out'] });
      x.node('Neg', ['v'], {}, { outputs: ['scan'] });
      x.output('cond_out');
      x.output('v_out');
      x.output('scan', 'float32', [1]);
    });
    c.b.node('Loop', [hostile(c, 'M', i64([bigInt(c)], [])), '', constant(c, 'v0', f32([1]))], { body: g }, { outputs: ['v_final', 'scans'] });
    out(c, 'v_final');
    out(c, 'scans');
  },
  'Loop spin': (c) => {
    // nothing to stack: only the run's signal (or the trip count) ends it
    const g = body('body', (x) => {
      x.input('i', 'int64', []);
      x.input('cond_in', 'bool', []);
      x.input('v', 'float32', [1]);
      x.node('Identity', ['cond_in'], {}, { outputs: ['cond_out'] });
      x.node('Neg', ['v'], {}, { outputs: ['v_out'] });
      x.output('cond_out');
      x.output('v_out');
    });
    c.b.node('Loop', [hostile(c, 'M', i64([bigInt(c)], [])), '', constant(c, 'v0', f32([1]))], { body: g }, { outputs: ['v_final'] });
    out(c, 'v_final');
  },
  'Loop growing sequence': (c) => {
    const g = body('body', (x) => {
      x.input('i', 'int64', []);
      x.input('cond_in', 'bool', []);
      x.input('seq_in', 'float32');
      x.node('Identity', ['cond_in'], {}, { outputs: ['cond_out'] });
      x.node('Cast', ['i'], { to: 1 }, { outputs: ['i_f'] });
      x.node('SequenceInsert', ['seq_in', 'i_f'], {}, { outputs: ['seq_out'] });
      x.output('cond_out');
      x.output('seq_out');
    });
    // the body's carried input is a sequence
    g.inputs[2] = { name: 'seq_in', type: { kind: 'sequence', elem: { kind: 'tensor', elemType: 'float32' } } };
    c.b.node('SequenceEmpty', [], { dtype: 1 }, { outputs: ['empty'] });
    c.b.node('Loop', [hostile(c, 'M', i64([bigInt(c)], [])), '', 'empty'], { body: g }, { outputs: ['seq_final'] });
    c.b.output('seq_final');
  },
  Scan: (c) => {
    const g = body('body', (x) => {
      x.input('s', 'float32', [1]);
      x.input('e', 'float32', [1]);
      x.initializer('wide', i64(dimsWithOne(c, 1, 1)));
      x.node('Identity', ['s'], {}, { outputs: ['s_out'] });
      x.node('Expand', ['e', 'wide'], {}, { outputs: ['y'] });
      x.output('s_out');
      x.output('y');
    });
    c.b.node('Scan', [constant(c, 's0', f32([0])), constant(c, 'xs', f32(new Array(64).fill(1), [64, 1]))], { body: g, num_scan_inputs: 1 }, { outputs: ['s_final', 'ys'] });
    out(c, 's_final');
    out(c, 'ys');
  },
  SplitToSequence: (c) => {
    const long = c.b.op('Expand', [constant(c, 'x', f32([1])), hostile(c, 'n', i64([c.rng.pick([2 ** 20, 2 ** 24, 2 ** 27, bigInt(c)])]))]);
    c.b.output(c.b.op('SplitToSequence', [long]));
  },
  TopK: (c) => {
    c.b.node('TopK', [constant(c, 'x', f32([4, 3, 2, 1])), hostile(c, 'k', i64([bigInt(c)]))], {}, { outputs: ['values', 'indices'] });
    out(c, 'values', 'float32');
    out(c, 'indices', 'int64');
  },
  Col2Im: (c) => {
    const block = c.rng.int(2) ? [1, 1] : dimsWithOne(c, 2, 1);
    out(c, c.b.op('Col2Im', [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 4])), hostile(c, 'image', i64(dimsWithOne(c, 2))), hostile(c, 'block', i64(block))]), 'float32');
    c.opsets[''] = 18;
  },
  MaxUnpool: (c) => {
    out(c, c.b.op('MaxUnpool', [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 2, 2])), constant(c, 'idx', i64([0, 1, 2, 3], [1, 1, 2, 2])), hostile(c, 'shape', i64([1, 1, ...dimsWithOne(c, 2)]))], { kernel_shape: [2, 2], strides: [2, 2] }), 'float32');
  },
  ConvTranspose: (c) => {
    const attrs: Record<string, number[]> = c.rng.int(2) ? { output_shape: dimsWithOne(c, 2) } : { pads: [0, 0, 0, 0], strides: dimsWithOne(c, 2, 1) };
    out(c, c.b.op('ConvTranspose', [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 2, 2])), constant(c, 'w', f32([1, 1, 1, 1], [1, 1, 2, 2]))], attrs), 'float32');
  },
  'MaxPool pads': (c) => {
    out(c, c.b.op(c.rng.pick(['MaxPool', 'AveragePool']), [constant(c, 'x', f32([1, 2, 3, 4], [1, 1, 2, 2]))], { kernel_shape: [1, 1], pads: dimsWithOne(c, 4, 0) }), 'float32');
  },
  Window: (c) => {
    out(c, c.b.op(c.rng.pick(['HannWindow', 'HammingWindow', 'BlackmanWindow']), [hostile(c, 'size', i64([bigInt(c)], []))]), 'float32');
  },
  DFT: (c) => {
    out(c, c.b.op('DFT', [constant(c, 'x', f32([1, 2, 3, 4], [1, 4, 1])), hostile(c, 'len', i64([bigInt(c)], []))], { axis: 1 }), 'float32');
  },
  STFT: (c) => {
    const signal = constant(c, 'signal', f32(new Array(16).fill(1), [1, 16, 1]));
    out(c, c.b.op('STFT', [signal, hostile(c, 'step', i64([c.rng.pick([1, 2, bigInt(c)])], [])), '', hostile(c, 'frame', i64([bigInt(c)], []))]), 'float32');
  },
  MelWeightMatrix: (c) => {
    const scalar = (v: number) => i64([v], []);
    out(c, c.b.op('MelWeightMatrix', [
      hostile(c, 'bins', scalar(c.rng.int(2) ? 8 : bigInt(c))), hostile(c, 'dft', scalar(c.rng.int(2) ? 16 : bigInt(c))),
      constant(c, 'rate', scalar(8000)), constant(c, 'lo', f32([0], [])), hostile(c, 'hi', f32([c.rng.int(2) ? 4000 : bigFloat(c)], [])),
    ]), 'float32');
  },
  TfIdfVectorizer: (c) => {
    out(c, c.b.op('TfIdfVectorizer', [constant(c, 'x', i64([7, 7, 1, 2]))], {
      mode: 'TF', min_gram_length: 1, max_gram_length: 1, max_skip_count: 0, ngram_counts: [0], ngram_indexes: [Math.min(bigInt(c), 9e18)], pool_int64s: [7],
    }), 'float32');
  },
  RandomNormal: (c) => {
    out(c, c.b.op(c.rng.pick(['RandomNormal', 'RandomUniform']), [], { shape: dimsWithOne(c, 2).map((d) => Math.min(d, 9e18)) }), 'float32');
  },
  'GroupQueryAttention (com.microsoft)': (c) => {
    const q = constant(c, 'q', f32(new Array(8).fill(0.5), [1, 1, 8]));
    const kv = constant(c, 'kv', f32(new Array(8).fill(0.25), [1, 1, 8]));
    const past = constant(c, 'past', f32(new Array(8).fill(0.1), [1, 1, 1, 8]));
    const total = bigInt(c);
    c.b.node('GroupQueryAttention', [q, kv, kv, past, past, hostile(c, 'seqlens', i32([c.rng.int(2) ? 0 : total - 1])), hostile(c, 'total', i32([total], []))],
      { num_heads: 1, kv_num_heads: 1 }, { outputs: ['y', 'present_key', 'present_value'], domain: 'com.microsoft' });
    out(c, 'y', 'float32');
    out(c, 'present_key', 'float32');
    out(c, 'present_value', 'float32');
    c.opsets['com.microsoft'] = 1;
  },
};

export const SHAPE_BOMB_OPS = Object.keys(SPECS);

/** A tiny model around one shape-producing op, with a hostile value from an initializer or a feed. */
export function makeShapeBomb(rng: Prng): ShapeBomb {
  const op = rng.pick(SHAPE_BOMB_OPS);
  const c: Ctx = { b: new GraphBuilder('shape_bomb'), rng, feeds: {}, fromFeed: rng.int(2) === 1, opsets: { '': 17 } };
  SPECS[op](c);
  const bytes = encodeModel(c.b.model(c.opsets));
  return { name: `${op} (${c.fromFeed ? 'feed' : 'initializer'})`, bytes, feeds: c.feeds };
}
