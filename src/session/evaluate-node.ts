// Runs a single node on constant inputs with the reference CPU kernels: the optimizer's
// constant folding uses it, so folded values are exactly what the node would compute.
import type { Node } from '../../graph/ir.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { Tensor } from '../../data/tensor.js';
import { cpuProvider } from '../providers/cpu/provider.js';
import { GraphScope } from './value-scope.js';

export async function evaluateNode(node: Node, inputs: (Tensor | undefined)[], opsets: ReadonlyMap<string, number>): Promise<Tensor[]> {
  const opset = opsets.get(node.domain) ?? 1;
  const def = cpuProvider.resolve(node.domain, node.opType, opset);
  if (!def) throw new Error(`no kernel for ${node.opType}`);
  const kernel = def.create({
    node,
    opset,
    attrs: new AttributeReader(node),
    compileSubgraph: () => { throw new Error('subgraphs are not folded'); },
  });
  const r = kernel(inputs, { scope: new GraphScope() });
  return (r instanceof Promise ? await r : r) as Tensor[];
}
