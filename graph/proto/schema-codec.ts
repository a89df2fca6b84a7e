// Reads and writes the ONNX messages by walking their schema (onnx-schema.ts) with protobufjs's
// Reader and Writer. Compiling codecs (protobufjs reflection) needs new Function, which edge
// runtimes and pages under a strict CSP forbid; generated static code needs no eval but is
// 60 KB of a browser bundle. One loop over a table does both jobs in a few hundred bytes.
// Decoded messages keep protobuf's field presence: a set field is an own property, an unset
// one reads its default from the prototype (0, '', an empty Long), as protobufjs's own do.
import $protobuf from 'protobufjs/minimal.js';
import { type MessageSchema, ONNX_MESSAGES } from './onnx-schema.js';

const { Reader, Writer, util } = $protobuf;

/** The schema's scalar types: each is also the name of the Reader and Writer method that codes it. */
type Scalar = 'int32' | 'int64' | 'uint64' | 'float' | 'double' | 'string' | 'bytes';
const WIRE_TYPE: Record<Scalar, number> = { int32: 0, int64: 0, uint64: 0, float: 5, double: 1, string: 2, bytes: 2 };

export interface FieldCodec {
  name: string;
  id: number;
  repeated: boolean;
  /** Set for scalar fields. */
  scalar?: Scalar;
  /** Set for message fields (resolved after every type exists). */
  message?: MessageCodec;
}

export interface MessageCodec {
  name: string;
  /** By field number, in field-number order (the order the encoder writes, as protoc's does). */
  byId: Map<number, FieldCodec>;
  create(): Record<string, unknown>;
}

type Message = Record<string, unknown>;

function defaultOf(field: FieldCodec): unknown {
  if (field.repeated) return util.emptyArray;
  switch (field.scalar) {
    case undefined: return null;
    case 'string': return '';
    case 'bytes': return util.newBuffer([]);
    case 'int64': case 'uint64': return util.Long ? (util.Long as unknown as typeof import('long').default).fromBits(0, 0, field.scalar === 'uint64') : 0;
    default: return 0;
  }
}

function buildCodecs(): Map<string, MessageCodec> {
  const codecs = new Map<string, MessageCodec>();
  const pending: { codec: MessageCodec; schema: MessageSchema }[] = [];
  const collect = (name: string, schema: MessageSchema) => {
    const codec: MessageCodec = { name, byId: new Map(), create: () => ({}) };
    codecs.set(name, codec);
    pending.push({ codec, schema });
    for (const [inner, nested] of Object.entries(schema.nested ?? {})) collect(`${name}.${inner}`, nested);
  };
  for (const [name, schema] of Object.entries(ONNX_MESSAGES)) collect(name, schema);
  for (const { codec, schema } of pending) {
    const fields = Object.entries(schema.fields).sort((a, b) => a[1].id - b[1].id);
    for (const [name, { id, type, rule }] of fields) {
      // protobuf scoping: the message's own nested types first, then the package's
      const message = codecs.get(`${codec.name}.${type}`) ?? codecs.get(type);
      if (!message && !(type in WIRE_TYPE)) throw new Error(`onnx-schema: ${codec.name}.${name} has unknown type ${type}`);
      codec.byId.set(id, { name, id, repeated: rule === 'repeated', scalar: message ? undefined : type as Scalar, message });
    }
    const prototype: Message = {};
    for (const field of codec.byId.values()) prototype[field.name] = defaultOf(field);
    const repeated = [...codec.byId.values()].filter((f) => f.repeated).map((f) => f.name);
    codec.create = () => {
      const m = Object.create(prototype) as Message;
      for (const name of repeated) m[name] = [];
      return m;
    };
  }
  return codecs;
}

/** Every message of the schema by its full name within the package ('TensorShapeProto.Dimension'). */
export const MESSAGE_CODECS: ReadonlyMap<string, MessageCodec> = buildCodecs();

type ReaderT = InstanceType<typeof Reader>;
type WriterT = InstanceType<typeof Writer>;

function decodeMessage(codec: MessageCodec, reader: ReaderT, length: number | undefined, depth: number, target?: Message): Message {
  if (depth > util.recursionLimit) throw Error('max depth exceeded');
  const outer = reader.len;
  const end = length === undefined ? outer : reader.pos + length;
  if (end > outer) throw RangeError('index out of range');
  reader.len = end;
  const message = target ?? codec.create();
  while (reader.pos < end) {
    const tag = reader.tag();
    const wire = tag & 7;
    const field = codec.byId.get(tag >>> 3);
    if (field?.message) {
      if (wire === 2) {
        const prior = field.repeated ? undefined : (message[field.name] as Message | null) ?? undefined;
        const value = decodeMessage(field.message, reader, reader.size(), depth + 1, prior);
        if (field.repeated) (message[field.name] as Message[]).push(value);
        else message[field.name] = value;
        continue;
      }
    } else if (field?.scalar) {
      const read = reader[field.scalar] as () => unknown;
      if (wire === WIRE_TYPE[field.scalar]) {
        if (field.repeated) (message[field.name] as unknown[]).push(read.call(reader));
        else message[field.name] = read.call(reader);
        continue;
      }
      if (field.repeated && wire === 2) { // a packed run of numbers
        const values = message[field.name] as unknown[];
        const runEnd = reader.size() + reader.pos;
        if (runEnd > end) throw RangeError('index out of range');
        while (reader.pos < runEnd) values.push(read.call(reader));
        if (reader.pos !== runEnd) throw RangeError('index out of range');
        continue;
      }
    }
    reader.skipType(wire, depth, tag >>> 3); // unknown fields are dropped, as protobufjs does by default
  }
  if (reader.pos !== end) throw RangeError('index out of range');
  reader.len = outer;
  return message;
}

function encodeMessage(codec: MessageCodec, message: Message, writer: WriterT, depth: number): WriterT {
  if (depth > util.recursionLimit) throw Error('max depth exceeded');
  for (const field of codec.byId.values()) {
    const value = message[field.name];
    if (value == null || (!field.repeated && !Object.hasOwn(message, field.name))) continue;
    const wire = field.message ? 2 : WIRE_TYPE[field.scalar!];
    for (const item of field.repeated ? value as unknown[] : [value]) {
      writer.uint32(field.id << 3 | wire);
      if (field.message) encodeMessage(field.message, item as Message, writer.fork(), depth + 1).ldelim();
      else (writer[field.scalar!] as (v: unknown) => WriterT).call(writer, item);
    }
  }
  return writer;
}

export interface Coder<M> {
  decode(bytes: Uint8Array): M;
  /** Writes a plain object of the message's fields (numbers for 64-bit integers, Uint8Array for bytes). */
  encode(message: object): { finish(): Uint8Array };
}

export function coderOf<M>(name: string): Coder<M> {
  const codec = MESSAGE_CODECS.get(name);
  if (!codec) throw new Error(`onnx-schema has no message ${name}`);
  return {
    decode: (bytes) => decodeMessage(codec, Reader.create(bytes), undefined, 0) as M,
    encode: (message) => encodeMessage(codec, message as Message, Writer.create(), 0),
  };
}
