// extended: recognizes scaled dot-product attention as exporters write it out,
//   Softmax(MatMul(Q, K^T) [* or / scalar] [+ mask], axis = last) · V
// with the scalar also accepted on Q or K^T, and K^T either any tensor or a Transpose of K
// swapping its last two axes. The chain becomes one onnx-ts.FusedAttention(Q, K, V, mask?),
// whose kernel never holds more than a band of one head's scores (ops/fused/fused-attention.ts).
// float32 only, and only where every value the chain removes has no other reader.
import { constantOf, consumersOf, hasSingleConsumer, intAttr, producersOf } from '../graph-edit.js';
import type { Dim, Graph, Node } from '../ir.js';
import type { ShapeInfo } from '../shape-inference.js';
import { graphShapes } from './graph-shapes.js';
import { isOp } from './pattern-match.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass, type PassContext } from './pass.js';

interface AttentionMatch {
  remove: Node[];
  /** The final MatMul, rewritten in place so the output keeps its name. */
  keep: Node;
  q: string;
  k: string;
  v: string;
  mask?: string;
  scale: number;
  kTransposed: boolean;
}

/** Value queries one match attempt needs, over one snapshot of the graph. */
class ChainReader {
  private readonly consumers: Map<string, Node[]>;
  private readonly producers: Map<string, Node>;

  constructor(private readonly graph: Graph, readonly shapes: Map<string, ShapeInfo>) {
    this.consumers = consumersOf(graph);
    this.producers = producersOf(graph);
  }

  /** The producer of `name` when the chain may absorb it: `name` has no other reader and is no graph output. */
  absorbable(name: string): Node | undefined {
    return hasSingleConsumer(this.graph, this.consumers, name) ? this.producers.get(name) : undefined;
  }

  /** The one node reading `name`, when it is the only reader and `name` is no graph output. */
  soleReader(name: string): Node | undefined {
    return hasSingleConsumer(this.graph, this.consumers, name) ? this.consumers.get(name)![0] : undefined;
  }

  rank(name: string): number | undefined {
    return this.shapes.get(name)?.dims?.length;
  }

  isFloat32(name: string): boolean {
    return this.shapes.get(name)?.type === 'float32';
  }

  /** For Mul or Div by a one-element float32 constant (not an overridable input): [the other input, factor]. */
  scalarFactor(n: Node): [string, number] | undefined {
    const div = isOp(n, 'Div');
    if (!div && !isOp(n, 'Mul')) return undefined;
    for (const side of div ? [1] : [1, 0]) {
      const name = n.inputs[side], other = n.inputs[1 - side];
      const t = constantOf(this.graph, name);
      if (!t || t.type !== 'float32' || t.size !== 1 || constantOf(this.graph, other)) continue;
      const v = (t.data as Float32Array)[0];
      const rank = this.rank(other);
      // a [1, 1, 1]-shaped "scalar" on a lower-rank tensor would add axes
      if (!Number.isFinite(v) || v === 0 || rank === undefined || t.dims.length > rank) continue;
      return [other, div ? 1 / v : v];
    }
    return undefined;
  }
}

interface Peeled {
  name: string;
  factor: number;
  nodes: Node[];
  /** Set when a Transpose swapping the last two axes was peeled. */
  transposed: boolean;
}

function swapsLastTwoAxes(n: Node, rank: number | undefined): boolean {
  if (rank === undefined || rank < 2) return false;
  const a = n.attributes.get('perm');
  const perm = a?.type === 'ints' ? a.value : [...Array(rank).keys()].reverse();
  return perm.length === rank && perm.every((p, i) => p === (i < rank - 2 ? i : i === rank - 2 ? rank - 1 : rank - 2));
}

/** Walks up from `name` through scalar Mul/Div (and, if `allowTranspose`, one last-two-axes Transpose). */
function peel(r: ChainReader, name: string, allowTranspose: boolean): Peeled {
  const out: Peeled = { name, factor: 1, nodes: [], transposed: false };
  for (;;) {
    const p = r.absorbable(out.name);
    if (!p) return out;
    const scalar = r.scalarFactor(p);
    if (scalar) {
      out.factor *= scalar[1];
      out.name = scalar[0];
    } else if (allowTranspose && !out.transposed && isOp(p, 'Transpose') && swapsLastTwoAxes(p, r.rank(p.inputs[0]))) {
      out.transposed = true;
      out.name = p.inputs[0];
    } else return out;
    out.nodes.push(p);
  }
}

/** scores = [scalar ·] MatMul(Q, K^T): the MatMul and the scale nodes above `name`. */
function scoresChain(r: ChainReader, name: string): { qk: Node; scale: Peeled } | undefined {
  const scale = peel(r, name, false);
  const qk = r.absorbable(scale.name);
  return qk && isOp(qk, 'MatMul') ? { qk, scale } : undefined;
}

/**
 * A mask dim fits when it broadcasts onto the score dim without widening it, or when either is
 * unknown here: the kernels then take every shape the unfused chain takes (a mask with more
 * query rows than one-row scores repeats the query row) and refuse the rest as it would.
 */
function maskDimFits(m: Dim, s: Dim): boolean {
  if (typeof m !== 'number' || typeof s !== 'number') return true;
  return m === 1 || m === s;
}

function matchAt(r: ChainReader, softmax: Node, opset: number): AttentionMatch | undefined {
  const x = softmax.inputs[0], probs = softmax.outputs[0];
  const rank = r.rank(x);
  if ((rank !== undefined && rank < 2) || !r.isFloat32(x)) return undefined;
  // before opset 13 Softmax flattens from `axis` on: the same as the last axis only when it is the last
  // (axis -1 is the last whatever the rank, which a mask of unknown shape leaves unknown)
  const axis = intAttr(softmax, 'axis', opset >= 13 ? -1 : 1);
  if (axis !== -1 && (rank === undefined || (axis < 0 ? axis + rank : axis) !== rank - 1)) return undefined;
  const pv = r.soleReader(probs);
  if (!pv || !isOp(pv, 'MatMul') || pv.inputs[0] !== probs) return undefined;
  const top = r.absorbable(x);
  if (!top) return undefined;
  let chain: ReturnType<typeof scoresChain>, mask: string | undefined, add: Node | undefined;
  if (isOp(top, 'Add')) {
    for (const side of [0, 1]) {
      chain = scoresChain(r, top.inputs[side]);
      if (chain) {
        [add, mask] = [top, top.inputs[1 - side]];
        break;
      }
    }
  } else chain = scoresChain(r, x);
  if (!chain) return undefined;
  const { qk } = chain;
  const q = peel(r, qk.inputs[0], false);
  const k = peel(r, qk.inputs[1], true);
  const v = pv.inputs[1];
  // float32 like the scores (MatMul, Add and Softmax keep one element type), and matrices
  if (![q.name, k.name, v].every((n) => (r.rank(n) ?? 0) >= 2)) return undefined;
  if (mask !== undefined && !maskFits(r, mask, qk.outputs[0])) return undefined;
  return {
    remove: [softmax, ...(add ? [add] : []), ...chain.scale.nodes, qk, ...q.nodes, ...k.nodes],
    keep: pv, q: q.name, k: k.name, v, mask,
    scale: chain.scale.factor * q.factor * k.factor,
    kTransposed: !k.transposed,
  };
}

function maskFits(r: ChainReader, mask: string, scores: string): boolean {
  const m = r.shapes.get(mask)?.dims, s = r.shapes.get(scores)?.dims;
  if (!m || !s) return true;
  return [1, 2].every((back) => back > m.length || maskDimFits(m[m.length - back], s[s.length - back]));
}

export function fuseAttentionIn(graph: Graph, ctx: PassContext): boolean {
  const opset = ctx.opsets.get('') ?? 1;
  let changed = false;
  for (;;) {
    // one rewrite per snapshot: each changes which values have single readers
    const r = new ChainReader(graph, graphShapes(graph, ctx.opsets));
    let match: AttentionMatch | undefined;
    for (const n of graph.nodes) if (isOp(n, 'Softmax') && (match = matchAt(r, n, opset))) break;
    if (!match) break;
    Object.assign(match.keep, {
      opType: 'FusedAttention', domain: FUSED_DOMAIN,
      inputs: [match.q, match.k, match.v, ...(match.mask !== undefined ? [match.mask] : [])],
      attributes: new Map([['scale', { type: 'float', value: match.scale }], ['k_transposed', { type: 'int', value: match.kTransposed ? 1 : 0 }]]),
    });
    const removed = new Set(match.remove);
    graph.nodes = graph.nodes.filter((n) => !removed.has(n));
    changed = true;
  }
  if (changed) ctx.opsets.set(FUSED_DOMAIN, 1);
  return changed;
}

export const fuseAttention: GraphPass = { name: 'fuse-attention', level: 'extended', run: fuseAttentionIn };
