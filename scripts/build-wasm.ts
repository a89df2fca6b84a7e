// npm run build:wasm: compiles kernels/wasm/assembly to the two committed .wasm variants and
// records the source hash (see wasm-build-config.ts). Run it after editing the kernels.
import fs from 'node:fs';
import path from 'node:path';
import {
  WASM_BUILD_DIR, WASM_BUILD_INFO, WASM_EMBEDDED, WASM_SOURCE_DIR, WASM_VARIANTS, type WasmBuildInfo, embeddedBinariesSource, sha256,
  wasmSourceHash,
} from './wasm-build-config.js';

interface Asc {
  version: string;
  main(args: string[], options?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream }): Promise<{ error: Error | null }>;
}

// a computed specifier keeps the compiler's own typings out of our type-check
const ascModule = 'assemblyscript/asc';
const asc = (await import(ascModule)) as Asc;

fs.mkdirSync(WASM_BUILD_DIR, { recursive: true });
const entry = path.join(WASM_SOURCE_DIR, 'index.ts');
const outputs: Record<string, string> = {};
const binaries: Record<string, Uint8Array> = {};
for (const v of WASM_VARIANTS) {
  const out = path.join(WASM_BUILD_DIR, v.file);
  const t0 = performance.now();
  const { error } = await asc.main([entry, ...v.flags, '-o', out], { stdout: process.stdout, stderr: process.stderr });
  if (error) {
    console.error(`build:wasm: ${v.file} failed: ${error.message}`);
    process.exit(1);
  }
  const bytes = fs.readFileSync(out);
  outputs[v.file] = sha256(bytes);
  binaries[v.file] = bytes;
  console.log(`build:wasm: ${v.file} ${bytes.length} bytes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const info: WasmBuildInfo = { sourceHash: wasmSourceHash(), assemblyscript: asc.version, outputs };
fs.writeFileSync(WASM_BUILD_INFO, `${JSON.stringify(info, null, 2)}\n`);
fs.writeFileSync(WASM_EMBEDDED, embeddedBinariesSource(binaries));
