// Whether onnx-ts runs a model's ops, for `onnx-ts info` and `onnx-ts check`. The reference
// registry is the measure: the cpu provider runs it and comes last in every session, so an op it
// lacks fails session creation whatever the providers.
import type { Model, Node } from '../../graph/ir.js';
import { UnsupportedOperatorError } from '../../data/errors.js';
import { referenceOps } from '../../ops/all.js';
import { nearestOp } from '../session/nearest-op.js';

/** A reference kernel exists at `opset`, or the model defines the op as a local function (inlined when a session is made). */
export function isOpSupported(model: Model, domain: string, opType: string, opset: number): boolean {
  return model.functions.some((f) => f.name === opType && f.domain === domain) || !!referenceOps.resolve(domain, opType, opset);
}

/** The error session creation would raise for this node, with the supported versions or a near name. */
export function unsupportedOperator(node: Node, opset: number): UnsupportedOperatorError {
  const versions = referenceOps.versions(node.domain, node.opType);
  const suggestion = versions ? undefined : nearestOp(referenceOps.entries(), node.domain, node.opType);
  return new UnsupportedOperatorError(node.opType, node.domain, opset, node.name, versions, suggestion);
}
