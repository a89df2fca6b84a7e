// What `npm run build:wasm` compiles and how, and the hash of its inputs. The hash is
// recorded next to the .wasm files at build time; a test recomputes it so a source change
// without a rebuild fails CI instead of shipping a stale binary.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const WASM_SOURCE_DIR = path.join(repoRoot, 'kernels', 'wasm', 'assembly');
export const WASM_BUILD_DIR = path.join(repoRoot, 'kernels', 'wasm', 'build');
export const WASM_BUILD_INFO = path.join(WASM_BUILD_DIR, 'build-info.json');
/**
 * The plain binaries again as base64 in a module, so they load without a file system (browsers,
 * bundles). The shared-memory ones are not embedded: the loader makes them from the plain ones
 * (kernels/wasm/shared-memory-import.ts), which is all they differ by.
 */
export const WASM_EMBEDDED = path.join(WASM_BUILD_DIR, 'wasm-binaries.ts');

/** The source of WASM_EMBEDDED for these binaries (file name -> bytes). */
export function embeddedBinariesSource(binaries: Record<string, Uint8Array>): string {
  const lines = Object.entries(binaries).filter(([file]) => !file.endsWith('-shared.wasm')).map(([file, bytes]) => `  '${file}': '${Buffer.from(bytes).toString('base64')}',`);
  return [
    '// Written by `npm run build:wasm`: the plain .wasm files beside this one, base64-encoded, so',
    '// the kernels load from a bundle or a browser as well as from Node. Do not edit.',
    'export const WASM_BINARIES: Record<string, string> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

const COMMON_FLAGS = [
  '-O3', '--runtime', 'stub', '--importMemory', '--noAssert', '--use', 'abort=', '--enable', 'simd',
  // v128 parameters of internal helpers are fine: only numbers cross to JavaScript
  '--disableWarning', '112',
];

// the threaded builds import a shared memory (SharedArrayBuffer) that piscina workers
// instantiate the same module against; the maximum must match the memory the loader creates
const SHARED_FLAGS = [...COMMON_FLAGS, '--enable', 'threads', '--sharedMemory', '--maximumMemory', '65536'];

/**
 * Relaxed SIMD (fused multiply-add) where the engine has it, plain SIMD otherwise; each also
 * in a shared-memory form for intra-op threads.
 */
export const WASM_VARIANTS = [
  { file: 'onnx-ts-relaxed-simd.wasm', flags: [...COMMON_FLAGS, '--enable', 'relaxed-simd'] },
  { file: 'onnx-ts-simd.wasm', flags: COMMON_FLAGS },
  { file: 'onnx-ts-relaxed-simd-shared.wasm', flags: [...SHARED_FLAGS, '--enable', 'relaxed-simd'] },
  { file: 'onnx-ts-simd-shared.wasm', flags: SHARED_FLAGS },
] as const;

export interface WasmBuildInfo {
  sourceHash: string;
  assemblyscript: string;
  outputs: Record<string, string>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every AssemblyScript source, by path relative to the source folder, sorted. */
export function wasmSourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(path.relative(WASM_SOURCE_DIR, p).split(path.sep).join('/'));
    }
  };
  walk(WASM_SOURCE_DIR);
  return out.sort();
}

/** Hash of the sources and the compiler flags (not the compiler version, which the lock pins). */
export function wasmSourceHash(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(WASM_VARIANTS));
  for (const f of wasmSourceFiles()) {
    h.update(`\0${f}\0`);
    h.update(fs.readFileSync(path.join(WASM_SOURCE_DIR, f)));
  }
  return h.digest('hex');
}
