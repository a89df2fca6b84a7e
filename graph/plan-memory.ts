// Static memory plan: from the execution order and static shapes, each intermediate's
// lifetime, and an offset for it in one arena per element type, reusing memory as soon as a
// value is dead (greedy by size, best fit, as in TFLite's arena planner and onnxruntime's
// memory pattern). Element-wise nodes whose input dies at that node write in place.
import { type DataType, bytesPerElement } from '../src/data/dtype.js';
import type { Graph, Node } from './ir.js';
import { isStatic, type ShapeInfo } from './shape-inference.js';

export interface PlannedBuffer {
  /** Values sharing this buffer (more than one when a node runs in place). */
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
  /** Intermediates without a static shape, left to the run-time pool. */
  dynamicValues: string[];
}

const IN_PLACE_OPS = new Set([
  'Relu', 'Sigmoid', 'Tanh', 'Clip', 'LeakyRelu', 'Erf', 'Sqrt', 'Exp', 'Log', 'Neg', 'Abs', 'HardSwish',
  'HardSigmoid', 'Add', 'Sub', 'Mul', 'Div', 'Softmax', 'Gelu',
]);

const ALIGN = 64;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

export function planMemory(graph: Graph, order: Node[], shapes: Map<string, ShapeInfo>): MemoryPlan {
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const lastUse = new Map<string, number>();
  order.forEach((n, i) => n.inputs.forEach((v) => v && lastUse.set(v, i)));
  const buffers = new Map<string, PlannedBuffer>();
  const dynamicValues: string[] = [];
  let inPlaceNodes = 0;
  order.forEach((n, step) => {
    n.outputs.forEach((v, k) => {
      if (!v || outputs.has(v)) return;
      const s = shapes.get(v);
      if (!s?.type || s.type === 'string' || !isStatic(s.dims)) {
        dynamicValues.push(v);
        return;
      }
      const bytes = s.dims.reduce((a, b) => a * b, 1) * bytesPerElement(s.type);
      // in place: same type and size as an input whose life ends here
      if (k === 0 && n.domain === '' && IN_PLACE_OPS.has(n.opType)) {
        const donor = n.inputs.find((x) => x && buffers.has(x) && lastUse.get(x) === step && buffers.get(x)!.type === s.type && buffers.get(x)!.bytes === bytes);
        if (donor) {
          const b = buffers.get(donor)!;
          b.values.push(v);
          b.lastStep = Math.max(b.lastStep, lastUse.get(v) ?? step);
          buffers.set(v, b);
          inPlaceNodes++;
          return;
        }
      }
      buffers.set(v, { values: [v], type: s.type, bytes: align(bytes), offset: 0, firstStep: step, lastStep: lastUse.get(v) ?? step });
    });
  });
  const unique = [...new Set(buffers.values())];
  const arenas: Record<string, number> = {};
  for (const type of new Set(unique.map((b) => b.type))) {
    const list = unique.filter((b) => b.type === type).sort((a, b) => b.bytes - a.bytes || a.firstStep - b.firstStep);
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
    arenas[type] = size;
  }
  let peakLiveBytes = 0;
  for (let step = 0; step < order.length; step++) {
    let live = 0;
    for (const b of unique) if (b.firstStep <= step && step <= b.lastStep) live += b.bytes;
    peakLiveBytes = Math.max(peakLiveBytes, live);
  }
  const naiveBytes = [...buffers.entries()].reduce((s, [v, b]) => s + (b.values[0] === v ? b.bytes * b.values.length : 0), 0);
  return {
    arenas,
    arenaBytes: Object.values(arenas).reduce((a, b) => a + b, 0),
    naiveBytes,
    peakLiveBytes,
    buffers: unique,
    inPlaceNodes,
    dynamicValues,
  };
}
