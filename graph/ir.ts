// The graph IR the loader produces and the optimizer and session consume. Plain data:
// nodes refer to values by name, '' marks an omitted optional input or output.
import type { DataType } from '../data/dtype.js';
import type { Tensor } from '../data/tensor.js';

/** A dimension: a fixed size, a symbolic name (dim_param), or unknown. */
export type Dim = number | string | undefined;

export type ValueType =
  | { kind: 'tensor'; elemType: DataType; shape?: Dim[] }
  | { kind: 'sparse_tensor'; elemType: DataType; shape?: Dim[] }
  | { kind: 'sequence'; elem?: ValueType }
  | { kind: 'optional'; elem?: ValueType }
  | { kind: 'map'; keyType: DataType; value?: ValueType };

export interface ValueInfo {
  name: string;
  type?: ValueType;
}

export type AttributeValue =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: Tensor }
  | { type: 'graph'; value: Graph }
  | { type: 'type_proto'; value: ValueType }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensors'; value: Tensor[] }
  | { type: 'graphs'; value: Graph[] }
  | { type: 'type_protos'; value: ValueType[] }
  /** A reference to an attribute of the enclosing function (FunctionProto bodies only). */
  | { type: 'ref'; value: string };

export interface Node {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, AttributeValue>;
}

export interface Graph {
  name: string;
  nodes: Node[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers: Map<string, Tensor>;
  /** Declared types of intermediate values (value_info), by name. */
  valueInfo: Map<string, ValueInfo>;
}

/** A model-local function (FunctionProto), expanded inline when the graph is prepared. */
export interface FunctionDef {
  name: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  attributeNames: string[];
  attributeDefaults: Map<string, AttributeValue>;
  nodes: Node[];
  opsets: Map<string, number>;
}

export interface Model {
  irVersion: number;
  /** opset version per domain; '' is the default ai.onnx domain. */
  opsets: Map<string, number>;
  producerName: string;
  producerVersion: string;
  graph: Graph;
  functions: FunctionDef[];
  metadata: Map<string, string>;
}

export function normalizeDomain(domain: string | undefined | null): string {
  return !domain || domain === 'ai.onnx' ? '' : domain;
}
