// A small install (issue 17): GPU support is opt-in. gpu.js (which brings Dawn, the `webgpu`
// package, ~85 MB) is an optional peer dependency, never a dependency; in the browser bundle,
// gpu.js and the gpu provider's kernels are lazy chunks loaded when that provider opens a
// device, and the wasm builds are a lazy chunk read when the first wasm session starts. Models
// are read and written by walking the schema (graph/proto/schema-codec.ts), so only protobufjs's
// minimal runtime is in the bundle. Issue 17's 600 KB holds twice: for what a page loads first,
// and for all a page running the wasm provider can ever load. README's "Install size" has the
// commands that measure the installed package.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSplitBrowserBundle } from '../browser/bundle.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  files: string[];
};
const GPU_PACKAGES = ['gpu.js', 'webgpu', 'gl'];
/** Issue 17's target, for both measures. */
const MAX_BYTES = 600 * 1024;
/** The dynamic imports only the gpu provider makes: gpu.js, and the provider's kernels. */
const GPU_ENTRY_POINTS = [/node_modules\/gpu\.js\//, /^src\/providers\/gpu\/ops\.ts$/];

describe('package.json', () => {
  it.each(GPU_PACKAGES)('does not install %s with onnx-ts', (name) => {
    expect(pkg.dependencies?.[name]).toBeUndefined();
    expect(pkg.optionalDependencies?.[name]).toBeUndefined(); // npm installs these too
  });

  it('declares gpu.js and webgpu as optional peer dependencies', () => {
    for (const name of ['gpu.js', 'webgpu']) {
      expect(pkg.peerDependencies?.[name], name).toBeDefined();
      expect(pkg.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
    }
  });

  it('leaves source maps out of the package', () => {
    expect(pkg.files).toContain('!dist/**/*.map');
  });
});

describe('the minified browser bundle', () => {
  it(`loads at most ${MAX_BYTES / 1024} KB up front, and at most that in all without the gpu provider`, async () => {
    const { metafile } = await buildSplitBrowserBundle();
    const entry = Object.keys(metafile.outputs).find((f) => path.basename(f) === 'onnx-ts.js')!;
    const isGpuChunk = (file: string) => GPU_ENTRY_POINTS.some((p) => p.test(metafile.outputs[file].entryPoint ?? ''));
    /** The chunks a page can fetch from the entry: by static imports, or also by dynamic ones other than the gpu provider's. */
    const reachable = (dynamic: boolean) => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const i of metafile.outputs[file].imports) {
          if (i.kind === 'import-statement' || (dynamic && i.kind === 'dynamic-import' && !isGpuChunk(i.path))) visit(i.path);
        }
      };
      visit(entry);
      return seen;
    };
    const upFront = reachable(false);
    const inputs = [...upFront].flatMap((f) => Object.entries(metafile.outputs[f].inputs));
    expect(inputs.filter(([input]) => input.includes('node_modules/gpu.js/')).map(([input]) => input)).toEqual([]);
    expect(inputs.filter(([input]) => input.includes('node_modules/webgpu/')).map(([input]) => input)).toEqual([]);
    // gpu.js and the gpu kernels are there, as lazy chunks, for the gpu provider
    const gpuChunks = Object.keys(metafile.outputs).filter(isGpuChunk);
    expect(gpuChunks.map((f) => metafile.outputs[f].entryPoint).sort()).toEqual(['node_modules/gpu.js/dist/gpu-browser.js', 'src/providers/gpu/ops.ts']);
    const wasmPage = reachable(true);
    expect([...wasmPage].some((f) => Object.keys(metafile.outputs[f].inputs).some((i) => i.startsWith('kernels/gpu/gpu-f32-')))).toBe(false);

    const bytes = [...upFront].reduce((n, f) => n + metafile.outputs[f].bytes, 0);
    const byFolder = new Map<string, number>();
    for (const [input, { bytesInOutput }] of inputs) {
      const folder = input.split('/').slice(0, 2).join('/');
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + bytesInOutput);
    }
    const largest = [...byFolder].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KB`);
    // what a page running the wasm provider loads in all: the wasm builds' chunk and the proxy's included
    const wasmOnly = [...wasmPage].reduce((n, f) => n + metafile.outputs[f].bytes, 0);
    console.info(`browser bundle up front: ${(bytes / 1024).toFixed(0)} KB minified in ${upFront.size} files; largest: ${largest.join(', ')}; `
      + `all a wasm page can load: ${(wasmOnly / 1024).toFixed(0)} KB in ${wasmPage.size} files`);
    expect(bytes, `largest parts: ${largest.join(', ')}`).toBeLessThanOrEqual(MAX_BYTES);
    expect(wasmOnly).toBeLessThanOrEqual(MAX_BYTES);
  });
});
