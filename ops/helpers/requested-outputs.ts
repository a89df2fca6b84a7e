// Whether a node asks for an optional output, so kernels can skip computing the ones no
// consumer reads (omitted outputs are '' or absent from the node's output list).
import type { Node } from '../../graph/ir.js';

export function outputRequested(node: Node, index: number): boolean {
  return index < node.outputs.length && node.outputs[index] !== '';
}
