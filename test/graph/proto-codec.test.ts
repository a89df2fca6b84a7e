// The loader decodes by walking the schema (graph/proto/schema-codec.ts), which needs no eval,
// so models load where code generation is forbidden (Cloudflare Workers, strict CSP). It must
// decode every message exactly as protobufjs's reflection does, field presence included (an
// unset field is not a zero), and encode the bytes reflection writes.
import fs from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { onnxCodec } from '../../graph/proto/typed-codec.js';
import { ModelProtoType, TensorProtoType } from '../../graph/proto/onnx-reflection.js';
import { repoPath } from '../data-paths.js';
import { encodeModel } from '../../graph/encode-model.js';
import { loadModel } from '../../graph/load-model.js';

const decodeBySchema = (bytes: Uint8Array): object => onnxCodec.ModelProto.decode(bytes);
/** Every field that is present, as plain data, so that two decodings compare with toEqual. */
const asData = (m: object) => ModelProtoType.toObject(m as never, { longs: String, bytes: Array, defaults: false });

function committedModels(): string[] {
  const files = [repoPath('models', 'tiny-color-cnn.onnx')];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.onnx')) files.push(p);
    }
  };
  walk(repoPath('onnx-conformance', 'contrib'));
  walk(repoPath('test', 'transformers', 'models'));
  return files;
}

describe('schema codec', () => {
  it('decodes every committed model as reflection does, field presence included', () => {
    const files = committedModels();
    expect(files.length).toBeGreaterThan(250);
    for (const file of files) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      expect(asData(decodeBySchema(bytes)), path.relative(repoPath(), file)).toEqual(asData(ModelProtoType.decode(bytes)));
    }
  });

  it('keeps an explicit zero apart from an unset field', () => {
    const bytes = ModelProtoType.encode(ModelProtoType.fromObject({
      irVersion: 8,
      graph: { input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 0 }, {}] } } } }] },
    })).finish();
    const [zero, unset] = (decodeBySchema(bytes) as { graph: { input: { type: { tensorType: { shape: { dim: object[] } } } }[] } }).graph.input[0].type.tensorType.shape.dim;
    expect(Object.hasOwn(zero, 'dimValue')).toBe(true);
    expect(Object.hasOwn(unset, 'dimValue')).toBe(false);
  });

  it('decodes without compiling code (no new Function, as in a Worker)', () => {
    const bytes = new Uint8Array(fs.readFileSync(repoPath('models', 'tiny-color-cnn.onnx')));
    const original = globalThis.Function;
    const forbidden = function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    globalThis.Function = forbidden;
    try {
      expect(() => decodeBySchema(bytes)).not.toThrow();
      const model = loadModel(bytes);
      expect(() => encodeModel(model)).not.toThrow();
    } finally {
      globalThis.Function = original;
    }
  });

  it('encodes every committed model to the bytes reflection writes', () => {
    for (const file of committedModels()) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      const ours = onnxCodec.ModelProto.encode(onnxCodec.ModelProto.decode(bytes)).finish();
      const theirs = ModelProtoType.encode(ModelProtoType.decode(bytes)).finish();
      expect(Buffer.from(ours).equals(Buffer.from(theirs)), path.relative(repoPath(), file)).toBe(true);
    }
  });

  it('encodes the plain objects encode-model builds as reflection does from them', () => {
    const model = loadModel(new Uint8Array(fs.readFileSync(repoPath('models', 'tiny-color-cnn.onnx'))));
    const written = encodeModel(model);
    expect(asData(ModelProtoType.decode(written))).toEqual(asData(decodeBySchema(written)));
    expect(loadModel(written).graph.nodes.map((n) => n.opType)).toEqual(model.graph.nodes.map((n) => n.opType));
  });

  it('reads packed runs of numbers, which onnx.proto does not ask for but writers may send', () => {
    const w = protobuf.Writer.create();
    w.uint32(1 << 3 | 2).fork().int64(3).int64(2 ** 40).ldelim(); // dims, packed
    w.uint32(4 << 3 | 2).fork().float(1.5).float(-2).ldelim(); // float_data, packed
    w.uint32(4 << 3 | 5).float(7); // and one more, unpacked
    const bytes = w.finish();
    const asTensor = (m: object) => TensorProtoType.toObject(m as never, { longs: String, defaults: false });
    expect(asTensor(onnxCodec.TensorProto.decode(bytes))).toEqual({ dims: ['3', String(2 ** 40)], floatData: [1.5, -2, 7] });
    expect(asTensor(onnxCodec.TensorProto.decode(bytes))).toEqual(asTensor(TensorProtoType.decode(bytes)));
  });

  it('skips unknown fields and refuses a packed run that overruns its message', () => {
    const w = protobuf.Writer.create();
    w.uint32(99 << 3 | 2).bytes(new Uint8Array([1, 2, 3])); // a field from a newer onnx.proto
    w.uint32(8 << 3 | 2).string('t');
    expect(onnxCodec.TensorProto.decode(w.finish()).name).toBe('t');
    const overrun = new Uint8Array([1 << 3 | 2, 5, 1, 2]); // dims: 5 bytes announced, 2 there
    expect(() => onnxCodec.TensorProto.decode(overrun)).toThrow(RangeError);
  });
});
