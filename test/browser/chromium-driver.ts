// What the browser tests drive: Debian's Chromium through playwright-core (installed in the
// test fixture, typed here with the little of it they use), and pages that report their
// console errors and warnings.
import { pathToFileURL } from 'node:url';
import { chromiumPath, fixtureModulePath } from './tools.js';

export interface Page {
  on(event: 'console', fn: (m: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', fn: (e: Error) => void): void;
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  setInputFiles(selector: string, files: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
  selectOption(selector: string, value: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options?: { timeout: number }): Promise<unknown>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
  close(): Promise<void>;
}
export interface Browser { newPage(): Promise<Page>; close(): Promise<void>; version(): string }
interface Playwright { chromium: { launch(o: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser> } }

/** In a container as root Chromium needs --no-sandbox. */
const BASE_FLAGS = ['--no-sandbox', '--headless=new'];

/** The system Chromium, headless, with `flags` added. */
export async function launchChromium(flags: readonly string[] = []): Promise<Browser> {
  const playwright = (await import(pathToFileURL(fixtureModulePath('playwright-core')!).href)) as Playwright;
  return playwright.chromium.launch({ executablePath: chromiumPath, headless: true, args: [...BASE_FLAGS, ...flags] });
}

/**
 * A new page at `url`: its console errors and uncaught errors go to `problems` (prefixed with
 * `label`), its console warnings to `warnings`.
 */
export async function openPage(browser: Browser, url: string, label: string, problems: string[], warnings: string[] = []): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${label}console.error: ${m.text()}`);
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`${label}page error: ${e.message}`));
  await page.goto(url);
  return page;
}
