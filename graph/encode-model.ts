// Graph IR → ONNX protobuf bytes. Used to write the bundled example model and optimized
// models (optimizedModelFilePath); what it writes, load-model reads back unchanged.
import { type DataType, type TypedArray, dataTypeCode } from '../data/dtype.js';
import type { Tensor } from '../data/tensor.js';
import type { AttributeValue, Dim, Graph, Model, Node, ValueInfo, ValueType } from './ir.js';
import { onnxCodec } from './proto/typed-codec.js';

type Msg = Record<string, unknown>;

function packSubByte(type: DataType, data: ArrayLike<number>): Uint8Array {
  const per = type === 'int2' || type === 'uint2' ? 4 : 2;
  const bits = 8 / per;
  const mask = (1 << bits) - 1;
  const out = new Uint8Array(Math.ceil(data.length / per));
  for (let i = 0; i < data.length; i++) out[Math.floor(i / per)] |= (data[i] & mask) << ((i % per) * bits);
  return out;
}

export function encodeTensor(t: Tensor, name = ''): Msg {
  const m: Msg = { name, dims: [...t.dims], dataType: dataTypeCode(t.type) };
  if (t.type === 'string') {
    const enc = new TextEncoder();
    m.stringData = (t.data as string[]).map((s) => enc.encode(s));
  } else if (['int4', 'uint4', 'int2', 'uint2', 'float4e2m1'].includes(t.type)) {
    m.rawData = packSubByte(t.type, t.data as ArrayLike<number>);
  } else {
    const d = t.data as TypedArray;
    m.rawData = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  }
  return m;
}

function encodeDims(shape: Dim[] | undefined): Msg | undefined {
  if (!shape) return undefined;
  return { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})) };
}

export function encodeType(t: ValueType | undefined): Msg | undefined {
  if (!t) return undefined;
  switch (t.kind) {
    case 'tensor': return { tensorType: { elemType: dataTypeCode(t.elemType), shape: encodeDims(t.shape) } };
    case 'sparse_tensor': return { sparseTensorType: { elemType: dataTypeCode(t.elemType), shape: encodeDims(t.shape) } };
    case 'sequence': return { sequenceType: { elemType: encodeType(t.elem) } };
    case 'optional': return { optionalType: { elemType: encodeType(t.elem) } };
    case 'map': return { mapType: { keyType: dataTypeCode(t.keyType), valueType: encodeType(t.value) } };
  }
}

function encodeValueInfo(v: ValueInfo): Msg {
  return { name: v.name, type: encodeType(v.type) };
}

const ATTR_CODES: Record<AttributeValue['type'], number> = {
  float: 1, int: 2, string: 3, tensor: 4, graph: 5, floats: 6, ints: 7, strings: 8, tensors: 9, graphs: 10,
  type_proto: 13, type_protos: 14, ref: 0,
};

function encodeAttribute(name: string, a: AttributeValue): Msg {
  const m: Msg = { name, type: ATTR_CODES[a.type] };
  const enc = new TextEncoder();
  switch (a.type) {
    case 'float': m.f = a.value; break;
    case 'int': m.i = a.value; break;
    case 'string': m.s = enc.encode(a.value); break;
    case 'tensor': m.t = encodeTensor(a.value); break;
    case 'graph': m.g = encodeGraph(a.value); break;
    case 'floats': m.floats = a.value; break;
    case 'ints': m.ints = a.value; break;
    case 'strings': m.strings = a.value.map((s) => enc.encode(s)); break;
    case 'tensors': m.tensors = a.value.map((t) => encodeTensor(t)); break;
    case 'graphs': m.graphs = a.value.map(encodeGraph); break;
    case 'type_proto': m.tp = encodeType(a.value); break;
    case 'type_protos': m.typeProtos = a.value.map(encodeType); break;
    case 'ref': delete m.type; m.refAttrName = a.value; break;
  }
  return m;
}

function encodeNode(n: Node): Msg {
  return {
    name: n.name, opType: n.opType, domain: n.domain, input: n.inputs, output: n.outputs,
    attribute: [...n.attributes].map(([k, v]) => encodeAttribute(k, v)),
  };
}

export function encodeGraph(g: Graph): Msg {
  return {
    name: g.name,
    node: g.nodes.map(encodeNode),
    initializer: [...g.initializers].map(([name, t]) => encodeTensor(t, name)),
    input: g.inputs.map(encodeValueInfo),
    output: g.outputs.map(encodeValueInfo),
    valueInfo: [...g.valueInfo.values()].map(encodeValueInfo),
  };
}

export function encodeModel(model: Model): Uint8Array {
  const msg = {
    irVersion: model.irVersion,
    opsetImport: [...model.opsets].map(([domain, version]) => ({ domain, version })),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    graph: encodeGraph(model.graph),
    metadataProps: [...model.metadata].map(([key, value]) => ({ key, value })),
  };
  return onnxCodec.ModelProto.encode(msg).finish();
}
