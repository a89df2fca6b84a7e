// protobufjs reflection over the ONNX schema, for tests, scripts and the fuzzer: encoding from
// plain objects (fromObject), decoding to them (toObject). The runtime never imports this (it
// uses schema-codec.ts, which needs no eval), so bundles leave protobufjs's reflection out.
import protobuf from 'protobufjs';
import { ONNX_SCHEMA_JSON } from './onnx-schema.js';

export const onnxRoot = protobuf.Root.fromJSON(ONNX_SCHEMA_JSON);

export const ModelProtoType = onnxRoot.lookupType('onnx.ModelProto');
export const TensorProtoType = onnxRoot.lookupType('onnx.TensorProto');
export const SequenceProtoType = onnxRoot.lookupType('onnx.SequenceProto');
export const OptionalProtoType = onnxRoot.lookupType('onnx.OptionalProto');
export const MapProtoType = onnxRoot.lookupType('onnx.MapProto');
