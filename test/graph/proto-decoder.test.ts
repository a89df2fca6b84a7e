// The loader decodes with protobufjs's static code (graph/proto/onnx-decoder.ts), which needs no
// eval, so models load where code generation is forbidden (Cloudflare Workers, strict CSP). It
// must be current with the schema and decode every message exactly as reflection does, field
// presence included (an unset field is not a zero).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { onnx } from '../../graph/proto/onnx-decoder.js';
import { ModelProtoType } from '../../graph/proto/onnx-schema.js';
import { DECODER_MODULE, protoDecoderModule } from '../../scripts/generate-proto-decoder.js';
import { repoPath } from '../data-paths.js';

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
    expect(fs.readFileSync(DECODER_MODULE, 'utf8') === protoDecoderModule(), 'graph/proto/onnx-decoder.ts is stale: run npm run build:proto').toBe(true);
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
    } finally {
      globalThis.Function = original;
    }
  });
});
