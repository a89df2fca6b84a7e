// The shared-memory form of a kernel build, made from the plain one: the compiler's two outputs
// differ only in the memory import's limits (shared, with a maximum), so only the plain builds
// are embedded and this rewrites that one import. test/kernels/wasm-build.test.ts checks the
// result equals the compiler's shared build byte for byte.

function readLeb(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0, shift = 0;
  for (;;) {
    const b = bytes[pos++];
    if (b === undefined) throw new Error('truncated wasm module');
    value += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [value, pos];
    shift += 7;
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** Where a limits encoding (flags, minimum, and a maximum where the flags say so) that starts at `pos` ends. */
function skipLimits(bytes: Uint8Array, pos: number): number {
  const flags = bytes[pos++];
  [, pos] = readLeb(bytes, pos);
  if (flags & 1) [, pos] = readLeb(bytes, pos);
  return pos;
}

const IMPORT_SECTION = 2;

/** `plain` with its imported memory declared shared, of at most `maximumPages` pages. */
export function withSharedMemoryImport(plain: Uint8Array, maximumPages: number): Uint8Array {
  let pos = 8; // magic and version
  while (pos < plain.length) {
    const id = plain[pos];
    const [size, start] = readLeb(plain, pos + 1);
    if (id !== IMPORT_SECTION) {
      pos = start + size;
      continue;
    }
    let [count, p] = readLeb(plain, start);
    for (; count > 0; count--) {
      for (let name = 0; name < 2; name++) {
        const [len, q] = readLeb(plain, p);
        p = q + len;
      }
      const kind = plain[p++];
      if (kind === 0) [, p] = readLeb(plain, p); // function: type index
      else if (kind === 1) p = skipLimits(plain, p + 1); // table: element type, limits
      else if (kind === 3) p += 2; // global: value type, mutability
      else if (kind === 2) {
        const [min] = readLeb(plain, p + 1);
        const limits = [0x03, ...leb(min), ...leb(maximumPages)];
        const end = skipLimits(plain, p);
        const content = [...plain.subarray(start, p), ...limits, ...plain.subarray(end, start + size)];
        return Uint8Array.from([...plain.subarray(0, pos), IMPORT_SECTION, ...leb(content.length), ...content, ...plain.subarray(start + size)]);
      } else throw new Error(`unexpected import kind ${kind} in a kernel build`);
    }
    break;
  }
  throw new Error('the kernel build imports no memory');
}
