import { defineOpVersions } from '../define.js';
import { readCondition } from './control-values.js';

// The versions only widen the accepted types (sequences from 13, optionals from 16); the
// branches may yield values of different shapes, so outputs are passed through as they are.
export const If = defineOpVersions('If', [1, 11, 13, 16, 19, 21, 23, 24, 25], (ctx) => {
  const thenBranch = ctx.compileSubgraph(ctx.attrs.required('then_branch', ctx.attrs.graph('then_branch')));
  const elseBranch = ctx.compileSubgraph(ctx.attrs.required('else_branch', ctx.attrs.graph('else_branch')));
  const outputs = ctx.node.outputs.length;
  for (const [name, b] of [['then_branch', thenBranch], ['else_branch', elseBranch]] as const) {
    if (b.outputNames.length < outputs) {
      throw ctx.attrs.error(`${name} has ${b.outputNames.length} outputs but the node has ${outputs}`, name);
    }
  }
  return (inputs, rt) => {
    const branch = readCondition(inputs[0], 'If condition') ? thenBranch : elseBranch;
    return branch.run([], rt);
  };
});
