// The loader decodes with protobufjs's static code (graph/proto/onnx-codec.ts), which needs no
// eval, so models load where code generation is forbidden (Cloudflare Workers, strict CSP). It
// must be current with the schema and decode every message exactly as reflection does, field
// presence included (an unset field is not a zero).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onnx } from '../../graph/proto/onnx-codec.js';
import { ModelProtoType } from '../../graph/proto/onnx-reflection.js';
import { CODEC_MODULE, protoCodecModule } from '../../scripts/generate-proto-codec.js';
import { repoPath } from '../data-paths.js';
import { encodeModel } from '../../graph/encode-model.js';
import { loadModel } from '../../graph/load-model.js';

const decodeStatic = (bytes: Uint8Array) => (onnx as unknown as { ModelProto: { decode(b: Uint8Array): object } }).ModelProto.decode(bytes);
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

describe('static protobuf decoder', () => {
  it('is current with the schema (npm run build:proto)', () => {
    expect(fs.readFileSync(CODEC_MODULE, 'utf8') === protoCodecModule(), 'graph/proto/onnx-codec.ts is stale: run npm run build:proto').toBe(true);
  });

  it('decodes every committed model as reflection does, field presence included', () => {
    const files = committedModels();
    expect(files.length).toBeGreaterThan(250);
    for (const file of files) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      expect(asData(decodeStatic(bytes)), path.relative(repoPath(), file)).toEqual(asData(ModelProtoType.decode(bytes)));
    }
  });

  it('keeps an explicit zero apart from an unset field', () => {
    const bytes = ModelProtoType.encode(ModelProtoType.fromObject({
      irVersion: 8,
      graph: { input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 0 }, {}] } } } }] },
    })).finish();
    const [zero, unset] = (decodeStatic(bytes) as { graph: { input: { type: { tensorType: { shape: { dim: object[] } } } }[] } }).graph.input[0].type.tensorType.shape.dim;
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
      expect(() => decodeStatic(bytes)).not.toThrow();
      const model = loadModel(bytes);
      expect(() => encodeModel(model)).not.toThrow();
    } finally {
      globalThis.Function = original;
    }
  });

  it('encodes every committed model to the bytes reflection writes', () => {
    const codec = onnx as unknown as { ModelProto: { decode(b: Uint8Array): object; encode(m: object): { finish(): Uint8Array } } };
    for (const file of committedModels()) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      const ours = codec.ModelProto.encode(codec.ModelProto.decode(bytes)).finish();
      const theirs = ModelProtoType.encode(ModelProtoType.decode(bytes)).finish();
      expect(Buffer.from(ours).equals(Buffer.from(theirs)), path.relative(repoPath(), file)).toBe(true);
    }
  });

  it('encodes the plain objects encode-model builds as reflection does from them', () => {
    const model = loadModel(new Uint8Array(fs.readFileSync(repoPath('models', 'tiny-color-cnn.onnx'))));
    const written = encodeModel(model);
    expect(asData(ModelProtoType.decode(written))).toEqual(asData(decodeStatic(written)));
    expect(loadModel(written).graph.nodes.map((n) => n.opType)).toEqual(model.graph.nodes.map((n) => n.opType));
  });
});
