// Evaluation of decision-tree ensembles, shared by TreeEnsemble (ai.onnx.ml 5) and the older
// TreeEnsembleRegressor/Classifier. Trees are flattened into typed arrays; a child reference
// c >= 0 is an interior node, c < 0 the leaf ~c. Each leaf holds a run of (target, weight)
// contributions.
import { InvalidInputError } from '../../data/errors.js';
import type { Rows } from './ml-rows.js';

/** Node comparison codes, as TreeEnsemble's nodes_modes numbers them. */
export const Mode = { LEQ: 0, LT: 1, GTE: 2, GT: 3, EQ: 4, NEQ: 5, MEMBER: 6 } as const;

export type Aggregate = 'SUM' | 'AVERAGE' | 'MIN' | 'MAX';

export interface TreeEnsembleModel {
  mode: Uint8Array;
  feature: Int32Array;
  split: Float64Array;
  missingTrue: Uint8Array;
  trueChild: Int32Array;
  falseChild: Int32Array;
  /** Member sets of BRANCH_MEMBER nodes, by node index. */
  members: (Set<number> | undefined)[];
  /** One entry per tree: its root (node index or ~leaf). */
  roots: Int32Array;
  /** Leaf l contributes contribTarget/Weight[leafStart[l] .. leafStart[l+1]). */
  leafStart: Int32Array;
  contribTarget: Int32Array;
  contribWeight: Float64Array;
  nTargets: number;
}

/** Throws (with `fail`) when a child is out of range or a tree loops back on itself. */
export function checkTreeStructure(m: TreeEnsembleModel, fail: (msg: string) => Error): void {
  const nNodes = m.mode.length;
  const nLeaves = m.leafStart.length - 1;
  const ok = (c: number) => (c >= 0 ? c < nNodes : ~c < nLeaves);
  for (let i = 0; i < nNodes; i++) {
    if (!ok(m.trueChild[i]) || !ok(m.falseChild[i])) throw fail(`node ${i} has a child out of range`);
  }
  for (const r of m.roots) if (!ok(r)) throw fail(`tree root ${r} is out of range`);
  for (let i = 0; i < m.contribTarget.length; i++) {
    const t = m.contribTarget[i];
    if (t < 0 || t >= m.nTargets) throw fail(`a leaf targets ${t}, outside [0, ${m.nTargets})`);
  }
  // depth-first colouring finds cycles, which would make evaluation loop forever
  const state = new Uint8Array(nNodes); // 0 new, 1 on the stack, 2 done
  for (const r of m.roots) {
    if (r < 0 || state[r] === 2) continue;
    const stack: [number, number][] = [[r, 0]];
    state[r] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, step] = top;
      if (step === 2) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const child = step === 0 ? m.trueChild[node] : m.falseChild[node];
      if (child < 0 || state[child] === 2) continue;
      if (state[child] === 1) throw fail(`the trees contain a cycle through node ${child}`);
      state[child] = 1;
      stack.push([child, 0]);
    }
  }
}

function maxFeature(m: TreeEnsembleModel): number {
  let max = -1;
  for (let i = 0; i < m.feature.length; i++) max = Math.max(max, m.feature[i]);
  return max;
}

/** The leaf that `row` reaches from `root`. */
function findLeaf(m: TreeEnsembleModel, root: number, data: ArrayLike<number>, offset: number): number {
  let v = root;
  while (v >= 0) {
    const x = data[offset + m.feature[v]];
    const s = m.split[v];
    let r: boolean;
    switch (m.mode[v]) {
      case Mode.LEQ: r = x <= s; break;
      case Mode.LT: r = x < s; break;
      case Mode.GTE: r = x >= s; break;
      case Mode.GT: r = x > s; break;
      case Mode.EQ: r = x === s; break;
      case Mode.NEQ: r = x !== s; break;
      default: r = m.members[v]!.has(x); break;
    }
    // a missing (NaN) feature goes where the node says
    if (!r && m.missingTrue[v] && x !== x) r = true;
    v = r ? m.trueChild[v] : m.falseChild[v];
  }
  return ~v;
}

/**
 * Scores [n, nTargets]: contributions of the reached leaves aggregated per target, then
 * `base` added. MIN/MAX targets that no leaf reached score 0 (before the base).
 */
export function runTreeEnsemble(op: string, m: TreeEnsembleModel, rows: Rows, agg: Aggregate, base?: ArrayLike<number>): Float64Array {
  const need = maxFeature(m) + 1;
  if (rows.c < need) throw new InvalidInputError(`${op}: the trees read feature ${need - 1} but X has ${rows.c} features`);
  const T = m.nTargets;
  const out = new Float64Array(rows.n * T);
  const seen = new Uint8Array(T);
  const nTrees = m.roots.length;
  for (let r = 0; r < rows.n; r++) {
    const o = r * T;
    seen.fill(0);
    for (let t = 0; t < nTrees; t++) {
      const leaf = findLeaf(m, m.roots[t], rows.data, r * rows.c);
      for (let k = m.leafStart[leaf]; k < m.leafStart[leaf + 1]; k++) {
        const target = m.contribTarget[k];
        const w = m.contribWeight[k];
        const at = o + target;
        if (agg === 'MIN') out[at] = seen[target] ? Math.min(out[at], w) : w;
        else if (agg === 'MAX') out[at] = seen[target] ? Math.max(out[at], w) : w;
        else out[at] += w;
        seen[target] = 1;
      }
    }
    if (agg === 'AVERAGE' && nTrees > 0) for (let j = 0; j < T; j++) out[o + j] /= nTrees;
    if (base) for (let j = 0; j < T; j++) out[o + j] += base[j] ?? 0;
  }
  return out;
}
