// Shared by the pass specs: build a small graph, optimize it, and check both the rewritten
// graph and that outputs are unchanged against the unoptimized graph.
import { expect } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import type { GraphBuilder } from '../../graph/graph-builder.js';
import type { Graph } from '../../graph/ir.js';
import { defaultLimits } from '../../graph/limits.js';
import { loadModel } from '../../graph/load-model.js';
import type { GraphPass } from '../../graph/passes/pass.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue } from '../../src/index.js';
import { evaluateNode } from '../../src/session/evaluate-node.js';
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

/** The graph's nodes as `domain:op(inputs)->outputs`, then its initializer names. */
function graphListing(g: Graph): string[] {
  return [...g.nodes.map((n) => `${n.domain}:${n.opType}(${n.inputs})->${n.outputs}`), ...[...g.initializers.keys()].sort().map((k) => `initializer ${k}`)];
}

/**
 * Runs `pass` alone on the graph `b` builds, as a session loads it: whether the pass reported
 * a change, and the graph's listing before and after. Alone, so no other pass can hide a
 * rewrite that should not have happened.
 */
export async function runPassAlone(b: GraphBuilder, pass: GraphPass, opsets: Record<string, number> = { '': 17 }): Promise<{ changed: boolean; before: string[]; after: string[] }> {
  const model = loadModel(encodeModel(b.model(opsets)));
  const modelOpsets = new Map(model.opsets);
  const before = graphListing(model.graph);
  const r = pass.run(model.graph, { opsets: modelOpsets, limits: defaultLimits(), evaluate: (node, inputs) => evaluateNode(node, inputs, modelOpsets) });
  const changed = r instanceof Promise ? await r : r;
  return { changed, before, after: graphListing(model.graph) };
}
