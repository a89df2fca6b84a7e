// What a GPU kernel is before gpu.js compiles it: JavaScript source with every size inlined as
// a literal, so one compiled kernel serves exactly one (op, shapes, attributes) key.
//
// Conventions of the generated source, which gpu.js translates to WGSL/GLSL:
// - every argument is a flat float32 array indexed a[i]; the output is 1-D (one value per
//   thread, this.thread.x the flat output index);
// - gpu.js declares variables as f32, so index arithmetic is float: exact only below 2^24,
//   which callers check (MAX_GPU_ELEMENTS) before choosing the GPU;
// - GPU float division may be off by a few ulps, so flat indices are split with divmod(),
//   which corrects the quotient instead of trusting floor(x / d);
// - loops have literal bounds; loopMax is the longest trip count (gpu.js caps loops it cannot
//   bound at loopMaxIterations).

export interface GpuKernelSpec {
  /** Cache key: everything the source depends on. */
  key: string;
  source: string;
  /** Elements in the (1-D) output. */
  outputSize: number;
  /** Longest loop trip count in the source, including reductions. */
  loopMax: number;
}

export const product = (xs: readonly number[]): number => xs.reduce((p, d) => p * d, 1);

/** Largest tensor the float index arithmetic addresses exactly. */
export const MAX_GPU_ELEMENTS = 2 ** 24;

/** A float literal for kernel source (finite values only; callers drop infinite bounds). */
export function lit(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`kernel literal must be finite, got ${v}`);
  const s = String(Math.fround(v));
  return Number.isInteger(Math.fround(v)) && !s.includes('e') ? `${s}.0` : s;
}

/**
 * Statements splitting `x` (a non-negative integer-valued float expression) by `d`:
 * declares `q` = floor(x / d) and `r` = x - q * d, corrected for an inexact division.
 */
export function divmod(q: string, r: string, x: string, d: number): string {
  if (d === 1) return `let ${q} = ${x}; let ${r} = 0;`;
  return `let ${q} = Math.floor(${x} / ${d}); let ${r} = ${x} - ${q} * ${d};`
    + ` if (${r} < 0) { ${q} = ${q} - 1; ${r} = ${r} + ${d}; }`
    + ` if (${r} >= ${d}) { ${q} = ${q} + 1; ${r} = ${r} - ${d}; }`;
}

/**
 * Statements declaring `${p}0 .. ${p}{n-1}`, the row-major coordinates of flat index `flat`
 * in a tensor of shape `dims`.
 */
export function coords(p: string, flat: string, dims: readonly number[]): string {
  const n = dims.length;
  if (n === 0) return '';
  const out: string[] = [];
  let rest = flat;
  for (let a = n - 1; a > 0; a--) {
    const next = `${p}rest${a}`;
    out.push(divmod(next, `${p}${a}`, rest, dims[a]));
    rest = next;
  }
  out.push(`let ${p}0 = ${rest};`);
  return out.join('\n  ');
}

/** `sum(coord_a * stride_a)` over axes with a non-zero stride; '0' when there are none. */
export function offset(p: string, strides: readonly number[], first = 0): string {
  const terms: string[] = [];
  strides.forEach((s, a) => {
    if (s !== 0) terms.push(s === 1 ? `${p}${a + first}` : `${p}${a + first} * ${s}`);
  });
  return terms.length ? terms.join(' + ') : '0';
}

/** Strides of `inDims` as seen from an output of rank `outRank` it broadcasts onto (0 on broadcast axes). */
export function broadcastStrides(inDims: readonly number[], outDims: readonly number[]): number[] {
  const pad = outDims.length - inDims.length;
  const st = new Array<number>(outDims.length).fill(0);
  let acc = 1;
  for (let i = inDims.length - 1; i >= 0; i--) {
    st[i + pad] = inDims[i] === 1 && outDims[i + pad] !== 1 ? 0 : acc;
    acc *= inDims[i];
  }
  return st;
}

/** The kernel function text: `function (args) { body }`. */
export function kernelSource(args: readonly string[], body: string): string {
  return `function (${args.join(', ')}) {\n  ${body}\n}`;
}

export const shapeKey = (dims: readonly number[]): string => `[${dims.join(',')}]`;
