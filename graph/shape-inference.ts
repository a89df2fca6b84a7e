// Static shape and type inference for the ops that dominate real models. Unknown stays
// unknown: a rule returns undefined rather than guess. Constant inputs (initializers and
// folded values) are passed in so data-dependent shapes (Reshape, Slice...) resolve too.
import { type DataType, dataTypeFromCode } from '../data/dtype.js';
import type { Tensor } from '../data/tensor.js';
import type { Dim, Graph, Node } from './ir.js';
import { FUSED_DOMAIN, MICROSOFT_DOMAIN } from '../data/domains.js';
import { constantOf } from './graph-edit.js';

export interface ShapeInfo {
  type?: DataType;
  /** undefined: rank unknown; entries: number (fixed), string (symbolic) or undefined. */
  dims?: Dim[];
}

type Rule = (node: Node, inputs: (ShapeInfo | undefined)[], consts: (Tensor | undefined)[], opset: number) => (ShapeInfo | undefined)[];

const ints = (t: Tensor | undefined): number[] | undefined => (t ? Array.from(t.data as ArrayLike<number | bigint>, Number) : undefined);
const attrInt = (n: Node, name: string, def: number) => {
  const a = n.attributes.get(name);
  return a?.type === 'int' ? a.value : def;
};
const attrInts = (n: Node, name: string): number[] | undefined => {
  const a = n.attributes.get(name);
  return a?.type === 'ints' ? a.value : undefined;
};
const attrString = (n: Node, name: string, def: string) => {
  const a = n.attributes.get(name);
  return a?.type === 'string' ? a.value : def;
};

export function isStatic(dims: Dim[] | undefined): dims is number[] {
  return !!dims && dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0);
}

function broadcastDims(shapes: (Dim[] | undefined)[]): Dim[] | undefined {
  if (shapes.some((s) => !s)) return undefined;
  const rank = Math.max(...shapes.map((s) => s!.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = 1;
    for (const s of shapes) {
      const j = s!.length - rank + i;
      if (j < 0) continue;
      const x = s![j];
      if (x === 1) continue;
      if (d === 1) d = x;
      else if (typeof d === 'number' && typeof x === 'number') {
        if (d !== x) return undefined;
      } else if (typeof x === 'number') d = x; // a fixed size wins: the unknown side must be 1 or equal
      else if (typeof d !== 'number' && d !== x) d = undefined;
    }
    out.push(d);
  }
  return out;
}

const sameAsInput: Rule = (_n, [x]) => [x ? { ...x } : undefined];

const broadcast = (outType?: DataType): Rule => (_n, inputs) => {
  const dims = broadcastDims(inputs.map((i) => i?.dims));
  return [{ type: outType ?? inputs.find((i) => i?.type)?.type, dims }];
};

/**
 * An axis in [-rank, rank) made non-negative. Out of range it throws, so the node's shapes stay
 * unknown and its kernel reports the bad axis: writing dims[2^31] would make a sparse array
 * that every later step walks element by element.
 */
function normAxis(axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw new RangeError(`axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

function poolDims(n: Node, x: Dim[], kernel: number[], isConv: boolean): Dim[] | undefined {
  const spatial = x.length - 2;
  const strides = attrInts(n, 'strides') ?? new Array(spatial).fill(1);
  const dil = attrInts(n, 'dilations') ?? new Array(spatial).fill(1);
  const pads = attrInts(n, 'pads') ?? new Array(spatial * 2).fill(0);
  const autoPad = attrString(n, 'auto_pad', 'NOTSET');
  const ceil = !isConv && attrInt(n, 'ceil_mode', 0) === 1;
  const out: Dim[] = [];
  for (let i = 0; i < spatial; i++) {
    const d = x[i + 2];
    if (typeof d !== 'number') { out.push(undefined); continue; }
    const k = (kernel[i] - 1) * dil[i] + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') out.push(Math.ceil(d / strides[i]));
    else if (autoPad === 'VALID') out.push(Math.floor((d - k) / strides[i]) + 1);
    else {
      const span = d + pads[i] + pads[i + spatial] - k;
      let o = (ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
      // with ceil_mode the last window must start inside the input or left padding
      if (ceil && (o - 1) * strides[i] >= d + pads[i]) o--;
      out.push(o);
    }
  }
  return out;
}

const RULES: Record<string, Rule> = {
  Identity: sameAsInput, Relu: sameAsInput, Sigmoid: sameAsInput, Tanh: sameAsInput, Erf: sameAsInput,
  Sqrt: sameAsInput, Exp: sameAsInput, Log: sameAsInput, Abs: sameAsInput, Neg: sameAsInput,
  Clip: sameAsInput, LeakyRelu: sameAsInput, Softmax: sameAsInput, LogSoftmax: sameAsInput,
  Reciprocal: sameAsInput, Floor: sameAsInput, Ceil: sameAsInput, Round: sameAsInput, Gelu: sameAsInput,
  HardSwish: sameAsInput, HardSigmoid: sameAsInput, Elu: sameAsInput, Selu: sameAsInput, Softplus: sameAsInput,
  BatchNormalization: sameAsInput, LayerNormalization: sameAsInput, InstanceNormalization: sameAsInput,
  LRN: sameAsInput, Not: sameAsInput, Sign: sameAsInput, Sin: sameAsInput, Cos: sameAsInput, Mish: sameAsInput,
  Dropout: sameAsInput, CumSum: sameAsInput, Celu: sameAsInput, Softsign: sameAsInput,
  Add: broadcast(), Sub: broadcast(), Mul: broadcast(), Div: broadcast(), Pow: (n, i, c, o) => [{ ...broadcast()(n, i, c, o)[0], type: i[0]?.type }],
  Max: broadcast(), Min: broadcast(), Sum: broadcast(), Mean: broadcast(), Mod: broadcast(), PRelu: broadcast(),
  Equal: broadcast('bool'), Less: broadcast('bool'), Greater: broadcast('bool'), LessOrEqual: broadcast('bool'),
  GreaterOrEqual: broadcast('bool'), And: broadcast('bool'), Or: broadcast('bool'), Xor: broadcast('bool'),
  Where: (_n, [c, x, y]) => [{ type: x?.type ?? y?.type, dims: c && x && y ? broadcastDims([c.dims, x.dims, y.dims]) : undefined }],
  Cast: (n, [x]) => {
    const to = attrInt(n, 'to', 0);
    const types: DataType[] = ['float32', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool', 'float16', 'float64', 'uint32', 'uint64'];
    return [{ type: types[to - 1], dims: x?.dims }];
  },
  Shape: (n, [x], _c, opset) => {
    if (!x?.dims) return [{ type: 'int64', dims: [undefined] }];
    const r = x.dims.length;
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
    const start = opset >= 15 ? clamp(attrInt(n, 'start', 0)) : 0;
    const end = opset >= 15 && n.attributes.has('end') ? clamp(attrInt(n, 'end', r)) : r;
    return [{ type: 'int64', dims: [Math.max(0, end - start)] }];
  },
  Size: () => [{ type: 'int64', dims: [] }],
  MatMul: (_n, [a, b]) => {
    if (!a?.dims || !b?.dims) return [{ type: a?.type }];
    const ad = a.dims.length === 1 ? [1, a.dims[0]] : a.dims;
    const bd = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
    const batch = broadcastDims([ad.slice(0, -2), bd.slice(0, -2)]);
    if (!batch) return [{ type: a.type }];
    const dims = [...batch, ...(a.dims.length === 1 ? [] : [ad[ad.length - 2]]), ...(b.dims.length === 1 ? [] : [bd[bd.length - 1]])];
    return [{ type: a.type, dims }];
  },
  Gemm: (n, [a, b]) => {
    if (!a?.dims || !b?.dims || a.dims.length !== 2 || b.dims.length !== 2) return [{ type: a?.type }];
    const m = attrInt(n, 'transA', 0) ? a.dims[1] : a.dims[0];
    const k = attrInt(n, 'transB', 0) ? b.dims[0] : b.dims[1];
    return [{ type: a.type, dims: [m, k] }];
  },
  Conv: (n, [x, w]) => {
    if (!x?.dims || !w?.dims) return [{ type: x?.type }];
    const kernel = attrInts(n, 'kernel_shape') ?? (w.dims.slice(2) as number[]);
    if (kernel.some((k) => typeof k !== 'number')) return [{ type: x.type }];
    return [{ type: x.type, dims: [x.dims[0], w.dims[0], ...(poolDims(n, x.dims, kernel, true) ?? [])] }];
  },
  // quantized values take the zero point's type (QuantizeLinear: output_dtype, else uint8)
  QuantizeLinear: (n, [x, , zp]) => {
    const code = attrInt(n, 'output_dtype', 0);
    return [{ type: zp?.type ?? (code ? dataTypeFromCode(code) : 'uint8'), dims: x?.dims }];
  },
  DequantizeLinear: (_n, [x, scale]) => [{ type: scale?.type ?? 'float32', dims: x?.dims }],
  DynamicQuantizeLinear: (_n, [x]) => [{ type: 'uint8', dims: x?.dims }, { type: 'float32', dims: [] }, { type: 'uint8', dims: [] }],
  MatMulInteger: (n, [a, b]) => [{ ...RULES.MatMul(n, [a, b], [], 0)[0], type: 'int32' }],
  QLinearConv: (n, [x, , , w, , , , yz]) => [{ ...RULES.Conv(n, [x, w], [], 0)[0], type: yz?.type ?? x?.type }],
  QLinearMatMul: (n, [a, , , b, , , , yz]) => [{ ...RULES.MatMul(n, [a, b], [], 0)[0], type: yz?.type ?? a?.type }],
  MaxPool: (n, [x]) => {
    const kernel = attrInts(n, 'kernel_shape');
    if (!x?.dims || !kernel) return [{ type: x?.type }, { type: 'int64' }];
    const dims = [x.dims[0], x.dims[1], ...(poolDims(n, x.dims, kernel, false) ?? [])];
    return [{ type: x.type, dims }, { type: 'int64', dims }];
  },
  AveragePool: (n, [x]) => {
    const kernel = attrInts(n, 'kernel_shape');
    if (!x?.dims || !kernel) return [{ type: x?.type }];
    return [{ type: x.type, dims: [x.dims[0], x.dims[1], ...(poolDims(n, x.dims, kernel, false) ?? [])] }];
  },
  GlobalAveragePool: (_n, [x]) => [{ type: x?.type, dims: x?.dims ? [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)] : undefined }],
  GlobalMaxPool: (_n, [x]) => [{ type: x?.type, dims: x?.dims ? [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)] : undefined }],
  Flatten: (n, [x]) => {
    if (!x?.dims) return [{ type: x?.type }];
    // Flatten's axis may also be the rank itself (everything in the first dimension)
    const raw = attrInt(n, 'axis', 1);
    const axis = raw === x.dims.length ? raw : normAxis(raw, x.dims.length);
    const prod = (d: Dim[]) => d.reduce<Dim>((p, v) => (typeof p === 'number' && typeof v === 'number' ? p * v : undefined), 1);
    return [{ type: x.type, dims: [prod(x.dims.slice(0, axis)), prod(x.dims.slice(axis))] }];
  },
  Reshape: (n, [x], [, shape]) => {
    const target = shape ? ints(shape) : attrInts(n, 'shape');
    if (!target) return [{ type: x?.type }];
    const allowZero = attrInt(n, 'allowzero', 0) === 1;
    const dims: Dim[] = target.map((d, i) => (d === 0 && !allowZero ? x?.dims?.[i] : d === -1 ? undefined : d));
    const neg = target.indexOf(-1);
    if (neg >= 0 && isStatic(x?.dims)) {
      const total = x!.dims!.reduce((a, b) => (a as number) * (b as number), 1) as number;
      const rest = dims.reduce<number | undefined>((p, d, i) => (i === neg || p === undefined ? p : typeof d === 'number' ? p * d : undefined), 1);
      // an impossible reshape stays unknown here; the kernel reports it at run time
      if (rest && total % rest === 0) dims[neg] = total / rest;
    }
    return [{ type: x?.type, dims }];
  },
  Transpose: (n, [x]) => {
    if (!x?.dims) return [{ type: x?.type }];
    const perm = attrInts(n, 'perm') ?? x.dims.map((_, i) => x.dims!.length - 1 - i);
    return [{ type: x.type, dims: perm.map((p) => x.dims![p]) }];
  },
  Concat: (n, inputs) => {
    const first = inputs.find((i) => i?.dims);
    if (!first?.dims || inputs.some((i) => !i?.dims)) return [{ type: first?.type }];
    const axis = normAxis(attrInt(n, 'axis', 0), first.dims.length);
    const dims = [...first.dims];
    dims[axis] = inputs.reduce<Dim>((s, i) => (typeof s === 'number' && typeof i!.dims![axis] === 'number' ? s + (i!.dims![axis] as number) : undefined), 0);
    return [{ type: first.type, dims }];
  },
  Unsqueeze: (n, [x], [, axesT], opset) => {
    const axes = opset >= 13 ? ints(axesT) : attrInts(n, 'axes');
    if (!x?.dims || !axes) return [{ type: x?.type }];
    const rank = x.dims.length + axes.length;
    const norm = axes.map((a) => normAxis(a, rank));
    const dims: Dim[] = [];
    let j = 0;
    for (let i = 0; i < rank; i++) dims.push(norm.includes(i) ? 1 : x.dims[j++]);
    return [{ type: x.type, dims }];
  },
  Squeeze: (n, [x], [, axesT], opset) => {
    if (!x?.dims) return [{ type: x?.type }];
    const axes = opset >= 13 ? ints(axesT) : attrInts(n, 'axes');
    if (!axes) return isStatic(x.dims) ? [{ type: x.type, dims: x.dims.filter((d) => d !== 1) }] : [{ type: x.type }];
    const norm = axes.map((a) => normAxis(a, x.dims!.length));
    return [{ type: x.type, dims: x.dims.filter((_, i) => !norm.includes(i)) }];
  },
  Gather: (n, [x, idx]) => {
    if (!x?.dims || !idx?.dims) return [{ type: x?.type }];
    const axis = normAxis(attrInt(n, 'axis', 0), x.dims.length);
    return [{ type: x.type, dims: [...x.dims.slice(0, axis), ...idx.dims, ...x.dims.slice(axis + 1)] }];
  },
  Slice: (n, [x], [, startsT, endsT, axesT, stepsT], opset) => {
    if (!x?.dims) return [{ type: x?.type }];
    const starts = opset >= 10 ? ints(startsT) : attrInts(n, 'starts');
    const ends = opset >= 10 ? ints(endsT) : attrInts(n, 'ends');
    if (!starts || !ends) return [{ type: x.type, dims: x.dims.map(() => undefined) }];
    const axes = (opset >= 10 ? ints(axesT) : attrInts(n, 'axes')) ?? starts.map((_, i) => i);
    const steps = (opset >= 10 ? ints(stepsT) : undefined) ?? starts.map(() => 1);
    const dims = [...x.dims];
    axes.forEach((a, i) => {
      const ax = normAxis(a, dims.length);
      const d = x.dims![ax];
      if (typeof d !== 'number') { dims[ax] = undefined; return; }
      const step = steps[i];
      const clampIdx = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + d : v, lo), hi);
      const s = step > 0 ? clampIdx(starts[i], 0, d) : clampIdx(starts[i], -1, d - 1);
      const e = step > 0 ? clampIdx(ends[i], 0, d) : clampIdx(ends[i], -1, d - 1);
      dims[ax] = Math.max(0, Math.ceil((e - s) / step));
    });
    return [{ type: x.type, dims }];
  },
  ConstantOfShape: (n, _i, [shape]) => {
    const v = n.attributes.get('value');
    return [{ type: v?.type === 'tensor' ? v.value.type : 'float32', dims: ints(shape) }];
  },
  Expand: (_n, [x], [, shape]) => {
    const s = ints(shape);
    return [{ type: x?.type, dims: s && x?.dims ? broadcastDims([x.dims, s]) : undefined }];
  },
};

function reduceRule(axesFromInputSince: number): Rule {
  return (n, [x], [, axesT], opset) => {
    if (!x?.dims) return [{ type: x?.type }];
    const keep = attrInt(n, 'keepdims', 1) === 1;
    const axes = opset >= axesFromInputSince ? ints(axesT) : attrInts(n, 'axes');
    const all = !axes || axes.length === 0;
    if (all && opset >= axesFromInputSince && attrInt(n, 'noop_with_empty_axes', 0) === 1) return [{ ...x }];
    const norm = all ? x.dims.map((_, i) => i) : axes!.map((a) => normAxis(a, x.dims!.length));
    const dims = keep ? x.dims.map((d, i) => (norm.includes(i) ? 1 : d)) : x.dims.filter((_, i) => !norm.includes(i));
    return [{ type: x.type, dims }];
  };
}
for (const op of ['ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceSumSquare']) {
  RULES[op] = reduceRule(18);
}
RULES.ReduceSum = reduceRule(13);

/** Our fused ops have their base op's shapes. */
const FUSED_BASE: Record<string, string> = {
  FusedConv: 'Conv', FusedConvTranspose: 'ConvTranspose', FusedGemm: 'Gemm', FusedMatMul: 'MatMul',
  Gelu: 'Gelu', LayerNormalization: 'LayerNormalization',
};

/** FusedAttention(Q, K, V, mask?): Q's rows by V's columns, leading axes broadcast as in MatMul. */
const fusedAttention: Rule = (n, [q, k, v, mask]) => {
  const hasMask = !!n.inputs[3];
  const matrices = [q?.dims, k?.dims, v?.dims];
  if (matrices.some((d) => !d || d.length < 2) || (hasMask && !mask?.dims)) return [{ type: q?.type }];
  const lead = (d: Dim[]) => d.slice(0, Math.max(0, d.length - 2));
  const batch = broadcastDims([...matrices.map((d) => lead(d!)), ...(hasMask ? [lead(mask!.dims!)] : [])]);
  if (!batch) return [{ type: q!.type }];
  const [qd, vd] = [q!.dims!, v!.dims!];
  return [{ type: q!.type, dims: [...batch, qd[qd.length - 2], vd[vd.length - 1]] }];
};

/** Fused ops with semantics of their own rather than a base op's. */
const FUSED_RULES: Record<string, Rule> = { FusedAttention: fusedAttention };

/** com.microsoft ops the optimizer writes (fuse-matmul-integer-to-float), so later passes see their shapes. */
const MICROSOFT_RULES: Record<string, Rule> = {
  MatMulIntegerToFloat: (n, [a, b]) => [{ ...RULES.MatMul(n, [a, b], [], 0)[0], type: 'float32' }],
};

/** Infers one node's output shapes; undefined entries where nothing is known. */
export function inferNodeShapes(
  node: Node,
  inputs: (ShapeInfo | undefined)[],
  consts: (Tensor | undefined)[],
  opset: number,
): (ShapeInfo | undefined)[] {
  const rule = node.domain === '' ? RULES[node.opType]
    : node.domain === FUSED_DOMAIN ? FUSED_RULES[node.opType] ?? RULES[FUSED_BASE[node.opType]]
      : node.domain === MICROSOFT_DOMAIN ? MICROSOFT_RULES[node.opType] : undefined;
  if (!rule) return [];
  try {
    return rule(node, inputs, consts, opset);
  } catch {
    return []; // a malformed node is reported by its kernel, not by inference
  }
}

export function shapeOfTensor(t: Tensor): ShapeInfo {
  return { type: t.type, dims: [...t.dims] };
}

/**
 * Shapes for every value of a graph whose nodes are in topological order, seeded from
 * declared input types, initializers and any value_info.
 */
export function inferGraphShapes(graph: Graph, opsets: ReadonlyMap<string, number>, order: Node[] = graph.nodes): Map<string, ShapeInfo> {
  const shapes = new Map<string, ShapeInfo>();
  for (const [name, vi] of graph.valueInfo) if (vi.type?.kind === 'tensor') shapes.set(name, { type: vi.type.elemType, dims: vi.type.shape });
  for (const i of graph.inputs) if (i.type?.kind === 'tensor') shapes.set(i.name, { type: i.type.elemType, dims: i.type.shape });
  // an initializer that is also an input is only its default: the input's declared shape holds
  for (const [name, t] of graph.initializers) if (constantOf(graph, name)) shapes.set(name, shapeOfTensor(t));
  for (const node of order) {
    const ins = node.inputs.map((n) => (n ? shapes.get(n) : undefined));
    const consts = node.inputs.map((n) => constantOf(graph, n));
    const outs = node.opType === 'Constant' ? constantShape(node) : inferNodeShapes(node, ins, consts, opsets.get(node.domain) ?? 1);
    node.outputs.forEach((o, i) => {
      const s = outs[i];
      if (o && s && (s.dims || s.type)) shapes.set(o, mergeShapes(shapes.get(o), s));
    });
  }
  return shapes;
}

function constantShape(node: Node): (ShapeInfo | undefined)[] {
  const v = node.attributes.get('value');
  if (v?.type === 'tensor') return [shapeOfTensor(v.value)];
  return [];
}

function mergeShapes(declared: ShapeInfo | undefined, inferred: ShapeInfo): ShapeInfo {
  if (!declared) return inferred;
  const dims = inferred.dims && declared.dims && inferred.dims.length === declared.dims.length
    ? inferred.dims.map((d, i) => (typeof d === 'number' ? d : declared.dims![i]))
    : inferred.dims ?? declared.dims;
  return { type: inferred.type ?? declared.type, dims };
}
