// Where the browser and the other runtimes come from, and the one line a test prints when one
// is missing. CI installs them: `apt-get install -y chromium` and
// `npm ci --prefix test/browser/fixture` (playwright-core, deno, bun, workerd from npm).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const fixture = path.join(import.meta.dirname, 'fixture');
const fixtureRequire = createRequire(path.join(fixture, 'package.json'));
const INSTALL_FIXTURE = 'npm ci --prefix test/browser/fixture';

/** The system Chromium: $CHROMIUM_PATH, else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A module from the fixture's node_modules, or undefined when the fixture is not installed. */
export function fixtureModulePath(name: string): string | undefined {
  try {
    return fixtureRequire.resolve(name);
  } catch {
    return undefined;
  }
}

/** A binary from the fixture's node_modules/.bin, or undefined. */
export function fixtureBinary(name: string): string | undefined {
  const bin = path.join(fixture, 'node_modules', '.bin', name);
  return fs.existsSync(bin) ? bin : undefined;
}

/** What the Chromium test lacks, as one line with the commands that install it; undefined when nothing. */
export function chromiumMissing(): string | undefined {
  const missing: string[] = [];
  if (!fs.existsSync(chromiumPath)) missing.push(`Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  if (!fixtureModulePath('playwright-core')) missing.push(`playwright-core (${INSTALL_FIXTURE})`);
  return missing.length ? `SKIP test/browser/chromium.test.ts: missing ${missing.join(' and ')}` : undefined;
}

/** The line a runtime's smoke test prints when its binary is not installed. */
export function runtimeMissing(name: string): string | undefined {
  return fixtureBinary(name) ? undefined : `SKIP ${name} smoke test: no ${name} binary in test/browser/fixture (${INSTALL_FIXTURE})`;
}

/**
 * Prints a missing tool's SKIP line, or, under CI (which installs them all: .ci/run), fails:
 * a browser test that quietly skipped there would prove nothing.
 */
export function reportMissing(line: string | undefined): void {
  if (!line) return;
  if (process.env.CI) throw new Error(`${line.replace(/^SKIP /, '')}: CI installs these (.ci/run), so this is a failure there`);
  console.warn(line);
}
