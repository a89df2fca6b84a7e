// The committed .wasm files must be what `npm run build:wasm` makes from the current
// AssemblyScript sources: a kernel edit without a rebuild fails here, not in production.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  WASM_BUILD_DIR, WASM_BUILD_INFO, WASM_EMBEDDED, WASM_VARIANTS, type WasmBuildInfo, embeddedBinariesSource, sha256, wasmSourceHash,
} from '../../scripts/wasm-build-config.js';
import { availableWasmVariants } from '../../kernels/wasm/wasm-module.js';
import { withSharedMemoryImport } from '../../kernels/wasm/shared-memory-import.js';

describe('committed wasm build', () => {
  const info = JSON.parse(fs.readFileSync(WASM_BUILD_INFO, 'utf8')) as WasmBuildInfo;

  it('was built from the current sources (run `npm run build:wasm` if this fails)', () => {
    expect(info.sourceHash).toBe(wasmSourceHash());
  });

  it('has the binaries the build recorded', () => {
    for (const v of WASM_VARIANTS) {
      const bytes = fs.readFileSync(path.join(WASM_BUILD_DIR, v.file));
      expect(sha256(bytes), v.file).toBe(info.outputs[v.file]);
    }
  });

  it('embeds the same binaries for hosts without a file system', () => {
    const binaries = Object.fromEntries(WASM_VARIANTS.map((v) => [v.file, fs.readFileSync(path.join(WASM_BUILD_DIR, v.file))]));
    expect(fs.readFileSync(WASM_EMBEDDED, 'utf8')).toBe(embeddedBinariesSource(binaries));
  });

  it('makes each shared-memory build from its plain one, byte for byte as the compiler does', () => {
    for (const v of WASM_VARIANTS.filter((x) => x.file.endsWith('-shared.wasm'))) {
      const plain = fs.readFileSync(path.join(WASM_BUILD_DIR, v.file.replace('-shared.wasm', '.wasm')));
      const built = fs.readFileSync(path.join(WASM_BUILD_DIR, v.file));
      expect(Buffer.from(withSharedMemoryImport(plain, 65536)).equals(built), v.file).toBe(true);
    }
    expect(() => withSharedMemoryImport(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0), 1)).toThrow(/imports no memory/);
  });

  it('runs here at least in its plain SIMD form', () => {
    expect(availableWasmVariants()).toContain('simd');
  });
});
