// The package as a browser bundler sees it: package.json's "browser" field swaps the Node
// host for the browser one, and the bundle must build without any Node module and run the
// bundled model in a context that has only what a browser page has (no process, no require,
// no file system; fetch for URLs).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserField, browserSwaps as swaps } from './browser-field.js';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('browser bundle', () => {
  let code = '';

  beforeAll(async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'src', 'index.ts')], bundle: true, platform: 'browser', format: 'iife',
      globalName: 'onnxts', write: false, logLevel: 'silent', plugins: [browserField],
    });
    code = result.outputFiles[0].text;
  }, 60_000);

  it('swaps only files that exist, for ones exporting the same names', async () => {
    expect(swaps.size).toBeGreaterThanOrEqual(3);
    for (const [from, to] of swaps) {
      expect(fs.existsSync(from), from).toBe(true);
      expect(fs.existsSync(to), to).toBe(true);
      const [a, b] = await Promise.all([import(from), import(to)]);
      expect(Object.keys(b).sort(), path.basename(to)).toEqual(Object.keys(a).sort());
    }
  });

  it('builds without Node modules', () => {
    expect(code.length).toBeGreaterThan(0);
    expect(code).not.toMatch(/require\(["']node:|from ["']node:|AsyncLocalStorage/);
  });

  it('runs the bundled model from bytes and from a URL in a page-like context', async () => {
    const model = fs.readFileSync(path.join(root, 'models', 'tiny-color-cnn.onnx'));
    const page: Record<string, unknown> = {
      console, TextDecoder, TextEncoder, atob, btoa, setTimeout, clearTimeout, queueMicrotask, performance,
      navigator: { hardwareConcurrency: 2 },
      fetch: async (url: string) => (url === 'https://models.example/tiny.onnx'
        ? { ok: true, status: 200, statusText: 'OK', arrayBuffer: async () => model.buffer.slice(model.byteOffset, model.byteOffset + model.byteLength) }
        : { ok: false, status: 404, statusText: 'Not Found' }),
    };
    page.globalThis = page;
    page.self = page;
    const context = vm.createContext(page);
    vm.runInContext(code, context);
    const run = (source: string) => vm.runInContext(`(async () => {
      const s = await onnxts.InferenceSession.create(${source});
      const shape = s.inputMetadata[0].shape.map((d) => (typeof d === 'number' ? d : 1));
      const n = shape.reduce((a, b) => a * b, 1);
      const x = new Float32Array(n);
      x.fill(1, 0, n / 3); // a red image: channel 0 on, NCHW
      const out = await s.run({ [s.inputNames[0]]: new onnxts.Tensor('float32', x, shape) });
      return JSON.stringify({ providers: [...new Set(s.nodePlacement.map((p) => p.provider))], scores: Array.from(out[s.outputNames[0]].data) });
    })()`, context) as Promise<string>;
    const b64 = model.toString('base64');
    for (const source of [`Uint8Array.from(atob(${JSON.stringify(b64)}), (c) => c.charCodeAt(0))`, `'https://models.example/tiny.onnx'`]) {
      const { providers, scores } = JSON.parse(await run(source)) as { providers: string[]; scores: number[] };
      expect(providers).toContain('wasm');
      expect(scores.indexOf(Math.max(...scores))).toBe(0); // "red"
    }
    await expect(run(`'https://models.example/missing.onnx'`)).rejects.toThrow(/Cannot load model .*404/);
  });
});
