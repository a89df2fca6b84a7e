// npm run build:worker-protocol: writes kernels/wasm/wasm-thread-protocol.mjs, the thread
// protocol as plain JavaScript for Node's worker, from wasm-thread-protocol.ts (types erased, no
// other change), and kernels/wasm/wasm-web-worker-source.ts, browsers' worker
// (wasm-web-worker.ts with that same protocol) bundled into one classic script held as a
// string, so neither side can drift. test/kernels/wasm-threads.test.ts and
// test/kernels/wasm-web-worker.test.ts check them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'kernels', 'wasm');
export const PROTOCOL_SOURCE = path.join(dir, 'wasm-thread-protocol.ts');
export const PROTOCOL_MODULE = path.join(dir, 'wasm-thread-protocol.mjs');
export const WEB_WORKER_ENTRY = path.join(dir, 'wasm-web-worker.ts');
export const WEB_WORKER_SOURCE_MODULE = path.join(dir, 'wasm-web-worker-source.ts');

export function workerProtocolModule(source = fs.readFileSync(PROTOCOL_SOURCE, 'utf8')): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, removeComments: false },
  });
  return `// Generated from wasm-thread-protocol.ts by npm run build:worker-protocol: edit that file, not this one.\n${outputText}`;
}

/** wasm-web-worker-source.ts: the browser worker bundled (whitespace and syntax minified) into a string constant. */
export function webWorkerSourceModule(): string {
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [WEB_WORKER_ENTRY], bundle: true, format: 'iife', target: 'es2022', platform: 'browser',
    minifyWhitespace: true, minifySyntax: true, legalComments: 'none', write: false, logLevel: 'silent',
  });
  return [
    '// Generated from wasm-web-worker.ts by npm run build:worker-protocol: edit that file (or wasm-thread-protocol.ts), not this one.',
    '/** The browser kernel worker as one classic script, started from a Blob URL by wasm-threads.browser.ts. */',
    `export const WEB_WORKER_SOURCE = ${JSON.stringify(outputFiles[0].text.trim())};`,
    '',
  ].join('\n');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  fs.writeFileSync(PROTOCOL_MODULE, workerProtocolModule());
  fs.writeFileSync(WEB_WORKER_SOURCE_MODULE, webWorkerSourceModule());
  console.log(`wrote ${path.relative(process.cwd(), PROTOCOL_MODULE)} and ${path.relative(process.cwd(), WEB_WORKER_SOURCE_MODULE)}`);
}
