import { defineOp } from '../define.js';
import { allocCompute, computeView, fromCompute, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';
import { readRows } from './ml-rows.js';
import { applyPostTransform, postTransformFromCode } from './post-transform.js';
import { type Aggregate, Mode, type TreeEnsembleModel, checkTreeStructure, runTreeEnsemble } from './tree-ensemble-engine.js';
import { ML_DOMAIN } from '../../data/domains.js';

const AGGREGATES: Aggregate[] = ['AVERAGE', 'SUM', 'MIN', 'MAX'];

const numbers = (t: Tensor) => Array.from(computeView(t) as ArrayLike<number>, Number);

function readModel(ctx: OpContext): TreeEnsembleModel {
  const a = ctx.attrs;
  const req = <T>(name: string, v: T | undefined) => a.required(name, v);
  const featureIds = req('nodes_featureids', a.ints('nodes_featureids'));
  const modes = numbers(req('nodes_modes', a.tensor('nodes_modes')));
  const splits = numbers(req('nodes_splits', a.tensor('nodes_splits')));
  const trueIds = req('nodes_truenodeids', a.ints('nodes_truenodeids'));
  const trueLeafs = req('nodes_trueleafs', a.ints('nodes_trueleafs'));
  const falseIds = req('nodes_falsenodeids', a.ints('nodes_falsenodeids'));
  const falseLeafs = req('nodes_falseleafs', a.ints('nodes_falseleafs'));
  const missing = a.ints('nodes_missing_value_tracks_true', []);
  const leafTargets = req('leaf_targetids', a.ints('leaf_targetids'));
  const leafWeights = numbers(req('leaf_weights', a.tensor('leaf_weights')));
  const roots = req('tree_roots', a.ints('tree_roots'));
  const membership = a.tensor('membership_values');
  const n = featureIds.length;
  for (const [name, list] of [['nodes_modes', modes], ['nodes_splits', splits], ['nodes_truenodeids', trueIds],
    ['nodes_trueleafs', trueLeafs], ['nodes_falsenodeids', falseIds], ['nodes_falseleafs', falseLeafs]] as const) {
    if (list.length !== n) throw a.error(`${name} has ${list.length} entries, expected ${n} like nodes_featureids`, name);
  }
  if (missing.length !== 0 && missing.length !== n) throw a.error(`nodes_missing_value_tracks_true must have ${n} entries`);
  if (leafTargets.length !== leafWeights.length) throw a.error('leaf_targetids and leaf_weights differ in length');
  const nTargets = a.int('n_targets') ?? leafTargets.reduce((m, v) => Math.max(m, v + 1), 1);

  // member sets, one per BRANCH_MEMBER node in node order, separated by NaN
  const members: (Set<number> | undefined)[] = new Array(n);
  const memberValues = membership ? numbers(membership) : [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (modes[i] < 0 || modes[i] > Mode.MEMBER) throw a.error(`node ${i} has unknown mode ${modes[i]}`, 'nodes_modes');
    if (modes[i] !== Mode.MEMBER) continue;
    if (at >= memberValues.length) throw a.error(`membership_values has no set for BRANCH_MEMBER node ${i}`, 'membership_values');
    const set = new Set<number>();
    while (at < memberValues.length && !Number.isNaN(memberValues[at])) set.add(memberValues[at++]);
    at++;
    members[i] = set;
  }

  const child = (id: number, leaf: number) => (leaf ? ~id : id);
  const model: TreeEnsembleModel = {
    mode: Uint8Array.from(modes),
    feature: Int32Array.from(featureIds),
    split: Float64Array.from(splits),
    missingTrue: Uint8Array.from(missing.length ? missing : new Array<number>(n).fill(0)),
    trueChild: Int32Array.from(trueIds, (id, i) => child(id, trueLeafs[i])),
    falseChild: Int32Array.from(falseIds, (id, i) => child(id, falseLeafs[i])),
    members,
    // a root whose two branches are the same leaf is a one-leaf tree
    roots: Int32Array.from(roots, (r) => (trueLeafs[r] && falseLeafs[r] && trueIds[r] === falseIds[r] ? ~trueIds[r] : r)),
    leafStart: Int32Array.from({ length: leafTargets.length + 1 }, (_, i) => i),
    contribTarget: Int32Array.from(leafTargets),
    contribWeight: Float64Array.from(leafWeights),
    nTargets,
  };
  checkTreeStructure(model, (msg) => a.error(msg));
  return model;
}

export const TreeEnsemble = [
  defineOp('TreeEnsemble', 5, (ctx) => {
    const model = readModel(ctx);
    const aggCode = ctx.attrs.int('aggregate_function', 1);
    const agg = AGGREGATES[aggCode];
    if (!agg) throw ctx.attrs.error(`aggregate_function must be 0..3, got ${aggCode}`, 'aggregate_function');
    const ptCode = ctx.attrs.int('post_transform', 0);
    const post = postTransformFromCode(ptCode);
    if (!post) throw ctx.attrs.error(`post_transform must be 0..4, got ${ptCode}`, 'post_transform');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      if (x.type !== 'float32' && x.type !== 'float64' && x.type !== 'float16') {
        throw new InvalidInputError(`TreeEnsemble: X must be float, double or float16, got ${x.type}`);
      }
      const rows = readRows('TreeEnsemble', x);
      const scores = runTreeEnsemble('TreeEnsemble', model, rows, agg);
      const T = model.nTargets;
      for (let r = 0; r < rows.n; r++) applyPostTransform(post, scores, r * T, T);
      const out = allocCompute(x.type, scores.length) as Float64Array;
      out.set(scores);
      return [fromCompute(x.type, out, [rows.n, T])];
    };
  }, ML_DOMAIN),
];
