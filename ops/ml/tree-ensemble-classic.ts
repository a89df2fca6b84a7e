// Reads the node/leaf attributes of TreeEnsembleRegressor and TreeEnsembleClassifier (ai.onnx.ml
// 1 and 3): nodes are addressed by (tree id, node id), modes are strings with 'LEAF' for leaves,
// and leaf contributions are listed separately as (tree id, node id, target or class, weight).
import { computeView } from '../helpers/values.js';
import type { OpContext } from '../types.js';
import { Mode, type TreeEnsembleModel, checkTreeStructure } from './tree-ensemble-engine.js';

const MODES: Record<string, number> = {
  BRANCH_LEQ: Mode.LEQ, BRANCH_LT: Mode.LT, BRANCH_GTE: Mode.GTE, BRANCH_GT: Mode.GT,
  BRANCH_EQ: Mode.EQ, BRANCH_NEQ: Mode.NEQ,
};

/** A float list attribute, or its double `_as_tensor` form (ai.onnx.ml 3). */
export function floatsOrTensor(ctx: OpContext, name: string): number[] | undefined {
  const t = ctx.attrs.tensor(`${name}_as_tensor`);
  if (t) return Array.from(computeView(t) as ArrayLike<number>, Number);
  return ctx.attrs.floats(name);
}

/** `prefix` is 'target' (regressor) or 'class' (classifier). */
export function readClassicTrees(ctx: OpContext, prefix: 'target' | 'class', nTargets: number): TreeEnsembleModel {
  const a = ctx.attrs;
  const treeIds = a.ints('nodes_treeids', []);
  const nodeIds = a.ints('nodes_nodeids', []);
  const featureIds = a.ints('nodes_featureids', []);
  const modes = a.strings('nodes_modes', []);
  const values = floatsOrTensor(ctx, 'nodes_values') ?? [];
  const trueIds = a.ints('nodes_truenodeids', []);
  const falseIds = a.ints('nodes_falsenodeids', []);
  const missing = a.ints('nodes_missing_value_tracks_true', []);
  const n = treeIds.length;
  const lists: [string, unknown[]][] = [['nodes_nodeids', nodeIds], ['nodes_featureids', featureIds], ['nodes_modes', modes],
    ['nodes_values', values], ['nodes_truenodeids', trueIds], ['nodes_falsenodeids', falseIds]];
  for (const [name, list] of lists) {
    if (list.length !== n) throw a.error(`${name} has ${list.length} entries, expected ${n} like nodes_treeids`, name);
  }
  if (missing.length !== 0 && missing.length !== n) throw a.error(`nodes_missing_value_tracks_true must have ${n} entries`);

  const key = (tree: number, node: number) => `${tree}:${node}`;
  const index = new Map<string, number>();
  treeIds.forEach((t, i) => {
    if (index.has(key(t, nodeIds[i]))) throw a.error(`node ${nodeIds[i]} of tree ${t} is listed twice`);
    index.set(key(t, nodeIds[i]), i);
  });
  const isLeaf = modes.map((m, i) => {
    if (m === 'LEAF') return true;
    if (!(m in MODES)) throw a.error(`node ${i} has unknown mode "${m}"`, 'nodes_modes');
    return false;
  });
  // every node index doubles as a leaf index, so a LEAF node i is the leaf ~i
  const ref = (tree: number, node: number, from: number) => {
    const i = index.get(key(tree, node));
    if (i === undefined) throw a.error(`node ${from} points to node ${node}, which tree ${tree} does not have`);
    return isLeaf[i] ? ~i : i;
  };
  const trueChild = new Int32Array(n);
  const falseChild = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (isLeaf[i]) continue;
    trueChild[i] = ref(treeIds[i], trueIds[i], i);
    falseChild[i] = ref(treeIds[i], falseIds[i], i);
  }
  // each tree starts at its first listed node; trees are taken in ascending id order
  const firstOf = new Map<number, number>();
  treeIds.forEach((t, i) => { if (!firstOf.has(t)) firstOf.set(t, i); });
  const roots = [...firstOf.keys()].sort((x, y) => x - y).map((t) => {
    const i = firstOf.get(t)!;
    return isLeaf[i] ? ~i : i;
  });

  const cTrees = a.ints(`${prefix}_treeids`, []);
  const cNodes = a.ints(`${prefix}_nodeids`, []);
  const cIds = a.ints(`${prefix}_ids`, []);
  const cWeights = floatsOrTensor(ctx, `${prefix}_weights`) ?? [];
  if (cNodes.length !== cTrees.length || cIds.length !== cTrees.length || cWeights.length !== cTrees.length) {
    throw a.error(`${prefix}_treeids, ${prefix}_nodeids, ${prefix}_ids and ${prefix}_weights must have the same length`);
  }
  // group the contributions by the node they belong to
  const byNode: number[][] = Array.from({ length: n }, () => []);
  cTrees.forEach((t, k) => {
    const i = index.get(key(t, cNodes[k]));
    if (i === undefined) throw a.error(`a ${prefix} weight refers to node ${cNodes[k]} of tree ${t}, which does not exist`);
    byNode[i].push(k);
  });
  const leafStart = new Int32Array(n + 1);
  const contribTarget = new Int32Array(cTrees.length);
  const contribWeight = new Float64Array(cTrees.length);
  let at = 0;
  for (let i = 0; i < n; i++) {
    leafStart[i] = at;
    for (const k of byNode[i]) {
      contribTarget[at] = cIds[k];
      contribWeight[at] = cWeights[k];
      at++;
    }
  }
  leafStart[n] = at;

  const model: TreeEnsembleModel = {
    mode: Uint8Array.from(modes, (m) => MODES[m] ?? 0),
    feature: Int32Array.from(featureIds, (f, i) => (isLeaf[i] ? 0 : f)),
    split: Float64Array.from(values),
    missingTrue: Uint8Array.from(missing.length ? missing : new Array<number>(n).fill(0)),
    trueChild,
    falseChild,
    members: [],
    roots: Int32Array.from(roots),
    leafStart,
    contribTarget,
    contribWeight,
    nTargets,
  };
  checkTreeStructure(model, (msg) => a.error(msg));
  return model;
}
