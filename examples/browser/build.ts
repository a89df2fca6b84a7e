// Builds the example page into examples/browser/dist: the page's script bundled with the
// package for browsers (package.json's "browser" field applied), minified and code-split, so
// gpu.js is fetched only when a gpu provider is picked. `onnx-ts` resolves to this checkout's sources.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { browserField } from '../../test/platform/browser-field.js';
import type { StaticFile } from '../../test/browser/static-server.js';

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..');
export const EXAMPLE_DIST = path.join(here, 'dist');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** Writes dist/ afresh and returns its files by name, for a server. */
export async function buildExample(outdir = EXAMPLE_DIST): Promise<Map<string, StaticFile>> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { app: path.join(here, 'main.ts') }, bundle: true, platform: 'browser', format: 'esm', splitting: true,
    minify: true, target: 'es2022', outdir, logLevel: 'warning', plugins: [browserField],
    alias: { 'onnx-ts': path.join(root, 'src', 'index.ts') },
  });
  fs.copyFileSync(path.join(here, 'index.html'), path.join(outdir, 'index.html'));
  const files = new Map<string, StaticFile>();
  for (const name of fs.readdirSync(outdir)) {
    files.set(name, { body: fs.readFileSync(path.join(outdir, name)), type: TYPES[path.extname(name)] ?? 'application/octet-stream' });
  }
  return files;
}
