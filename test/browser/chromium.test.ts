// The package in a real browser: the browser bundle (package.json's "browser" field applied) and
// the models served from 127.0.0.1, with and without COOP/COEP, in headless Chromium driven by
// playwright-core. The page's outputs must equal what the Node session computes, mobilenet_v2
// must match its reference, the gpu provider must run on SwiftShader (or fall back, and say
// why), and the page must log no error.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareValues, type Tolerance } from '../../onnx-conformance/compare.js';
import type { Tensor } from '../../src/index.js';
import { buildBrowserBundle, buildPageScript } from './bundle.js';
import type { PageRunRequest, PageRunResult } from './page/harness.js';
import {
  AS_NODE, MOBILENET_REFERENCE, asTensor, mobilenetCase, rawBytes, tinyDims, tinyInput, tinyModelPath, tinyOnNode,
} from './references.js';
import { type StaticFile, type StaticServer, serveStatic } from './static-server.js';
import { chromiumMissing, reportMissing } from './tools.js';
import { type Browser, type Page, launchChromium, openPage as openPageAt } from './chromium-driver.js';


const missing = chromiumMissing();
reportMissing(missing);

// SwiftShader gives WebGPU and WebGL2 without a GPU
const CHROMIUM_FLAGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--use-angle=swiftshader'];
const GPU: Tolerance = { rtol: 1e-3, atol: 1e-4 }; // float32 shaders, another summation order
const mobilenet = missing ? undefined : mobilenetCase();

describe.skipIf(missing !== undefined)('in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let nodeTiny: Tensor;
  const problems: string[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    const [bundle, harness] = await Promise.all([buildBrowserBundle('iife'), buildPageScript('harness.ts')]);
    nodeTiny = await tinyOnNode();

    const files = new Map<string, StaticFile>([
      // an empty icon, so Chromium's favicon request is no 404 in the console
      ['index.html', { type: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><script src="onnx-ts.js"></script><script src="harness.js"></script>' }],
      ['onnx-ts.js', { type: 'text/javascript', body: bundle }],
      ['harness.js', { type: 'text/javascript', body: harness }],
      ['tiny.onnx', { type: 'application/octet-stream', body: fs.readFileSync(tinyModelPath) }],
      ['tiny-input.f32', { type: 'application/octet-stream', body: rawBytes(tinyInput) }],
    ]);
    if (mobilenet) {
      files.set('mobilenet_v2.onnx', { type: 'application/octet-stream', body: fs.readFileSync(mobilenet.modelPath) });
      files.set('mobilenet-input.f32', { type: 'application/octet-stream', body: rawBytes(mobilenet.input.data as Float32Array) });
    }
    server = await serveStatic(files);
    browser = await launchChromium(CHROMIUM_FLAGS);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openPage = (isolation: 'plain' | 'isolated'): Promise<Page> =>
    openPageAt(browser, `${server.origin}/${isolation}/index.html`, `${isolation} `, problems, warnings);

  const run = (page: Page, request: PageRunRequest) =>
    page.evaluate((r) => (globalThis as unknown as { onnxHarness: { run(r: PageRunRequest): Promise<PageRunResult> } }).onnxHarness.run(r), request);

  const tiny = (from: 'url' | 'bytes', options?: PageRunRequest['options']): PageRunRequest => ({
    model: 'tiny.onnx', from, options, inputs: { image: { dims: tinyDims, url: 'tiny-input.f32' } },
  });

  it('runs the bundled model from a URL and from bytes, as the Node session computes it', async () => {
    const page = await openPage('plain');
    for (const from of ['url', 'bytes'] as const) {
      const r = await run(page, tiny(from));
      expect(r.crossOriginIsolated).toBe(false);
      expect(Object.keys(r.placement)).toContain('wasm');
      expect(compareValues(asTensor(r.outputs.probabilities), nodeTiny, AS_NODE, `${from}: probabilities`)).toBeUndefined();
    }
    await page.close();
  });

  it('runs on the wasm provider with 1 and 2 threads, with and without COOP/COEP', async () => {
    for (const isolation of ['plain', 'isolated'] as const) {
      const page = await openPage(isolation);
      for (const intraOpNumThreads of [1, 2]) {
        const r = await run(page, { ...tiny('bytes', { executionProviders: ['wasm'], intraOpNumThreads }), timedRuns: 5 });
        expect(r.crossOriginIsolated).toBe(isolation === 'isolated');
        expect(r.placement.wasm).toBeGreaterThan(0);
        expect(compareValues(asTensor(r.outputs.probabilities), nodeTiny, AS_NODE, `${isolation}, ${intraOpNumThreads} threads`)).toBeUndefined();
        console.info(`chromium ${isolation} (crossOriginIsolated ${r.crossOriginIsolated}), ${intraOpNumThreads} threads: tiny-color-cnn ${r.medianMs?.toFixed(2)} ms, nodes ${JSON.stringify(r.placement)}`);
      }
      await page.close();
    }
  });

  it.skipIf(!mobilenet)('runs mobilenet_v2 from a URL within rtol 1e-3 / atol 1e-4 of its reference', async () => {
    const { inputName, input, expected } = mobilenet!;
    const page = await openPage('isolated');
    for (const intraOpNumThreads of [1, 2]) {
      const r = await run(page, {
        model: 'mobilenet_v2.onnx', from: 'url', options: { executionProviders: ['wasm'], intraOpNumThreads }, timedRuns: 5,
        inputs: { [inputName]: { dims: [...input.dims], url: 'mobilenet-input.f32' } },
      });
      const [name] = Object.keys(r.outputs);
      expect(compareValues(asTensor(r.outputs[name]), expected, MOBILENET_REFERENCE, name)).toBeUndefined();
      expect(r.placement.wasm).toBeGreaterThan(0);
      console.info(`chromium isolated, ${intraOpNumThreads} threads: mobilenet_v2 median ${r.medianMs?.toFixed(1)} ms, nodes ${JSON.stringify(r.placement)}`);
    }
    await page.close();
  });

  it("runs the gpu provider ('auto': WebGPU first) on SwiftShader's WebGPU adapter", async () => {
    const page = await openPage('plain');
    const r = await run(page, tiny('url', { executionProviders: ['gpu'] }));
    expect(r.placement.gpu, JSON.stringify(r.placement)).toBeGreaterThan(0);
    expect(compareValues(asTensor(r.outputs.probabilities), nodeTiny, GPU, 'gpu')).toBeUndefined();
    console.info(`chromium gpu (auto): nodes ${JSON.stringify(r.placement)}, ${r.fallbackRuns} fallback runs`);
    await page.close();
  });

  it("runs the gpu provider on SwiftShader's WebGL2, or falls back to the CPU and says why", async () => {
    const page = await openPage('plain');
    const before = warnings.length;
    const r = await run(page, tiny('url', { executionProviders: [{ name: 'gpu', mode: 'webgl2' }] }));
    expect(compareValues(asTensor(r.outputs.probabilities), nodeTiny, GPU, 'gpu webgl2')).toBeUndefined();
    if (r.placement.gpu) {
      console.info(`chromium gpu webgl2: nodes ${JSON.stringify(r.placement)}, ${r.fallbackRuns} fallback runs`);
    } else {
      // no device for this mode: every node on the cpu provider, and the page was told why
      const why = warnings.slice(before).find((w) => w.startsWith('gpu:'));
      expect(why, 'the fallback warning').toBeDefined();
      expect(Object.keys(r.placement)).toEqual(['cpu']);
      console.info(`chromium gpu webgl2: fell back to the cpu provider (${why})`);
    }
    await page.close();
  });

  it('logs no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
