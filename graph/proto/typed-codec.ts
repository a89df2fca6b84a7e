// The generated static codec (onnx-codec.ts, untyped), typed with the message shapes of
// onnx-messages.ts for the messages the runtime reads and writes. Static code needs no eval.
import { onnx } from './onnx-codec.js';
import type { MapMessage, ModelMessage, OptionalMessage, SequenceMessage, TensorMessage } from './onnx-messages.js';

interface Coder<M> {
  decode(bytes: Uint8Array): M;
  /** Writes a plain object of the message's fields (numbers for 64-bit integers, Uint8Array for bytes). */
  encode(message: object): { finish(): Uint8Array };
}

export const onnxCodec = onnx as unknown as {
  ModelProto: Coder<ModelMessage>;
  TensorProto: Coder<TensorMessage>;
  SequenceProto: Coder<SequenceMessage>;
  OptionalProto: Coder<OptionalMessage>;
  MapProto: Coder<MapMessage>;
};
