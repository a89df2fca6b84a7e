// Other JavaScript runtimes, from their npm packages in test/browser/fixture: Deno and Bun run
// the package's browser bundle and its Node build (here from the TypeScript sources) on the
// bundled model and mobilenet_v2 from bytes; workerd serves a Worker on 127.0.0.1 that runs the
// bundled model on the bytes a request posts. Outputs must match Node's and the reference.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareValues } from '../../onnx-conformance/compare.js';
import type { Tensor } from '../../src/index.js';
import { repoPath } from '../data-paths.js';
import { buildBrowserBundle } from './bundle.js';
import {
  AS_NODE, MOBILENET_REFERENCE, asTensor, mobilenetCase, rawBytes, tinyDims, tinyInput, tinyModelPath, tinyOnNode,
} from './references.js';
import { fixtureBinary, reportMissing, runtimeMissing } from './tools.js';

const run = promisify(execFile);
const deno = fixtureBinary('deno'), bun = fixtureBinary('bun'), workerd = fixtureBinary('workerd');
for (const name of ['deno', 'bun', 'workerd']) reportMissing(runtimeMissing(name));
const mobilenet = deno || bun ? mobilenetCase() : undefined;

interface SmokeResult { dims: number[]; data: number[]; placement: Record<string, number> }

describe.skipIf(!deno && !bun && !workerd)('other JavaScript runtimes', () => {
  let dir = '';
  let nodeTiny: Tensor;
  const models: string[] = []; // smoke.mjs's `model=input=dims` arguments

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-runtimes-'));
    fs.writeFileSync(path.join(dir, 'onnx-ts.mjs'), await buildBrowserBundle('esm'));
    for (const f of ['worker.mjs', 'config.capnp']) fs.copyFileSync(path.join(import.meta.dirname, 'runtimes', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'tiny.f32'), rawBytes(tinyInput));
    models.push(`${tinyModelPath}=${path.join(dir, 'tiny.f32')}=${tinyDims.join(',')}`);
    if (mobilenet) {
      fs.writeFileSync(path.join(dir, 'mobilenet.f32'), rawBytes(mobilenet.input.data as Float32Array));
      models.push(`${mobilenet.modelPath}=${path.join(dir, 'mobilenet.f32')}=${mobilenet.input.dims.join(',')}`);
    }
    nodeTiny = await tinyOnNode();
  }, 60_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs smoke.mjs with the given runtime command line and checks each model's outputs. */
  async function smoke(label: string, command: string[]): Promise<void> {
    const [file, ...args] = command;
    const { stdout } = await run(file, [...args, ...models], { cwd: repoPath(), timeout: 60_000, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1' } });
    const [tiny, mobile] = JSON.parse(stdout.trim().split('\n').at(-1)!) as SmokeResult[];
    expect(compareValues(asTensor(tiny), nodeTiny, AS_NODE, `${label}: tiny-color-cnn`)).toBeUndefined();
    expect(tiny.placement.wasm, JSON.stringify(tiny.placement)).toBeGreaterThan(0);
    if (mobilenet) {
      expect(compareValues(asTensor(mobile), mobilenet.expected, MOBILENET_REFERENCE, `${label}: mobilenet_v2`)).toBeUndefined();
    }
  }

  // run where it is: Deno finds the repository's package.json (and so node_modules) from the script
  const smokeScript = () => path.join(import.meta.dirname, 'runtimes', 'smoke.mjs');
  const browserBundle = () => path.join(dir, 'onnx-ts.mjs');
  const nodeBuild = repoPath('src', 'index.ts');

  describe.skipIf(!deno)('Deno', () => {
    // the bundle needs nothing but reading its own files and the models
    it('runs the browser bundle', () => {
      const readable = [dir, smokeScript(), tinyModelPath, ...(mobilenet ? [mobilenet.modelPath] : [])].join(',');
      return smoke('deno, browser bundle', [deno!, 'run', `--allow-read=${readable}`, smokeScript(), browserBundle()]);
    });
    // the sources use `.js` specifiers for `.ts` files, which Deno resolves with sloppy imports
    it('runs the Node build', () => smoke('deno, Node build', [deno!, 'run', '--allow-all', '--unstable-sloppy-imports', smokeScript(), nodeBuild]));
  });

  describe.skipIf(!bun)('Bun', () => {
    it('runs the browser bundle', () => smoke('bun, browser bundle', [bun!, 'run', smokeScript(), browserBundle()]));
    it('runs the Node build', () => smoke('bun, Node build', [bun!, 'run', smokeScript(), nodeBuild]));
  });

  describe.skipIf(!workerd)('workerd', () => {
    it('serves a Worker on 127.0.0.1 that runs the bundled model from the request bytes', async () => {
      const server = spawn(workerd!, ['serve', path.join(dir, 'config.capnp'), '-s', 'http=127.0.0.1:0'], { cwd: dir });
      try {
        const origin = await new Promise<string>((resolve, reject) => {
          let log = '';
          const timer = setTimeout(() => reject(new Error(`workerd did not listen: ${log}`)), 30_000);
          const read = (chunk: Buffer) => {
            log += chunk.toString();
            const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          };
          server.stdout.on('data', read);
          server.stderr.on('data', read);
          server.on('exit', (code) => reject(new Error(`workerd exited (${code}): ${log}`)));
        });
        const model = fs.readFileSync(tinyModelPath);
        const response = await fetch(origin, {
          method: 'POST', body: Buffer.concat([model, rawBytes(tinyInput)]),
          headers: { 'x-model-bytes': String(model.length), 'x-input-dims': tinyDims.join(',') },
        });
        expect(response.ok, `workerd answered ${response.status}: ${response.ok ? '' : await response.clone().text()}`).toBe(true);
        const r = (await response.json()) as SmokeResult;
        expect(compareValues(asTensor(r), nodeTiny, AS_NODE, 'workerd: tiny-color-cnn')).toBeUndefined();
        console.info(`workerd: tiny-color-cnn ran, nodes ${JSON.stringify(r.placement)}`);
      } finally {
        server.kill();
      }
    });
  });
});
