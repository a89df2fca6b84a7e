// Decodes the value files of the ONNX test data (TensorProto, SequenceProto, OptionalProto,
// MapProto) into API values: Tensor, array (sequence), null (empty optional) or Map.
import { dataTypeFromCode } from '../data/dtype.js';
import type { OnnxValue } from '../data/tensor.js';
import { ModelLoadError, OnnxError } from '../data/errors.js';
import { decodeSparseTensor, decodeTensor } from './decode-tensor.js';
import { checkWireFormat } from './proto/check-wire.js';
import type { MapMessage, OptionalMessage, SequenceMessage, TensorMessage } from './proto/onnx-messages.js';
import { int64ToBigInt } from './proto/onnx-messages.js';
import { onnxCodec } from './proto/typed-codec.js';

export type ValueFileKind = 'tensor' | 'sequence' | 'optional' | 'map';

const MESSAGES = { tensor: 'TensorProto', sequence: 'SequenceProto', optional: 'OptionalProto', map: 'MapProto' } as const;

function sequenceValue(m: SequenceMessage): OnnxValue[] {
  switch (m.elemType) {
    case 1: return (m.tensorValues ?? []).map((t) => decodeTensor(t));
    case 2: return (m.sparseTensorValues ?? []).map((t) => decodeSparseTensor(t));
    case 3: return (m.sequenceValues ?? []).map(sequenceValue);
    case 4: return (m.mapValues ?? []).map(mapValue);
    case 5: return (m.optionalValues ?? []).map(optionalValue);
    default: return (m.tensorValues ?? []).map((t) => decodeTensor(t));
  }
}

function optionalValue(m: OptionalMessage): OnnxValue {
  if (m.tensorValue) return decodeTensor(m.tensorValue);
  if (m.sparseTensorValue) return decodeSparseTensor(m.sparseTensorValue);
  if (m.sequenceValue) return sequenceValue(m.sequenceValue);
  if (m.mapValue) return mapValue(m.mapValue);
  if (m.optionalValue) return optionalValue(m.optionalValue);
  return null;
}

function mapValue(m: MapMessage): Map<string | number | bigint, OnnxValue> {
  const values = m.values ? sequenceValue(m.values) : [];
  const keyType = dataTypeFromCode(m.keyType ?? 0);
  const dec = new TextDecoder();
  const keys: (string | bigint)[] = keyType === 'string'
    ? (m.stringKeys ?? []).map((k) => dec.decode(k))
    : (m.keys ?? []).map((k) => int64ToBigInt(k));
  return new Map(keys.map((k, i) => [k, values[i]]));
}

/** Decodes a value file. `kind` comes from the graph's declared type of that input/output. */
export function decodeValueFile(bytes: Uint8Array, kind: ValueFileKind = 'tensor'): OnnxValue {
  try {
    checkWireFormat(bytes, MESSAGES[kind], 256);
    switch (kind) {
      case 'tensor': return decodeTensor(onnxCodec.TensorProto.decode(bytes));
      case 'sequence': return sequenceValue(onnxCodec.SequenceProto.decode(bytes));
      case 'optional': return optionalValue(onnxCodec.OptionalProto.decode(bytes));
      case 'map': return mapValue(onnxCodec.MapProto.decode(bytes));
    }
  } catch (e) {
    if (e instanceof OnnxError) throw e;
    throw new ModelLoadError(`Cannot decode ${kind} value: ${(e as Error).message}`, { cause: e });
  }
}
