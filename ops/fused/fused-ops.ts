// Fused ops in our own domain ('onnx-ts'), created by the optimizer. Each runs the ONNX op it
// was fused from, then the epilogue (bias, activation), so every provider can execute it even
// without a kernel that fuses natively.
import type { Node } from '../../graph/ir.js';
import type { Tensor } from '../../src/data/tensor.js';
import { AttributeReader } from '../attributes.js';
import { defineOp } from '../define.js';
import { binaryMap } from '../helpers/elementwise.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { KernelFn, OpContext, OpDefinition } from '../types.js';
import { applyActivation, readActivation } from './activation.js';

export const FUSED_DOMAIN = 'onnx-ts';

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

/** Adds `z` (a residual sum input) into `y`: in place when the shapes match, broadcast otherwise. */
function addSum(y: Tensor, z: Tensor | undefined): Tensor {
  if (!z) return y;
  if (y.data instanceof Float32Array && z.data instanceof Float32Array && y.size === z.size && y.dims.every((d, i) => d === z.dims[i])) {
    const d = y.data, s = z.data;
    for (let i = 0; i < d.length; i++) d[i] += s[i];
    return y;
  }
  return binaryMap(y, z, (a, b) => a + b);
}

/**
 * FusedConv / FusedConvTranspose / FusedGemm: the base op on its first `baseInputs` inputs,
 * then an optional residual sum (input `baseInputs`, FusedConv only), then the activation.
 */
function fusedWithActivation(name: string, base: string, baseOpset: number, baseInputs: number, resolve: BaseResolver): OpDefinition {
  return defineOp(name, 1, (ctx) => {
    const kernel = createBase(ctx, resolve, base, baseOpset, Math.min(baseInputs, ctx.node.inputs.length));
    const act = readActivation(ctx.attrs);
    return async (inputs, rt) => {
      const r = kernel(inputs.slice(0, baseInputs), rt);
      const [y] = (r instanceof Promise ? await r : r) as Tensor[];
      return [applyActivation(addSum(y, optionalTensorInput(inputs, baseInputs)), act)];
    };
  }, FUSED_DOMAIN);
}

/** FusedMatMul: MatMul(A, B) + optional bias (input 2, broadcast), then the activation. */
function fusedMatMul(resolve: BaseResolver): OpDefinition {
  return defineOp('FusedMatMul', 1, (ctx) => {
    const kernel = createBase(ctx, resolve, 'MatMul', 13, 2);
    const act = readActivation(ctx.attrs);
    return async (inputs, rt) => {
      const r = kernel([tensorInput(inputs, 0, 'A'), tensorInput(inputs, 1, 'B')], rt);
      let [y] = (r instanceof Promise ? await r : r) as Tensor[];
      const bias = optionalTensorInput(inputs, 2);
      if (bias) {
        if (y.data instanceof Float32Array && bias.data instanceof Float32Array && bias.size === y.dims[y.dims.length - 1]) {
          const d = y.data, b = bias.data, n = b.length;
          for (let i = 0; i < d.length; i += n) for (let j = 0; j < n; j++) d[i + j] += b[j];
        } else y = binaryMap(y, bias, (a, c) => a + c);
      }
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
    fusedWithActivation('FusedConv', 'Conv', 22, 3, resolve),
    fusedWithActivation('FusedConvTranspose', 'ConvTranspose', 22, 3, resolve),
    fusedWithActivation('FusedGemm', 'Gemm', 13, 3, resolve),
    fusedMatMul(resolve),
  ];
}
