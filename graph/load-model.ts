// Model loading: bytes → checked protobuf → graph IR. Accepts a path, Uint8Array or ArrayBuffer.
import { host } from '../data/platform/host.js';
import type { Tensor } from '../data/tensor.js';
import { InvalidModelError, ModelLoadError, OnnxError } from '../data/errors.js';
import { type TensorDecodeContext, decodeSparseTensor, decodeTensor } from './decode-tensor.js';
import { convertType, wasSet as has } from './decode-type.js';
import type { AttributeValue, FunctionDef, Graph, Model, Node, ValueInfo, ValueType } from './ir.js';
import { normalizeDomain } from './ir.js';
import { type ResourceLimits, defaultLimits } from './limits.js';
import { checkWireFormat } from './proto/check-wire.js';
import {
  type AttributeMessage, type GraphMessage, type ModelMessage, type NodeMessage, type OperatorSetId,
  type ValueInfoMessage, int64ToNumber,
} from './proto/onnx-messages.js';
import { onnxCodec } from './proto/typed-codec.js';

/** What a caller may add to the bytes: external data it holds, and tighter limits. */
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
  irVersion: number;
}

/** The newest ONNX IR version this loader reads: that of the ONNX 1.23 test data, and onnxruntime 1.30's limit. */
export const MAX_IR_VERSION = 13;

function convertValueInfo(v: ValueInfoMessage): ValueInfo {
  const name = v.name ?? '';
  return { name, type: convertType(v.type, `Value "${name}"`) };
}

const ATTR_TYPES: Record<number, AttributeValue['type']> = {
  1: 'float', 2: 'int', 3: 'string', 4: 'tensor', 5: 'graph', 6: 'floats', 7: 'ints', 8: 'strings',
  9: 'tensors', 10: 'graphs', 11: 'tensor', 12: 'tensors', 13: 'type_proto', 14: 'type_protos',
};

/** The AttributeProto.AttributeType each value field belongs to, for attributes without a type. */
const VALUE_FIELDS: [field: keyof AttributeMessage, code: number, repeated: boolean][] = [
  ['f', 1, false], ['i', 2, false], ['s', 3, false], ['t', 4, false], ['g', 5, false], ['sparseTensor', 11, false], ['tp', 13, false],
  ['floats', 6, true], ['ints', 7, true], ['strings', 8, true], ['tensors', 9, true], ['graphs', 10, true],
  ['sparseTensors', 12, true], ['typeProtos', 14, true],
];

/**
 * The attribute's type code. IR version 1 had no type field, so there (only) it is inferred
 * from the one value field that is set, as onnx's checker accepts; from IR 2 on it is required.
 */
function attributeTypeCode(a: AttributeMessage, ctx: ConvertContext, where: string): number {
  const name = a.name ?? '';
  if (a.type) {
    if (!ATTR_TYPES[a.type]) throw new InvalidModelError(`${where}: attribute "${name}" has unknown type ${a.type}`, { attribute: name });
    return a.type;
  }
  if (ctx.irVersion >= 2) {
    throw new InvalidModelError(`${where}: attribute "${name}" has no type; AttributeProto.type is required from IR version 2 on (this model is IR ${ctx.irVersion})`, { attribute: name });
  }
  const set = VALUE_FIELDS.filter(([field, , repeated]) => (repeated ? ((a[field] as unknown[] | undefined)?.length ?? 0) > 0 : has(a, field)));
  if (set.length !== 1) {
    throw new InvalidModelError(
      `${where}: attribute "${name}" has no type and ${set.length ? `several values (${set.map(([f]) => f).join(', ')})` : 'no value'}, so its type cannot be inferred`,
      { attribute: name },
    );
  }
  return set[0][1];
}

function convertAttribute(a: AttributeMessage, ctx: ConvertContext, where: string): AttributeValue {
  if (a.refAttrName) return { type: 'ref', value: a.refAttrName };
  if (!a.name) throw new InvalidModelError(`${where}: an attribute has no name`);
  const code = attributeTypeCode(a, ctx, where);
  const type = ATTR_TYPES[code];
  switch (type) {
    case 'float': return { type, value: a.f ?? 0 };
    case 'int': return { type, value: int64ToNumber(a.i) };
    case 'string': return { type, value: a.s && a.s.length ? utf8.decode(a.s) : '' };
    case 'tensor':
      if (code === 11) {
        if (!a.sparseTensor) throw new InvalidModelError(`${where}: attribute "${a.name}" is a sparse tensor attribute without a sparse tensor`, { attribute: a.name });
        return { type, value: decodeSparseTensor(a.sparseTensor, ctx) };
      }
      if (!a.t) throw new InvalidModelError(`${where}: attribute "${a.name}" is a tensor attribute without a tensor`, { attribute: a.name });
      return { type, value: decodeTensor(a.t, ctx) };
    case 'graph':
      if (!a.g) throw new InvalidModelError(`${where}: attribute "${a.name}" is a graph attribute without a graph`, { attribute: a.name });
      return { type, value: convertGraph(a.g, { ...ctx, depth: ctx.depth + 1 }) };
    case 'floats': return { type, value: [...(a.floats ?? [])] };
    case 'ints': return { type, value: (a.ints ?? []).map(int64ToNumber) };
    case 'strings': return { type, value: (a.strings ?? []).map((s) => utf8.decode(s)) };
    case 'tensors':
      if (code === 12) return { type, value: (a.sparseTensors ?? []).map((t) => decodeSparseTensor(t, ctx)) };
      return { type, value: (a.tensors ?? []).map((t) => decodeTensor(t, ctx)) };
    case 'graphs': return { type, value: (a.graphs ?? []).map((g) => convertGraph(g, { ...ctx, depth: ctx.depth + 1 })) };
    case 'type_proto': {
      const t = convertType(a.tp, `${where}: attribute "${a.name}"`);
      if (!t) throw new InvalidModelError(`${where}: attribute "${a.name}" has an unusable type`, { attribute: a.name });
      return { type, value: t };
    }
    case 'type_protos': return { type, value: (a.typeProtos ?? []).map((t) => convertType(t, `${where}: attribute "${a.name}"`)).filter((t): t is ValueType => !!t) };
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

/**
 * An input that an initializer of the same name backs is an optional override (IR >= 4; the
 * default value of the input before): a feed replaces the initializer, so the two must agree
 * on type, and an input declared without a type takes the initializer's.
 */
function overridableInput(input: ValueInfo, init: Tensor, graph: string): ValueInfo {
  const t = input.type;
  const initType = `${init.type} [${init.dims.join(', ')}]`;
  if (!t) return { ...input, type: { kind: 'tensor', elemType: init.type, shape: [...init.dims] } };
  const fail = (declared: string): never => {
    throw new InvalidModelError(
      `Graph "${graph}": input "${input.name}" is declared as ${declared}, but its initializer is a ${initType} tensor`,
      { input: input.name },
    );
  };
  if (t.kind !== 'tensor') fail(`a ${t.kind}`);
  else if (t.elemType !== init.type) fail(`${t.elemType}`);
  else if (t.shape && (t.shape.length !== init.dims.length || t.shape.some((d, i) => typeof d === 'number' && d !== init.dims[i]))) {
    fail(`${t.elemType} [${t.shape.map((d) => d ?? '?').join(', ')}]`);
  }
  return input;
}

function convertGraph(g: GraphMessage, ctx: ConvertContext): Graph {
  if (ctx.depth > ctx.limits.maxGraphNesting) {
    throw new ModelLoadError(`Subgraphs are nested deeper than ${ctx.limits.maxGraphNesting} levels; refusing the model`);
  }
  const name = g.name ?? '';
  const initializers = new Map<string, Tensor>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', decodeTensor(t, ctx));
  for (const s of g.sparseInitializer ?? []) initializers.set(s.values?.name ?? '', decodeSparseTensor(s, ctx));
  const valueInfo = new Map<string, ValueInfo>();
  for (const v of g.valueInfo ?? []) valueInfo.set(v.name ?? '', convertValueInfo(v));
  // Before IR 4 every initializer had to be listed as an input too, and was a weight all the
  // same (onnxruntime's CanOverrideInitializer): only from IR 4 on does a listed one become an
  // input whose initializer is just a default, which the optimizer must not bake in.
  const inputs = (g.input ?? []).map(convertValueInfo).flatMap((v) => {
    const init = initializers.get(v.name);
    if (!init) return [v];
    return ctx.irVersion < 4 ? [] : [overridableInput(v, init, name)];
  });
  return {
    name,
    nodes: (g.node ?? []).map((n, i) => convertNode(n, ctx, i)),
    inputs,
    outputs: (g.output ?? []).map(convertValueInfo),
    initializers,
    valueInfo,
  };
}

/**
 * opset_import → version per domain ('' for ai.onnx). A version is required ("MUST be
 * present"); unset it would read as 0, an opset no operator has. A domain imported twice
 * must name one version.
 */
function opsetMap(list: OperatorSetId[] | undefined, where: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of list ?? []) {
    const domain = normalizeDomain(o.domain);
    const shown = domain || 'ai.onnx';
    const version = has(o, 'version') ? int64ToNumber(o.version) : undefined;
    if (version === undefined || !Number.isSafeInteger(version) || version < 1) {
      throw new InvalidModelError(`${where} imports domain "${shown}" ${version === undefined ? 'without a version' : `at version ${version}`}; opset versions start at 1`);
    }
    const before = m.get(domain);
    if (before !== undefined && before !== version) {
      throw new InvalidModelError(`${where} imports domain "${shown}" twice, at versions ${before} and ${version}`);
    }
    m.set(domain, version);
  }
  return m;
}

/** ir_version is required, and versions newer than this loader's may change what fields mean. */
function checkedIrVersion(msg: ModelMessage): number {
  if (!has(msg, 'irVersion')) throw new InvalidModelError('The model has no ir_version; every ModelProto must say which ONNX IR version it follows');
  const v = int64ToNumber(msg.irVersion);
  if (!Number.isSafeInteger(v) || v < 1) throw new InvalidModelError(`The model has ir_version ${v}; IR versions start at 1`);
  if (v > MAX_IR_VERSION) {
    throw new ModelLoadError(`The model uses ONNX IR version ${v}; onnx-ts reads IR versions 1 to ${MAX_IR_VERSION}`);
  }
  return v;
}

/** The graph's own inputs must be typed (ONNX: "MUST be present ... for inputs and outputs of the top-level graph"); initializer-backed ones took the initializer's type. */
function checkTopLevelInputs(graph: Graph): void {
  for (const input of graph.inputs) {
    if (!input.type) {
      throw new InvalidModelError(`Graph input "${input.name}" has no type; the inputs of the main graph must declare one`, { input: input.name });
    }
  }
}

export function decodeModelBytes(bytes: Uint8Array, options: LoadModelOptions & { baseDir?: string } = {}): Model {
  const limits = { ...defaultLimits(), ...options.limits };
  let msg: ModelMessage;
  try {
    checkWireFormat(bytes, 'ModelProto', MAX_MESSAGE_DEPTH);
    msg = onnxCodec.ModelProto.decode(bytes);
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new ModelLoadError(`Cannot decode the model: ${(e as Error).message}`, { cause: e });
  }
  if (!msg.graph) throw new InvalidModelError('The model has no graph');
  const irVersion = checkedIrVersion(msg);
  const opsets = opsetMap(msg.opsetImport, 'The model');
  if (opsets.size === 0) {
    // opset_import came with IR version 3; before it, a model used ai.onnx opset 1
    if (irVersion >= 3) throw new InvalidModelError(`The model (IR version ${irVersion}) has no opset_import; from IR version 3 on a model must import at least one operator set`);
    opsets.set('', 1);
  }
  const ctx: ConvertContext = { depth: 0, limits, irVersion, external: { baseDir: options.baseDir, files: options.externalData } };
  let graph: Graph;
  const functions: FunctionDef[] = [];
  try {
    graph = convertGraph(msg.graph, ctx);
    checkTopLevelInputs(graph);
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
        opsets: opsetMap(fm.opsetImport, `Function "${fm.name ?? ''}"`),
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
