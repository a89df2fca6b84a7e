// Shared by the pass specs: build a small graph, optimize it, and check both the rewritten
// graph and that outputs are unchanged against the unoptimized graph.
import { expect } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import type { GraphBuilder } from '../../graph/graph-builder.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue } from '../../src/index.js';
import type { GraphOptimizationLevel } from '../../src/session/session-options.js';

export function randomTensorData(n: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
}

/** Optimizes at `level`, returns the op types left, and asserts outputs equal the disabled level's. */
export async function optimizeAndCompare(b: GraphBuilder, feeds: Record<string, OnnxValue>, level: GraphOptimizationLevel = 'all', opsets: Record<string, number> = { '': 17 }): Promise<string[]> {
  const bytes = encodeModel(b.model(opsets));
  const plain = await InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
  const optimized = await InferenceSession.create(bytes, { graphOptimizationLevel: level });
  const expected = await plain.run(feeds);
  const actual = await optimized.run(feeds);
  for (const name of plain.outputNames) {
    expect(compareValues(actual[name], expected[name], { rtol: 1e-4, atol: 1e-5 }, name)).toBeUndefined();
  }
  return optimized.nodePlacement.map((p) => p.opType);
}
