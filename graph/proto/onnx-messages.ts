// TypeScript shapes of the decoded protobuf messages (protobufjs objects with camelCase
// fields). 64-bit integers arrive as Long objects, or numbers for small values.
/** protobufjs's Long: the 64-bit value as two 32-bit halves. */
export interface LongBits { low: number; high: number; unsigned?: boolean; toNumber(): number }

export type Int64 = LongBits | number;

export interface StringStringEntry { key?: string; value?: string }
export interface OperatorSetId { domain?: string; version?: Int64 }

export interface TensorMessage {
  dims?: Int64[];
  dataType?: number;
  segment?: { begin?: Int64; end?: Int64 };
  floatData?: number[];
  int32Data?: number[];
  stringData?: Uint8Array[];
  int64Data?: Int64[];
  name?: string;
  rawData?: Uint8Array;
  externalData?: StringStringEntry[];
  dataLocation?: number;
  doubleData?: number[];
  uint64Data?: Int64[];
}

export interface SparseTensorMessage { values?: TensorMessage; indices?: TensorMessage; dims?: Int64[] }

export interface TypeMessage {
  tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: Int64; dimParam?: string }[] } };
  sparseTensorType?: { elemType?: number; shape?: { dim?: { dimValue?: Int64; dimParam?: string }[] } };
  sequenceType?: { elemType?: TypeMessage };
  optionalType?: { elemType?: TypeMessage };
  mapType?: { keyType?: number; valueType?: TypeMessage };
}

export interface ValueInfoMessage { name?: string; type?: TypeMessage }

export interface AttributeMessage {
  name?: string;
  refAttrName?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorMessage;
  g?: GraphMessage;
  sparseTensor?: SparseTensorMessage;
  tp?: TypeMessage;
  floats?: number[];
  ints?: Int64[];
  strings?: Uint8Array[];
  tensors?: TensorMessage[];
  graphs?: GraphMessage[];
  sparseTensors?: SparseTensorMessage[];
  typeProtos?: TypeMessage[];
}

export interface NodeMessage {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  overload?: string;
  attribute?: AttributeMessage[];
}

export interface GraphMessage {
  node?: NodeMessage[];
  name?: string;
  initializer?: TensorMessage[];
  sparseInitializer?: SparseTensorMessage[];
  input?: ValueInfoMessage[];
  output?: ValueInfoMessage[];
  valueInfo?: ValueInfoMessage[];
}

export interface FunctionMessage {
  name?: string;
  domain?: string;
  overload?: string;
  input?: string[];
  output?: string[];
  attribute?: string[];
  attributeProto?: AttributeMessage[];
  node?: NodeMessage[];
  opsetImport?: OperatorSetId[];
}

export interface ModelMessage {
  irVersion?: Int64;
  opsetImport?: OperatorSetId[];
  producerName?: string;
  producerVersion?: string;
  graph?: GraphMessage;
  metadataProps?: StringStringEntry[];
  functions?: FunctionMessage[];
}

export interface SequenceMessage {
  name?: string;
  elemType?: number;
  tensorValues?: TensorMessage[];
  sparseTensorValues?: SparseTensorMessage[];
  sequenceValues?: SequenceMessage[];
  mapValues?: MapMessage[];
  optionalValues?: OptionalMessage[];
}

export interface MapMessage {
  name?: string;
  keyType?: number;
  keys?: Int64[];
  stringKeys?: Uint8Array[];
  values?: SequenceMessage;
}

export interface OptionalMessage {
  name?: string;
  elemType?: number;
  tensorValue?: TensorMessage;
  sparseTensorValue?: SparseTensorMessage;
  sequenceValue?: SequenceMessage;
  mapValue?: MapMessage;
  optionalValue?: OptionalMessage;
}

/** A protobuf int64 as a JS number (exact up to 2^53). */
export function int64ToNumber(v: Int64 | undefined | null): number {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/** A protobuf int64 as an exact bigint. */
export function int64ToBigInt(v: Int64, unsigned = false): bigint {
  if (typeof v === 'number') return BigInt(v);
  const b = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return unsigned ? b : BigInt.asIntN(64, b);
}
