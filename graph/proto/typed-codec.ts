// The schema codec (schema-codec.ts, untyped), typed with the message shapes of
// onnx-messages.ts for the messages the runtime reads and writes.
import { coderOf } from './schema-codec.js';
import type { MapMessage, ModelMessage, OptionalMessage, SequenceMessage, TensorMessage } from './onnx-messages.js';

export const onnxCodec = {
  ModelProto: coderOf<ModelMessage>('ModelProto'),
  TensorProto: coderOf<TensorMessage>('TensorProto'),
  SequenceProto: coderOf<SequenceMessage>('SequenceProto'),
  OptionalProto: coderOf<OptionalMessage>('OptionalProto'),
  MapProto: coderOf<MapMessage>('MapProto'),
};
