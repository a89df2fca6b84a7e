// The ONNX protobuf messages (onnx.proto, onnx-ml.proto and onnx-data.proto), written out
// as a protobufjs JSON descriptor. Kept as data in the repo, so no schema from outside is ever
// parsed: schema-codec.ts decodes and encodes by it, check-wire.ts walks bytes with it, and
// onnx-reflection.ts gives tests and scripts protobufjs reflection.
// Nothing here imports protobufjs, so a bundle carries only its minimal runtime.

type Fields = Record<string, { id: number; type: string; rule?: 'repeated'; options?: { packed: boolean } }>;

export interface MessageSchema { fields: Fields; nested?: Record<string, MessageSchema>; edition?: string }

const f = (id: number, type: string) => ({ id, type });
const r = (id: number, type: string) => ({ id, type, rule: 'repeated' as const });

const messages: Record<string, MessageSchema> = {
  StringStringEntryProto: { fields: { key: f(1, 'string'), value: f(2, 'string') } },
  OperatorSetIdProto: { fields: { domain: f(1, 'string'), version: f(2, 'int64') } },
  TensorAnnotation: {
    fields: { tensorName: f(1, 'string'), quantParameterTensorNames: r(2, 'StringStringEntryProto') },
  },
  AttributeProto: {
    fields: {
      name: f(1, 'string'),
      refAttrName: f(21, 'string'),
      docString: f(13, 'string'),
      type: f(20, 'int32'),
      f: f(2, 'float'),
      i: f(3, 'int64'),
      s: f(4, 'bytes'),
      t: f(5, 'TensorProto'),
      g: f(6, 'GraphProto'),
      sparseTensor: f(22, 'SparseTensorProto'),
      tp: f(14, 'TypeProto'),
      floats: r(7, 'float'),
      ints: r(8, 'int64'),
      strings: r(9, 'bytes'),
      tensors: r(10, 'TensorProto'),
      graphs: r(11, 'GraphProto'),
      sparseTensors: r(23, 'SparseTensorProto'),
      typeProtos: r(15, 'TypeProto'),
    },
  },
  ValueInfoProto: {
    fields: {
      name: f(1, 'string'),
      type: f(2, 'TypeProto'),
      docString: f(3, 'string'),
      metadataProps: r(4, 'StringStringEntryProto'),
    },
  },
  NodeProto: {
    fields: {
      input: r(1, 'string'),
      output: r(2, 'string'),
      name: f(3, 'string'),
      opType: f(4, 'string'),
      domain: f(7, 'string'),
      overload: f(8, 'string'),
      attribute: r(5, 'AttributeProto'),
      docString: f(6, 'string'),
      metadataProps: r(9, 'StringStringEntryProto'),
    },
  },
  TrainingInfoProto: {
    fields: {
      initialization: f(1, 'GraphProto'),
      algorithm: f(2, 'GraphProto'),
      initializationBinding: r(3, 'StringStringEntryProto'),
      updateBinding: r(4, 'StringStringEntryProto'),
    },
  },
  ModelProto: {
    fields: {
      irVersion: f(1, 'int64'),
      opsetImport: r(8, 'OperatorSetIdProto'),
      producerName: f(2, 'string'),
      producerVersion: f(3, 'string'),
      domain: f(4, 'string'),
      modelVersion: f(5, 'int64'),
      docString: f(6, 'string'),
      graph: f(7, 'GraphProto'),
      metadataProps: r(14, 'StringStringEntryProto'),
      trainingInfo: r(20, 'TrainingInfoProto'),
      functions: r(25, 'FunctionProto'),
    },
  },
  GraphProto: {
    fields: {
      node: r(1, 'NodeProto'),
      name: f(2, 'string'),
      initializer: r(5, 'TensorProto'),
      sparseInitializer: r(15, 'SparseTensorProto'),
      docString: f(10, 'string'),
      input: r(11, 'ValueInfoProto'),
      output: r(12, 'ValueInfoProto'),
      valueInfo: r(13, 'ValueInfoProto'),
      quantizationAnnotation: r(14, 'TensorAnnotation'),
      metadataProps: r(16, 'StringStringEntryProto'),
    },
  },
  TensorProto: {
    fields: {
      dims: r(1, 'int64'),
      dataType: f(2, 'int32'),
      segment: f(3, 'Segment'),
      floatData: r(4, 'float'),
      int32Data: r(5, 'int32'),
      stringData: r(6, 'bytes'),
      int64Data: r(7, 'int64'),
      name: f(8, 'string'),
      docString: f(12, 'string'),
      rawData: f(9, 'bytes'),
      externalData: r(13, 'StringStringEntryProto'),
      dataLocation: f(14, 'int32'),
      doubleData: r(10, 'double'),
      uint64Data: r(11, 'uint64'),
      metadataProps: r(16, 'StringStringEntryProto'),
    },
    nested: { Segment: { fields: { begin: f(1, 'int64'), end: f(2, 'int64') } } },
  },
  SparseTensorProto: {
    fields: { values: f(1, 'TensorProto'), indices: f(2, 'TensorProto'), dims: r(3, 'int64') },
  },
  TensorShapeProto: {
    fields: { dim: r(1, 'Dimension') },
    nested: {
      Dimension: { fields: { dimValue: f(1, 'int64'), dimParam: f(2, 'string'), denotation: f(3, 'string') } },
    },
  },
  TypeProto: {
    fields: {
      tensorType: f(1, 'TensorTypeProto'),
      sequenceType: f(4, 'SequenceTypeProto'),
      mapType: f(5, 'MapTypeProto'),
      optionalType: f(9, 'OptionalTypeProto'),
      sparseTensorType: f(8, 'TensorTypeProto'),
      opaqueType: f(7, 'OpaqueTypeProto'),
      denotation: f(6, 'string'),
    },
  },
  TensorTypeProto: { fields: { elemType: f(1, 'int32'), shape: f(2, 'TensorShapeProto') } },
  SequenceTypeProto: { fields: { elemType: f(1, 'TypeProto') } },
  MapTypeProto: { fields: { keyType: f(1, 'int32'), valueType: f(2, 'TypeProto') } },
  OptionalTypeProto: { fields: { elemType: f(1, 'TypeProto') } },
  OpaqueTypeProto: { fields: { domain: f(1, 'string'), name: f(2, 'string') } },
  FunctionProto: {
    fields: {
      name: f(1, 'string'),
      input: r(4, 'string'),
      output: r(5, 'string'),
      attribute: r(6, 'string'),
      attributeProto: r(11, 'AttributeProto'),
      node: r(7, 'NodeProto'),
      docString: f(8, 'string'),
      opsetImport: r(9, 'OperatorSetIdProto'),
      domain: f(10, 'string'),
      overload: f(13, 'string'),
      valueInfo: r(12, 'ValueInfoProto'),
      metadataProps: r(14, 'StringStringEntryProto'),
    },
  },
  // onnx-data.proto: the containers used by the backend test data files.
  SequenceProto: {
    fields: {
      name: f(1, 'string'),
      elemType: f(2, 'int32'),
      tensorValues: r(3, 'TensorProto'),
      sparseTensorValues: r(4, 'SparseTensorProto'),
      sequenceValues: r(5, 'SequenceProto'),
      mapValues: r(6, 'MapProto'),
      optionalValues: r(7, 'OptionalProto'),
    },
  },
  MapProto: {
    fields: {
      name: f(1, 'string'),
      keyType: f(2, 'int32'),
      keys: r(3, 'int64'),
      stringKeys: r(4, 'bytes'),
      values: f(5, 'SequenceProto'),
    },
  },
  OptionalProto: {
    fields: {
      name: f(1, 'string'),
      elemType: f(2, 'int32'),
      tensorValue: f(3, 'TensorProto'),
      sparseTensorValue: f(4, 'SparseTensorProto'),
      sequenceValue: f(5, 'SequenceProto'),
      mapValue: f(6, 'MapProto'),
      optionalValue: f(7, 'OptionalProto'),
    },
  },
};

// onnx.proto is proto2: a field set to 0 is on the wire and means 0, an unset one is absent
// (dim_value 0 is a fixed size, no dim_value an unknown one). protobufjs reads a JSON schema
// as proto3 unless told, and its proto3 decoder drops zeros, so each message says proto2.
for (const m of Object.values(messages)) m.edition = 'proto2';

/** The messages of package `onnx`, by name. */
export const ONNX_MESSAGES: Readonly<Record<string, MessageSchema>> = messages;

/** The schema as a protobufjs JSON descriptor (protobuf.Root.fromJSON reads it). */
export const ONNX_SCHEMA_JSON = { nested: { onnx: { nested: messages } } };
