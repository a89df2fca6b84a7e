// Fused ops in our own domain ('onnx-ts'), created by the optimizer. Each runs the ONNX op it
// was fused from, then the epilogue (bias, activation), so every provider can execute it even
// without a kernel that fuses natively.
import type { Node } from '../../graph/ir.js';
import type { Tensor } from '../../data/tensor.js';
import { AttributeReader } from '../attributes.js';
import { defineOp } from '../define.js';
import type { KernelFn, OpContext, OpDefinition } from '../types.js';
import { applyActivation, readActivation } from './activation.js';
import { FusedConv, FusedGemm, FusedMatMul } from './epilogue-kernels.js';
import { FusedAttention } from './fused-attention.js';
import { FUSED_DOMAIN } from '../../data/domains.js';


export type BaseResolver = (opType: string, opset: number) => OpDefinition | undefined;

const EPILOGUE_ATTRIBUTES = new Set(['activation', 'activation_params']);

/** The ONNX node a fused node was made from, without the epilogue attributes. */
function baseNode(node: Node, opType: string): Node {
  const attributes = new Map([...node.attributes].filter(([k]) => !EPILOGUE_ATTRIBUTES.has(k)));
  return { ...node, opType, domain: '', attributes };
}

function createBase(ctx: OpContext, resolve: BaseResolver, opType: string, opset: number, inputsUsed: number): KernelFn {
  const def = resolve(opType, opset);
  if (!def) throw ctx.attrs.error(`fused op needs ${opType}, which is not available`);
  const node = baseNode(ctx.node, opType);
  node.inputs = node.inputs.slice(0, inputsUsed);
  return def.create({ ...ctx, node, opset, attrs: new AttributeReader(node) });
}

/** FusedConvTranspose (a fused op without a native epilogue): the base op, then the activation. */
function fusedWithActivation(name: string, base: string, baseOpset: number, resolve: BaseResolver): OpDefinition {
  return defineOp(name, 1, (ctx) => {
    const kernel = createBase(ctx, resolve, base, baseOpset, ctx.node.inputs.length);
    const act = readActivation(ctx.attrs);
    return async (inputs, rt) => {
      const r = kernel(inputs, rt);
      const [y] = (r instanceof Promise ? await r : r) as Tensor[];
      return [applyActivation(y, act)];
    };
  }, FUSED_DOMAIN);
}

/** A pattern the optimizer recognized, run with the ONNX op's semantics at `baseOpset`. */
function recognized(name: string, baseOpset: number, resolve: BaseResolver): OpDefinition {
  return defineOp(name, 1, (ctx) => createBase(ctx, resolve, name, baseOpset, ctx.node.inputs.length), FUSED_DOMAIN);
}

export function fusedOps(resolve: BaseResolver): OpDefinition[] {
  return [
    recognized('Gelu', 20, resolve),
    recognized('LayerNormalization', 17, resolve),
    FusedConv,
    FusedGemm,
    FusedMatMul,
    FusedAttention,
    fusedWithActivation('FusedConvTranspose', 'ConvTranspose', 22, resolve),
  ];
}
