import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { readRows } from './ml-rows.js';
import { applyPostTransform, parsePostTransform } from './post-transform.js';
import { floatsOrTensor, readClassicTrees } from './tree-ensemble-classic.js';
import { type Aggregate, runTreeEnsemble } from './tree-ensemble-engine.js';
import { ML_DOMAIN } from '../../data/domains.js';

// Deprecated by TreeEnsemble in ai.onnx.ml 5; version 3 added the *_as_tensor attributes.
export const TreeEnsembleRegressor = [1, 3].map((since) =>
  defineOp('TreeEnsembleRegressor', since, (ctx) => {
    const aggName = ctx.attrs.string('aggregate_function', 'SUM');
    if (!['SUM', 'AVERAGE', 'MIN', 'MAX'].includes(aggName)) throw ctx.attrs.error(`unknown aggregate_function "${aggName}"`, 'aggregate_function');
    const postName = ctx.attrs.string('post_transform', 'NONE');
    const post = parsePostTransform(postName);
    if (!post) throw ctx.attrs.error(`unknown post_transform "${postName}"`, 'post_transform');
    const nTargets = ctx.attrs.int('n_targets', 1);
    const base = floatsOrTensor(ctx, 'base_values');
    if (base && base.length !== 0 && base.length !== nTargets) throw ctx.attrs.error(`base_values must have n_targets (${nTargets}) entries`, 'base_values');
    const model = readClassicTrees(ctx, 'target', nTargets);
    return (inputs) => {
      const rows = readRows('TreeEnsembleRegressor', tensorInput(inputs, 0, 'X'));
      const scores = runTreeEnsemble('TreeEnsembleRegressor', model, rows, aggName as Aggregate, base);
      for (let r = 0; r < rows.n; r++) applyPostTransform(post, scores, r * nTargets, nTargets);
      return [new Tensor('float32', Float32Array.from(scores), [rows.n, nTargets])];
    };
  }, ML_DOMAIN),
);
