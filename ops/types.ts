// The contract between the session and an operator implementation.
import type { Graph, Node } from '../graph/ir.js';
import type { DataType, TensorData } from '../data/dtype.js';
import type { OnnxValue } from '../data/tensor.js';
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
  /** Where the running node's outputs may be written: see ops/helpers/output-data.ts. */
  readonly output?: OutputMemory;
  /**
   * Called by a provider's op binding that ran the reference kernel instead of its own for
   * this node (an input its kernels do not cover); the session counts these per node, so a
   * fallback is reported (session.nodePlacement), never hidden behind the provider's name.
   */
  readonly fellBack?: () => void;
  /**
   * Why the run must stop (RunOptions.terminate, an aborted signal), or undefined to go on:
   * subgraph runs check it between their nodes, and Loop/Scan between iterations.
   */
  readonly stopReason?: () => string | undefined;
}

/** Storage for the running node's outputs, from the session's memory plan or its buffer pool. */
export interface OutputMemory {
  /**
   * `size` elements of `type` for output `index`, or undefined where the session has nothing
   * to offer (the kernel then allocates as usual). Contents are garbage unless `zeroed`. The
   * memory may be an input's of the same size whose life ends at this node, so only kernels
   * that read element i before writing element i may take it with `inPlace` set on the kernel.
   */
  data(index: number, type: DataType, size: number, zeroed: boolean): TensorData | undefined;
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
  /**
   * Output 0 may share memory with a same-sized input that dies at this node: the kernel
   * writes element i only after reading element i of every input (element-wise loops, or
   * inputs copied elsewhere first, as the wasm kernels do).
   */
  inPlace?: boolean;
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
  /** A normalized domain ('' for ai.onnx); the names the runtime knows are in graph/domains.ts. */
  domain: string;
  /** First opset version with these semantics; holds until the next definition's `since`. */
  since: number;
  /**
   * Validate attributes and return the kernel. Runs once per node at session creation; throw
   * InvalidModelError for bad attributes so the model fails at load time, not at run time.
   */
  create(ctx: OpContext): KernelFn;
}
