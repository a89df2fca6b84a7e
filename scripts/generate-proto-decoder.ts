// npm run build:proto: writes graph/proto/onnx-decoder.ts, protobufjs's static decoders for the
// schema in onnx-schema.ts (its pbjs CLI, static-module target). Reflection compiles decoders
// with new Function the first time a type decodes, which edge runtimes (Cloudflare Workers) and
// pages under a strict CSP forbid; static code decodes the same messages without eval.
// test/graph/proto-decoder.test.ts checks the file is current and decodes as reflection does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onnxRoot } from '../graph/proto/onnx-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DECODER_MODULE = path.join(root, 'graph', 'proto', 'onnx-decoder.ts');

const HEADER = `// Generated from onnx-schema.ts by npm run build:proto (protobufjs's pbjs, static-module):
// edit the schema, not this file. Static code, so decoding needs no eval (see the script).
// @ts-nocheck
`;

export function protoDecoderModule(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-proto-'));
  try {
    const schema = path.join(dir, 'onnx.json');
    fs.writeFileSync(schema, JSON.stringify(onnxRoot.toJSON()));
    const pbjs = path.join(root, 'node_modules', 'protobufjs-cli', 'bin', 'pbjs');
    const code = execFileSync(process.execPath, [
      pbjs, '-t', 'static-module', '-w', 'esm', '--no-create', '--no-encode', '--no-verify', '--no-convert', '--no-delimited',
      '--no-typeurl', '--no-comments', schema,
    ], { encoding: 'utf8', maxBuffer: 2 ** 26 });
    return HEADER + code;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  fs.writeFileSync(DECODER_MODULE, protoDecoderModule());
  console.log(`wrote ${path.relative(process.cwd(), DECODER_MODULE)}`);
}
