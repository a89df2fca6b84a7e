// The ai.onnx ops onnxruntime's fusions are made of (Conv, Gemm, MatMul, MaxPool,
// LayerNormalization), looked up by (op, opset) in a registry of the nn family's definitions,
// so a fused node runs exactly the ONNX op it was fused from rather than a second copy of its
// loops.
import type { Tensor } from '../../data/tensor.js';
import type { Node } from '../../graph/ir.js';
import { AttributeReader } from '../attributes.js';
import { nnOps } from '../nn/index.js';
import { OpRegistry } from '../registry.js';
import type { KernelFn, KernelInput, OpContext, RuntimeContext } from '../types.js';

const onnxNnOps = new OpRegistry().register(...nnOps);

export interface BaseNodeShape {
  /** How many of the fused node's inputs the base op takes (the rest are the fusion's own). */
  inputs: number;
  /** Attributes of the fusion that the base op does not know. */
  drop?: readonly string[];
}

/**
 * The kernel of ai.onnx `opType` at `opset`, created for this node with its attributes (less
 * `drop`) and its first `shape.inputs` inputs.
 */
export function createOnnxBase(ctx: OpContext, opType: string, opset: number, shape: BaseNodeShape): KernelFn {
  const def = onnxNnOps.resolve('', opType, opset);
  if (!def) throw ctx.attrs.error(`needs ai.onnx ${opType} at opset ${opset}, which is not available`);
  const drop = new Set(shape.drop ?? []);
  const node: Node = {
    ...ctx.node,
    opType,
    domain: '',
    inputs: ctx.node.inputs.slice(0, shape.inputs),
    outputs: ctx.node.outputs.slice(0, 1),
    attributes: new Map([...ctx.node.attributes].filter(([k]) => !drop.has(k))),
  };
  return def.create({ ...ctx, node, opset, attrs: new AttributeReader(node) });
}

/**
 * Runs a base kernel and returns its first output. `rt` goes to the base only where its output
 * is the fused node's output 0 (so the planned memory of that output is the right place for it).
 */
export async function runBase(kernel: KernelFn, inputs: KernelInput[], rt: RuntimeContext | undefined): Promise<Tensor> {
  const r = await kernel(inputs, rt ?? { scope: EMPTY_SCOPE });
  return r[0] as Tensor;
}

const EMPTY_SCOPE = { get: () => undefined, has: () => false };
