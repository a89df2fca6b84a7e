// examples/browser (npm run example:browser) driven once in headless Chromium, as a person would
// use it: the bundled model is picked with the file input, the page must show its inputs,
// outputs, opsets and operators, run it on the wasm provider with 2 threads (cross-origin
// isolated) on random values and then on a picked image, and show the outputs, the latency and
// a per-node table, with no console errors. A screenshot goes to test-results/ for CI to keep.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../data/image/png-encode.js';
import { buildExample } from '../../examples/browser/build.js';
import { tinyModelPath } from './references.js';
import { type StaticServer, serveStatic } from './static-server.js';
import { chromiumMissing, reportMissing } from './tools.js';
import { type Browser, type Page, launchChromium, openPage } from './chromium-driver.js';


/** The little of the DOM the page-side callbacks read (this file is typed for Node, without the DOM). */
interface PageElement { textContent: string | null; classList: { contains(name: string): boolean }; querySelectorAll(selector: string): Iterable<PageElement> }
declare const document: { getElementById(id: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement> };

interface PageState {
  status: string;
  statusIsError: boolean;
  tables: Record<string, string[][]>;
  latency: string;
}

const missing = chromiumMissing()?.replace('chromium.test.ts', 'example-page.test.ts');
reportMissing(missing);

const SCREENSHOT = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'example-browser.png');
const TABLES = ['inputs', 'outputs-meta', 'opsets', 'op-counts', 'outputs', 'profile'];

describe.skipIf(missing !== undefined)('the example page in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(await buildExample());
    browser = await launchChromium();
    page = await openPage(browser, `${server.origin}/isolated/index.html`, '', problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const state = () => page.evaluate((ids) => {
    const rows = (id: string) => [...document.querySelectorAll(`#${id} tr`)].slice(1)
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
    const status = document.getElementById('status')!;
    return {
      status: status.textContent ?? '', statusIsError: status.classList.contains('error'),
      tables: Object.fromEntries(ids.map((id) => [id, rows(id)])), latency: document.getElementById('latency')!.textContent ?? '',
    };
  }, TABLES) as Promise<PageState>;

  /** Waits until the status line reads `done` (or an error), and returns the page's state. */
  async function settle(done: string): Promise<PageState> {
    await page.waitForFunction((text) => {
      const s = document.getElementById('status')!;
      return s.classList.contains('error') || (s.textContent ?? '').includes(text);
    }, done, { timeout: 60_000 });
    const s = await state();
    expect(s.statusIsError, s.status).toBe(false);
    return s;
  }

  it('shows the dropped model, runs it with 2 threads and shows outputs, latency and nodes', async () => {
    await page.setInputFiles('#model-file', tinyModelPath);
    const loaded = await settle('Pick a provider');
    expect(loaded.tables.inputs).toEqual([['image', 'float32', expect.stringMatching(/^\[.+, 3, 32, 32\]$/)]]);
    expect(loaded.tables['outputs-meta'].map((r) => r[0])).toEqual(['probabilities']);
    expect(loaded.tables.opsets).toContainEqual(['ai.onnx', expect.stringMatching(/^\d+$/)]);
    expect(loaded.tables['op-counts'].map((r) => r[0])).toContain('Conv');

    await page.selectOption('#provider', 'wasm');
    await page.fill('#threads', '2');
    await page.click('#run');
    const ran = await settle('ran on');
    expect(ran.status).toMatch(/wasm: \d+ nodes.*inputs: image random/);
    const [[name, type, shape, values]] = ran.tables.outputs;
    expect([name, type]).toEqual(['probabilities', 'float32']);
    expect(shape).toMatch(/^\[1, \d+\]$/);
    const probabilities = values.replace(', ...', '').split(', ').map(Number);
    expect(probabilities.every((p) => p >= 0 && p <= 1), values).toBe(true);
    expect(ran.latency).toMatch(/median \d+\.\d+ ms over 5 runs .*wasm, 2 thread\(s\), crossOriginIsolated true/);
    // one row a node of the optimized graph (as nodePlacement counts them), with its provider and a time
    const placed = [...ran.status.matchAll(/(\d+) nodes?/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(placed).toBeGreaterThan(0);
    expect(ran.tables.profile.length).toBe(placed);
    expect(placed).toBeLessThanOrEqual(loaded.tables['op-counts'].reduce((n, r) => n + Number(r[1]), 0));
    expect(ran.tables.profile.some((r) => r[2] === 'wasm')).toBe(true);
    expect(ran.tables.profile.every((r) => /^\d+$/.test(r[4]))).toBe(true);
    console.info(`example page: ${ran.latency}`);
  });

  it('runs the model on a picked image for its image-shaped input', async () => {
    const rgba = new Uint8Array(64 * 48 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    await page.setInputFiles('#image-image', { name: 'picture.png', mimeType: 'image/png', buffer: Buffer.from(encodePng(rgba, 64, 48)) });
    await page.click('#run');
    const ran = await settle('image from picture.png');
    expect(ran.status).toMatch(/ran on wasm: \d+ nodes/);
    expect(ran.tables.outputs[0][2]).toMatch(/^\[1, \d+\]$/);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(0);
  });

  it('logs no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
