// Static memory plan: from the execution order and static shapes, each intermediate's
// lifetime, and an offset for it in one arena per element type, reusing memory as soon as a
// value is dead (greedy by size, best fit, as in TFLite's arena planner and onnxruntime's
// memory pattern). Element-wise nodes whose input dies at that node write in place, and
// reshaping ops share their input's buffer, which then lives as long as the longer of the two.
import { type DataType, bytesPerElement } from '../data/dtype.js';
import type { Graph, Node } from './ir.js';
import { isStatic, type ShapeInfo } from './shape-inference.js';
import { lastUseSteps } from './liveness.js';

export interface PlannedBuffer {
  /** Values sharing this buffer (more than one when a node runs in place or is a view). */
  values: string[];
  type: DataType;
  bytes: number;
  offset: number;
  firstStep: number;
  lastStep: number;
}

export interface MemoryPlan {
  /** Arena size per element type, in bytes. */
  arenas: Record<string, number>;
  arenaBytes: number;
  /** Sum of every planned intermediate's size: what allocating each separately would take. */
  naiveBytes: number;
  /** Largest total size of intermediates alive at one step (no plan can beat it). */
  peakLiveBytes: number;
  buffers: PlannedBuffer[];
  inPlaceNodes: number;
  /** Reshape-like nodes whose output shares its input's buffer. */
  viewNodes: number;
  /** Intermediates without a static shape, left to the run-time pool. */
  dynamicValues: string[];
}

export interface PlanOptions {
  /**
   * Whether this node's kernel may write its output over an input of the same size (it reads
   * element i before writing element i). Without it, in-place is planned for every op in
   * ELEMENTWISE_OPS, which is what a report wants; execution passes what its kernels allow.
   */
  canRunInPlace?: (node: Node) => boolean;
}

/** Ops whose output element i depends only on input element i (or on its row, for Softmax). */
const ELEMENTWISE_OPS = new Set([
  'Relu', 'Sigmoid', 'Tanh', 'Clip', 'LeakyRelu', 'Erf', 'Sqrt', 'Exp', 'Log', 'Neg', 'Abs', 'HardSwish',
  'HardSigmoid', 'Add', 'Sub', 'Mul', 'Div', 'Softmax', 'Gelu',
]);

/** Ops whose kernels return their input's data under a new shape (output 0 aliases input 0). */
const VIEW_OPS = new Set(['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Identity']);

const ALIGN = 64;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/**
 * The graph outputs, and the values they are views of: memory the caller keeps after the run,
 * so it is allocated on its own rather than planned.
 */
export function valuesReturnedToCaller(graph: Graph, order: readonly Node[]): Set<string> {
  const returned = new Set(graph.outputs.map((o) => o.name));
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (n.domain === '' && VIEW_OPS.has(n.opType) && n.outputs[0] && returned.has(n.outputs[0]) && n.inputs[0]) returned.add(n.inputs[0]);
  }
  return returned;
}

export function planMemory(graph: Graph, order: Node[], shapes: Map<string, ShapeInfo>, options: PlanOptions = {}): MemoryPlan {
  const outputs = valuesReturnedToCaller(graph, order);
  const lastUse = lastUseSteps(order);
  const buffers = new Map<string, PlannedBuffer>();
  /** Exact (unaligned) byte sizes: in place needs the donor to be exactly the output's size. */
  const exactBytes = new Map<string, number>();
  const dynamicValues: string[] = [];
  let inPlaceNodes = 0;
  const views = new Set<string>();
  const share = (b: PlannedBuffer, v: string, step: number) => {
    b.values.push(v);
    b.lastStep = Math.max(b.lastStep, lastUse.get(v)!);
    buffers.set(v, b);
  };
  order.forEach((n, step) => {
    n.outputs.forEach((v, k) => {
      if (!v || outputs.has(v)) return;
      const s = shapes.get(v);
      if (k === 0 && n.domain === '' && VIEW_OPS.has(n.opType) && n.inputs[0] && buffers.has(n.inputs[0])) {
        share(buffers.get(n.inputs[0])!, v, step);
        views.add(v);
        exactBytes.set(v, exactBytes.get(n.inputs[0]) ?? -1);
        return;
      }
      if (!s?.type || s.type === 'string' || !isStatic(s.dims)) {
        dynamicValues.push(v);
        return;
      }
      const bytes = s.dims.reduce((a, b) => a * b, 1) * bytesPerElement(s.type);
      exactBytes.set(v, bytes);
      // in place: same type and size as an input whose buffer (with every view of it) dies here
      if (k === 0 && n.domain === '' && ELEMENTWISE_OPS.has(n.opType) && (options.canRunInPlace?.(n) ?? true)) {
        const donor = n.inputs.filter((x) => x && exactBytes.get(x) === bytes).map((x) => buffers.get(x))
          .find((b) => b && b.lastStep === step && b.type === s.type);
        if (donor) {
          share(donor, v, step);
          inPlaceNodes++;
          return;
        }
      }
      buffers.set(v, { values: [v], type: s.type, bytes: align(bytes), offset: 0, firstStep: step, lastStep: lastUse.get(v)! });
    });
  });
  const unique = [...new Set(buffers.values())];
  const arenas: Record<string, number> = {};
  for (const type of new Set(unique.map((b) => b.type))) {
    arenas[type] = placeBestFit(unique.filter((b) => b.type === type));
  }
  let peakLiveBytes = 0;
  for (let step = 0; step < order.length; step++) {
    let live = 0;
    for (const b of unique) if (b.firstStep <= step && step <= b.lastStep) live += b.bytes;
    peakLiveBytes = Math.max(peakLiveBytes, live);
  }
  // views are not memory of their own; in-place outputs would be without the plan
  const naiveBytes = unique.reduce((sum, b) => sum + b.bytes * b.values.filter((v) => !views.has(v)).length, 0);
  return {
    arenas,
    arenaBytes: Object.values(arenas).reduce((a, b) => a + b, 0),
    naiveBytes,
    peakLiveBytes,
    buffers: unique,
    inPlaceNodes,
    viewNodes: views.size,
    dynamicValues,
  };
}

/** Largest buffers first, each at the lowest-waste gap among buffers alive at the same time. */
function placeBestFit(list: PlannedBuffer[]): number {
  list.sort((a, b) => b.bytes - a.bytes || a.firstStep - b.firstStep);
  const placed: PlannedBuffer[] = [];
  let size = 0;
  for (const b of list) {
    const live = placed.filter((p) => p.firstStep <= b.lastStep && b.firstStep <= p.lastStep).sort((x, y) => x.offset - y.offset);
    let best = -1, bestGap = Infinity, prevEnd = 0;
    for (const p of live) {
      const gap = p.offset - prevEnd;
      if (gap >= b.bytes && gap < bestGap) { best = prevEnd; bestGap = gap; }
      prevEnd = Math.max(prevEnd, p.offset + p.bytes);
    }
    b.offset = best >= 0 ? best : prevEnd;
    placed.push(b);
    size = Math.max(size, b.offset + b.bytes);
  }
  return size;
}
