// SessionOptions.freeDimensionOverrides: symbolic dimensions (dim_param) fixed by name before the
// graph is optimized and planned, as onnxruntime does, so shape-dependent folds and the memory
// plan see the sizes. Feeds are then checked against the names the user fixed.
import type { Dim, Graph, ValueInfo } from '../../graph/ir.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OnnxValue } from '../../data/tensor.js';

/** For one graph input: dimension index → the name it had and the size it was fixed to. */
export type FixedDims = Map<string, { index: number; name: string; size: number }[]>;

function checkOverrides(overrides: { readonly [name: string]: number }): void {
  for (const [name, size] of Object.entries(overrides)) {
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new InvalidInputError(
        `freeDimensionOverrides["${name}"] must be a non-negative integer, got ${String(size)}`,
        'freeDimensionOverrides', 'a non-negative integer', String(size),
      );
    }
  }
}

function fixShape(v: ValueInfo, overrides: { readonly [name: string]: number }): ValueInfo {
  const t = v.type;
  if ((t?.kind !== 'tensor' && t?.kind !== 'sparse_tensor') || !t.shape?.some((d) => typeof d === 'string' && d in overrides)) return v;
  const shape: Dim[] = t.shape.map((d) => (typeof d === 'string' && Object.hasOwn(overrides, d) ? overrides[d] : d));
  return { ...v, type: { ...t, shape } };
}

/**
 * Fixes the named dimensions in `graph`'s inputs, outputs and value_info (the graph is the
 * session's own copy). Returns what was fixed per input, and the names that matched nothing.
 */
export function applyFreeDimensionOverrides(graph: Graph, overrides: { readonly [name: string]: number }): { fixed: FixedDims; unused: string[] } {
  checkOverrides(overrides);
  const fixed: FixedDims = new Map();
  const used = new Set<string>();
  for (const input of graph.inputs) {
    const t = input.type;
    if (t?.kind !== 'tensor' || !t.shape) continue;
    const dims = t.shape.flatMap((d, index) => (typeof d === 'string' && Object.hasOwn(overrides, d) ? [{ index, name: d, size: overrides[d] }] : []));
    for (const d of dims) used.add(d.name);
    if (dims.length) fixed.set(input.name, dims);
  }
  graph.inputs = graph.inputs.map((v) => fixShape(v, overrides));
  graph.outputs = graph.outputs.map((v) => fixShape(v, overrides));
  for (const [name, v] of graph.valueInfo) graph.valueInfo.set(name, fixShape(v, overrides));
  return { fixed, unused: Object.keys(overrides).filter((n) => !used.has(n)) };
}

/** A feed whose dimension differs from the size freeDimensionOverrides fixed: refused, naming both. */
export function checkFixedDims(feeds: Record<string, OnnxValue>, fixed: FixedDims): void {
  for (const [input, dims] of fixed) {
    const v = feeds[input] as { dims?: unknown } | null | undefined;
    const actual = v && Array.isArray(v.dims) ? (v.dims as number[]) : undefined;
    if (!actual) continue;
    for (const { index, name, size } of dims) {
      if (index < actual.length && actual[index] !== size) {
        throw new InvalidInputError(
          `Input "${input}" has dims [${actual}], but freeDimensionOverrides fixes dimension ${index} ("${name}") to ${size}`,
          input, `${name} = ${size}`, `${name} = ${actual[index]}`,
        );
      }
    }
  }
}
