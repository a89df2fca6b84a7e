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
