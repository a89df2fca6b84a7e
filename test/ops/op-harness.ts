// Runs a single registered op the way a session does: create once with attributes, then call
// the kernel. For op tests that need cases the ONNX suite doesn't cover.
import type { AttributeValue, Node } from '../../graph/ir.js';
import { referenceOps } from '../../ops/all.js';
import { AttributeReader } from '../../ops/attributes.js';
import type { DataType } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';

export type Attr = number | string | number[];

function attribute(v: Attr): AttributeValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) return { type: 'ints', value: v };
  return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
}

export async function runOp(
  opType: string, inputs: (OnnxValue | undefined)[], attrs: Record<string, Attr> = {}, opset = 25,
): Promise<Tensor[]> {
  const node: Node = {
    name: 'n', opType, domain: '', inputs: inputs.map((v, i) => (v === undefined ? '' : `in${i}`)), outputs: ['out'],
    attributes: new Map(Object.entries(attrs).map(([k, v]) => [k, attribute(v)])),
  };
  const def = referenceOps.resolve('', opType, opset);
  if (!def) throw new Error(`${opType} is not registered at opset ${opset}`);
  const kernel = def.create({ node, opset, attrs: new AttributeReader(node), compileSubgraph: () => { throw new Error('no subgraphs'); } });
  return (await kernel(inputs, { scope: { get: () => undefined, has: () => false } })) as Tensor[];
}

export const tensor = (type: DataType, values: ArrayLike<number | bigint> | string[], dims?: number[]) => new Tensor(type, values as never, dims);
export const values = (x: Tensor) => Array.from(x.data as ArrayLike<number | bigint>);
