// Builds graph IR in code: the bundled example model, and small graphs in tests.
import type { DataType } from '../data/dtype.js';
import type { Tensor } from '../data/tensor.js';
import type { AttributeValue, Dim, Graph, Model, Node, ValueInfo } from './ir.js';

/** Plain JS attribute values: integers → int, other numbers → float, arrays likewise; or an explicit AttributeValue. */
export type AttributeInput = number | string | number[] | string[] | Tensor | Graph | AttributeValue;

export function toAttribute(v: AttributeInput): AttributeValue {
  if (typeof v === 'number') return Number.isInteger(v) ? { type: 'int', value: v } : { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return { type: 'strings', value: v as string[] };
    const nums = v as number[];
    return nums.every(Number.isInteger) ? { type: 'ints', value: nums } : { type: 'floats', value: nums };
  }
  if ('type' in v && 'value' in v && typeof v.type === 'string' && !('dims' in v)) return v as AttributeValue;
  if ('nodes' in v) return { type: 'graph', value: v as Graph };
  return { type: 'tensor', value: v as Tensor };
}

export const floatAttr = (value: number): AttributeValue => ({ type: 'float', value });

export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly initializers = new Map<string, Tensor>();
  private counter = 0;

  constructor(private readonly name = 'graph') {}

  input(name: string, elemType: DataType, shape?: Dim[]): string {
    this.inputs.push({ name, type: { kind: 'tensor', elemType, shape } });
    return name;
  }

  initializer(name: string, value: Tensor): string {
    this.initializers.set(name, value);
    return name;
  }

  /** Adds a node; returns its output names (one unless `outputs` says otherwise). */
  node(opType: string, inputs: string[], attributes: Record<string, AttributeInput> = {}, options: { name?: string; outputs?: number | string[]; domain?: string } = {}): string[] {
    const id = this.counter++;
    const name = options.name ?? `${opType}_${id}`;
    const outputs = Array.isArray(options.outputs)
      ? options.outputs
      : Array.from({ length: options.outputs ?? 1 }, (_, i) => `${name}_out${i}`);
    this.nodes.push({
      name,
      opType,
      domain: options.domain ?? '',
      inputs,
      outputs,
      attributes: new Map(Object.entries(attributes).map(([k, v]) => [k, toAttribute(v)])),
    });
    return outputs;
  }

  /** Adds a single-output node and returns that output's name. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeInput> = {}, name?: string): string {
    return this.node(opType, inputs, attributes, { name })[0];
  }

  output(name: string, elemType?: DataType, shape?: Dim[]): void {
    this.outputs.push({ name, type: elemType ? { kind: 'tensor', elemType, shape } : undefined });
  }

  graph(): Graph {
    return {
      name: this.name,
      nodes: [...this.nodes],
      inputs: [...this.inputs],
      outputs: [...this.outputs],
      initializers: new Map(this.initializers),
      valueInfo: new Map(),
    };
  }

  model(opsets: Record<string, number> = { '': 17 }, producerName = 'onnx-ts'): Model {
    return {
      irVersion: 8,
      opsets: new Map(Object.entries(opsets)),
      producerName,
      producerVersion: '',
      graph: this.graph(),
      functions: [],
      metadata: new Map(),
    };
  }
}
