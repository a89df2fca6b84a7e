// npm run build:worker-protocol: writes kernels/wasm/wasm-thread-protocol.mjs, the thread
// protocol as plain JavaScript for the worker, from wasm-thread-protocol.ts (types erased, no
// other change), so the two sides cannot drift. test/kernels/wasm-threads.test.ts checks it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'kernels', 'wasm');
export const PROTOCOL_SOURCE = path.join(dir, 'wasm-thread-protocol.ts');
export const PROTOCOL_MODULE = path.join(dir, 'wasm-thread-protocol.mjs');

export function workerProtocolModule(source = fs.readFileSync(PROTOCOL_SOURCE, 'utf8')): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, removeComments: false },
  });
  return `// Generated from wasm-thread-protocol.ts by npm run build:worker-protocol: edit that file, not this one.\n${outputText}`;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  fs.writeFileSync(PROTOCOL_MODULE, workerProtocolModule());
  console.log(`wrote ${path.relative(process.cwd(), PROTOCOL_MODULE)}`);
}
