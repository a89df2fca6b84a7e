// package.json's "browser" field applied to the TypeScript sources, as bundlers apply it to
// dist/: the tests bundle src/ for a page without building dist/ first.
import fs from 'node:fs';
import path from 'node:path';
import type * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { browser: Record<string, string> };
/** "./dist/src/x.js" -> the TypeScript source it is compiled from. */
const sourceOf = (distPath: string) => path.join(root, distPath.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));

/** Node source file -> the browser source that replaces it. */
export const browserSwaps = new Map(Object.entries(pkg.browser).map(([from, to]) => [sourceOf(from), sourceOf(to)]));

export const browserField: esbuild.Plugin = {
  name: 'browser-field',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const swapped = browserSwaps.get(file);
      return swapped ? { path: swapped } : undefined;
    });
  },
};
