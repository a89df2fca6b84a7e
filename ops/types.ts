// The contract between the session and an operator implementation.
import type { Graph, Node } from '../graph/ir.js';
import type { OnnxValue } from '../src/data/tensor.js';
import type { AttributeReader } from './attributes.js';

/** A node input at run time; undefined where an optional input was omitted (''). */
export type KernelInput = OnnxValue | undefined;

/** Values visible to a subgraph from its enclosing graphs, looked up by name at run time. */
export interface ValueScope {
  get(name: string): OnnxValue | undefined;
  has(name: string): boolean;
}

export interface RuntimeContext {
  /** Values of the graph this node runs in (and, through it, of the outer graphs). */
  readonly scope: ValueScope;
}

/** A compiled subgraph (If/Loop/Scan body), ready to run many times. */
export interface SubgraphRunner {
  readonly graph: Graph;
  readonly inputNames: string[];
  readonly outputNames: string[];
  /** Runs with positional inputs; names not bound are looked up in rt.scope. */
  run(inputs: OnnxValue[], rt: RuntimeContext): Promise<OnnxValue[]>;
}

export type KernelFn = ((inputs: KernelInput[], rt: RuntimeContext) => OnnxValue[] | Promise<OnnxValue[]>) & {
  /** Frees what the kernel holds outside the JS heap (packed weights in wasm memory...); called by session.release(). */
  dispose?: () => void;
};

/** What an op sees once, when the session is created. */
export interface OpContext {
  readonly node: Node;
  /** The opset version imported for this node's domain. */
  readonly opset: number;
  readonly attrs: AttributeReader;
  /** The graph this node belongs to (for ops such as Gradient that read other nodes of it). */
  readonly graph?: Graph;
  /** Compile a graph-valued attribute (control-flow bodies). */
  compileSubgraph(graph: Graph): SubgraphRunner;
}

export interface OpDefinition {
  opType: string;
  /** '' for ai.onnx, 'ai.onnx.ml', or our own 'onnx-ts' for fused ops. */
  domain: string;
  /** First opset version with these semantics; holds until the next definition's `since`. */
  since: number;
  /**
   * Validate attributes and return the kernel. Runs once per node at session creation; throw
   * InvalidModelError for bad attributes so the model fails at load time, not at run time.
   */
  create(ctx: OpContext): KernelFn;
}
