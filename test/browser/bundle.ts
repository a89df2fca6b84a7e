// The package bundled as a browser bundler would (package.json's "browser" field applied), for
// the real-browser and other-runtime tests.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { browserField } from '../platform/browser-field.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** src/index.ts as one file: 'iife' sets the global `onnxts` (a page's script tag), 'esm' exports. */
export async function buildBrowserBundle(format: 'iife' | 'esm'): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'index.ts')], bundle: true, platform: 'browser', format,
    globalName: format === 'iife' ? 'onnxts' : undefined, target: 'es2022',
    write: false, logLevel: 'silent', plugins: [browserField],
  });
  return result.outputFiles[0].text;
}

/** A page-side script from test/browser/page/, bundled on its own (it uses the global `onnxts`). */
export async function buildPageScript(name: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'page', name)], bundle: true, platform: 'browser',
    format: 'iife', target: 'es2022', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** One output file of a code-split bundle: its name under the output folder, and its bytes. */
export interface BundleChunk { name: string; bytes: number; text: string }

/**
 * src/index.ts as a page's bundler builds it for production: ESM, minified, code-split, so each
 * dynamic import (gpu.js, the image codecs) is a lazy chunk. `entry` is what a page loads first.
 */
export async function buildSplitBrowserBundle(): Promise<{ entry: BundleChunk; chunks: BundleChunk[]; metafile: esbuild.Metafile }> {
  const outdir = path.join(root, 'dist-split'); // never written: write is false
  const result = await esbuild.build({
    entryPoints: { 'onnx-ts': path.join(root, 'src', 'index.ts') }, bundle: true, platform: 'browser', format: 'esm',
    splitting: true, minify: true, target: 'es2022', outdir, write: false, logLevel: 'silent', plugins: [browserField],
    metafile: true,
  });
  const chunks = result.outputFiles.map((f) => ({ name: path.relative(outdir, f.path), bytes: f.contents.byteLength, text: f.text }));
  const entry = chunks.find((c) => c.name === 'onnx-ts.js');
  if (!entry) throw new Error(`no onnx-ts.js among ${chunks.map((c) => c.name).join(', ')}`);
  return { entry, chunks, metafile: result.metafile };
}
