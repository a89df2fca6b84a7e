// Model loading: bytes → checked protobuf → graph IR. Accepts a path, Uint8Array or ArrayBuffer.
import { host } from '../data/platform/host.js';
import { dataTypeFromCode } from '../data/dtype.js';
import { InvalidModelError, ModelLoadError, OnnxError } from '../data/errors.js';
import { type TensorDecodeContext, decodeSparseTensor, decodeTensor } from './decode-tensor.js';
import type { AttributeValue, Dim, FunctionDef, Graph, Model, Node, ValueInfo, ValueType } from './ir.js';
import { normalizeDomain } from './ir.js';
import { type ResourceLimits, defaultLimits } from './limits.js';
import { checkWireFormat } from './proto/check-wire.js';
import {
  type AttributeMessage, type GraphMessage, type ModelMessage, type NodeMessage, type TypeMessage,
  type ValueInfoMessage, int64ToNumber,
} from './proto/onnx-messages.js';
import { ModelProtoType } from './proto/onnx-schema.js';

export interface LoadModelOptions {
  /** Caller-supplied external data files, keyed by the location the model names. */
  externalData?: Map<string, Uint8Array>;
  limits?: Partial<ResourceLimits>;
}

/** Protobuf messages nested deeper than this are refused before decoding. */
const MAX_MESSAGE_DEPTH = 256;

const utf8 = new TextDecoder();

interface ConvertContext extends TensorDecodeContext {
  depth: number;
  limits: ResourceLimits;
}

export function convertType(t: TypeMessage | undefined): ValueType | undefined {
  if (!t) return undefined;
  const shapeOf = (s: { dim?: { dimValue?: unknown; dimParam?: string }[] } | undefined): Dim[] | undefined =>
    s ? (s.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? int64ToNumber(d.dimValue as number) : undefined)) : undefined;
  if (t.tensorType) {
    const elemType = dataTypeFromCode(t.tensorType.elemType ?? 0);
    if (!elemType) return undefined;
    return { kind: 'tensor', elemType, shape: shapeOf(t.tensorType.shape) };
  }
  if (t.sparseTensorType) {
    const elemType = dataTypeFromCode(t.sparseTensorType.elemType ?? 0);
    if (!elemType) return undefined;
    return { kind: 'sparse_tensor', elemType, shape: shapeOf(t.sparseTensorType.shape) };
  }
  if (t.sequenceType) return { kind: 'sequence', elem: convertType(t.sequenceType.elemType) };
  if (t.optionalType) return { kind: 'optional', elem: convertType(t.optionalType.elemType) };
  if (t.mapType) {
    return { kind: 'map', keyType: dataTypeFromCode(t.mapType.keyType ?? 0) ?? 'int64', value: convertType(t.mapType.valueType) };
  }
  return undefined;
}

function convertValueInfo(v: ValueInfoMessage): ValueInfo {
  return { name: v.name ?? '', type: convertType(v.type) };
}

const ATTR_TYPES: Record<number, AttributeValue['type']> = {
  1: 'float', 2: 'int', 3: 'string', 4: 'tensor', 5: 'graph', 6: 'floats', 7: 'ints', 8: 'strings',
  9: 'tensors', 10: 'graphs', 11: 'tensor', 12: 'tensors', 13: 'type_proto', 14: 'type_protos',
};

function convertAttribute(a: AttributeMessage, ctx: ConvertContext, where: string): AttributeValue {
  if (a.refAttrName) return { type: 'ref', value: a.refAttrName };
  let type = a.type ? ATTR_TYPES[a.type] : undefined;
  if (!type) {
    // IR version 1 had no type field: infer it from whichever value is present
    if (a.g) type = 'graph';
    else if (a.t || a.sparseTensor) type = 'tensor';
    else if (a.s && a.s.length) type = 'string';
    else if (a.floats?.length) type = 'floats';
    else if (a.ints?.length) type = 'ints';
    else if (a.strings?.length) type = 'strings';
    else if (a.graphs?.length) type = 'graphs';
    else if (a.tensors?.length) type = 'tensors';
    else if (a.f !== undefined && a.f !== 0) type = 'float';
    else type = 'int';
  }
  switch (type) {
    case 'float': return { type, value: a.f ?? 0 };
    case 'int': return { type, value: int64ToNumber(a.i) };
    case 'string': return { type, value: a.s && a.s.length ? utf8.decode(a.s) : '' };
    case 'tensor':
      if (a.sparseTensor && a.type === 11) return { type, value: decodeSparseTensor(a.sparseTensor, ctx) };
      if (!a.t) throw new InvalidModelError(`${where}: attribute "${a.name}" is a tensor attribute without a tensor`, { attribute: a.name });
      return { type, value: decodeTensor(a.t, ctx) };
    case 'graph':
      if (!a.g) throw new InvalidModelError(`${where}: attribute "${a.name}" is a graph attribute without a graph`, { attribute: a.name });
      return { type, value: convertGraph(a.g, { ...ctx, depth: ctx.depth + 1 }) };
    case 'floats': return { type, value: [...(a.floats ?? [])] };
    case 'ints': return { type, value: (a.ints ?? []).map(int64ToNumber) };
    case 'strings': return { type, value: (a.strings ?? []).map((s) => utf8.decode(s)) };
    case 'tensors':
      if (a.type === 12) return { type, value: (a.sparseTensors ?? []).map((t) => decodeSparseTensor(t, ctx)) };
      return { type, value: (a.tensors ?? []).map((t) => decodeTensor(t, ctx)) };
    case 'graphs': return { type, value: (a.graphs ?? []).map((g) => convertGraph(g, { ...ctx, depth: ctx.depth + 1 })) };
    case 'type_proto': {
      const t = convertType(a.tp);
      if (!t) throw new InvalidModelError(`${where}: attribute "${a.name}" has an unusable type`, { attribute: a.name });
      return { type, value: t };
    }
    case 'type_protos': return { type, value: (a.typeProtos ?? []).map((t) => convertType(t)).filter((t): t is ValueType => !!t) };
    default: throw new InvalidModelError(`${where}: attribute "${a.name}" has unknown type ${a.type}`, { attribute: a.name });
  }
}

export function convertNode(n: NodeMessage, ctx: ConvertContext, index: number): Node {
  const name = n.name ?? '';
  const opType = n.opType ?? '';
  const where = `Node "${name || `#${index}`}" (${opType || 'no op_type'})`;
  if (!opType) throw new InvalidModelError(`${where} has no op_type`, { node: name });
  const attributes = new Map<string, AttributeValue>();
  for (const a of n.attribute ?? []) {
    const an = a.name ?? '';
    if (attributes.has(an)) throw new InvalidModelError(`${where}: attribute "${an}" is given twice`, { node: name, opType, attribute: an });
    attributes.set(an, convertAttribute(a, ctx, where));
  }
  return {
    name: name || `${opType}_${index}`,
    opType,
    domain: normalizeDomain(n.domain),
    inputs: [...(n.input ?? [])],
    outputs: [...(n.output ?? [])],
    attributes,
  };
}

function convertGraph(g: GraphMessage, ctx: ConvertContext): Graph {
  if (ctx.depth > ctx.limits.maxGraphNesting) {
    throw new ModelLoadError(`Subgraphs are nested deeper than ${ctx.limits.maxGraphNesting} levels; refusing the model`);
  }
  const initializers = new Map<string, import('../data/tensor.js').Tensor>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', decodeTensor(t, ctx));
  for (const s of g.sparseInitializer ?? []) initializers.set(s.values?.name ?? '', decodeSparseTensor(s, ctx));
  const valueInfo = new Map<string, ValueInfo>();
  for (const v of g.valueInfo ?? []) valueInfo.set(v.name ?? '', convertValueInfo(v));
  return {
    name: g.name ?? '',
    nodes: (g.node ?? []).map((n, i) => convertNode(n, ctx, i)),
    inputs: (g.input ?? []).map(convertValueInfo),
    outputs: (g.output ?? []).map(convertValueInfo),
    initializers,
    valueInfo,
  };
}

function opsetMap(list: { domain?: string; version?: unknown }[] | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of list ?? []) m.set(normalizeDomain(o.domain), int64ToNumber(o.version as number));
  return m;
}

export function decodeModelBytes(bytes: Uint8Array, options: LoadModelOptions & { baseDir?: string } = {}): Model {
  const limits = { ...defaultLimits(), ...options.limits };
  let msg: ModelMessage;
  try {
    checkWireFormat(bytes, ModelProtoType, MAX_MESSAGE_DEPTH);
    msg = ModelProtoType.decode(bytes) as unknown as ModelMessage;
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new ModelLoadError(`Cannot decode the model: ${(e as Error).message}`, { cause: e });
  }
  if (!msg.graph) throw new InvalidModelError('The model has no graph');
  const irVersion = int64ToNumber(msg.irVersion);
  const opsets = opsetMap(msg.opsetImport);
  if (opsets.size === 0) opsets.set('', 1); // IR < 3 models have no opset_import: opset 1
  const ctx: ConvertContext = { depth: 0, limits, external: { baseDir: options.baseDir, files: options.externalData } };
  let graph: Graph;
  const functions: FunctionDef[] = [];
  try {
    graph = convertGraph(msg.graph, ctx);
    for (const fm of msg.functions ?? []) {
      const attributeDefaults = new Map<string, AttributeValue>();
      for (const a of fm.attributeProto ?? []) attributeDefaults.set(a.name ?? '', convertAttribute(a, ctx, `Function ${fm.name}`));
      functions.push({
        name: fm.name ?? '',
        domain: normalizeDomain(fm.domain),
        overload: fm.overload ?? '',
        inputs: [...(fm.input ?? [])],
        outputs: [...(fm.output ?? [])],
        attributeNames: [...(fm.attribute ?? []), ...attributeDefaults.keys()],
        attributeDefaults,
        nodes: (fm.node ?? []).map((n, i) => convertNode(n, ctx, i)),
        opsets: opsetMap(fm.opsetImport),
      });
    }
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new ModelLoadError(`Cannot read the model: ${(e as Error).message}`, { cause: e });
  }
  return {
    irVersion,
    opsets,
    producerName: msg.producerName ?? '',
    producerVersion: msg.producerVersion ?? '',
    graph,
    functions,
    metadata: new Map((msg.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
  };
}

export type ModelSource = string | Uint8Array | ArrayBuffer;

export function loadModel(source: ModelSource, options: LoadModelOptions = {}): Model {
  if (typeof source === 'string') {
    const files = host.files;
    if (!files) throw new ModelLoadError(`Cannot read model file "${source}": this host has no file system; pass the model's bytes`);
    let bytes: Uint8Array;
    try {
      bytes = files.readFile(source);
    } catch (e) {
      throw new ModelLoadError(`Cannot read model file "${source}": ${(e as Error).message}`, { cause: e });
    }
    return decodeModelBytes(bytes, { ...options, baseDir: files.dirname(files.resolve(source)) });
  }
  if (source instanceof ArrayBuffer) return decodeModelBytes(new Uint8Array(source), options);
  if (source instanceof Uint8Array) return decodeModelBytes(source, options);
  throw new ModelLoadError('A model must be given as a file path, a Uint8Array or an ArrayBuffer');
}
