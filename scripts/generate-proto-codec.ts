// npm run build:proto: writes graph/proto/onnx-codec.ts, protobufjs's static decoders and
// encoders for the schema in onnx-schema.ts (its pbjs CLI, static-module target). Reflection
// compiles codecs with new Function the first time a type is used, which edge runtimes
// (Cloudflare Workers) and pages under a strict CSP forbid; static code reads and writes the
// same messages without eval, and keeps protobufjs's reflection out of bundles.
// test/graph/proto-codec.test.ts checks the file is current and codes as reflection does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ONNX_SCHEMA_JSON } from '../graph/proto/onnx-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CODEC_MODULE = path.join(root, 'graph', 'proto', 'onnx-codec.ts');

const HEADER = `// Generated from onnx-schema.ts by npm run build:proto (protobufjs's pbjs, static-module):
// edit the schema, not this file. Static code, so coding needs no eval (see the script).
// @ts-nocheck
`;

export function protoCodecModule(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-proto-'));
  try {
    const schema = path.join(dir, 'onnx.json');
    fs.writeFileSync(schema, JSON.stringify(ONNX_SCHEMA_JSON));
    const pbjs = path.join(root, 'node_modules', 'protobufjs-cli', 'bin', 'pbjs');
    const code = execFileSync(process.execPath, [
      pbjs, '-t', 'static-module', '-w', 'esm', '--no-create', '--no-verify', '--no-convert', '--no-delimited',
      '--no-typeurl', '--no-comments', schema,
    ], { encoding: 'utf8', maxBuffer: 2 ** 26 });
    return HEADER + code;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  fs.writeFileSync(CODEC_MODULE, protoCodecModule());
  console.log(`wrote ${path.relative(process.cwd(), CODEC_MODULE)}`);
}
