// A pre-pass over protobuf bytes before protobufjs decodes them. protobufjs recurses once per
// nested message with no limit, so a crafted file nested thousands deep overflows the stack;
// this walker uses an explicit stack, checks every length against the buffer, and refuses
// nesting deeper than the limit.
import { ModelLoadError } from '../../data/errors.js';
import { MESSAGE_CODECS, type MessageCodec } from './schema-codec.js';

interface Frame { type: MessageCodec; end: number }

/** The ONNX messages the walker can start at. */
export type WalkedMessage = 'ModelProto' | 'TensorProto' | 'SequenceProto' | 'OptionalProto' | 'MapProto';

function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0, mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ModelLoadError(`Truncated protobuf: a varint runs past the end at byte ${pos}`);
    const b = buf[pos++];
    result += (b & 0x7f) * mul;
    if (!(b & 0x80)) return [result, pos];
    mul *= 128;
  }
  throw new ModelLoadError(`Malformed protobuf: varint longer than 10 bytes at byte ${pos}`);
}

export function checkWireFormat(buf: Uint8Array, root: WalkedMessage, maxDepth: number): void {
  const stack: Frame[] = [{ type: MESSAGE_CODECS.get(root)!, end: buf.length }];
  let pos = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (pos === frame.end) { stack.pop(); continue; }
    if (pos > frame.end) throw new ModelLoadError(`Malformed protobuf: a field of ${frame.type.name} runs past its message end (byte ${pos})`);
    let tag: number;
    [tag, pos] = readVarint(buf, pos);
    const wire = tag % 8;
    const id = Math.floor(tag / 8);
    if (id === 0) throw new ModelLoadError(`Malformed protobuf: field number 0 in ${frame.type.name} at byte ${pos}`);
    switch (wire) {
      case 0: [, pos] = readVarint(buf, pos); break;
      case 1: pos += 8; break;
      case 5: pos += 4; break;
      case 2: {
        let len: number;
        [len, pos] = readVarint(buf, pos);
        if (pos + len > frame.end) {
          throw new ModelLoadError(`Truncated or corrupt protobuf: a ${len}-byte field of ${frame.type.name} runs past the end of its message (byte ${pos})`);
        }
        const sub = frame.type.byId.get(id);
        if (sub?.message) {
          if (stack.length >= maxDepth) {
            throw new ModelLoadError(`Model nesting is deeper than ${maxDepth} messages (${frame.type.name}.${sub.name}); refusing to decode it`);
          }
          stack.push({ type: sub.message, end: pos + len });
        } else {
          pos += len;
        }
        break;
      }
      default:
        throw new ModelLoadError(`Malformed protobuf: unsupported wire type ${wire} in ${frame.type.name} at byte ${pos}`);
    }
    if (pos > frame.end) throw new ModelLoadError(`Truncated protobuf: ${frame.type.name} ends early at byte ${frame.end}`);
  }
}
