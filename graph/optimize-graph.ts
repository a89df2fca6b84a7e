// The optimizer: runs the passes of the requested level (onnxruntime's names: disabled,
// basic, extended, all) until none changes the graph, and recurses into subgraphs.
import type { Graph } from './ir.js';
import { collapseTransposeReshape } from './passes/collapse-transpose-reshape.js';
import { eliminateCommonSubexpressions } from './passes/eliminate-common-subexpressions.js';
import { eliminateDeadNodes } from './passes/eliminate-dead-nodes.js';
import { eliminateNoOps } from './passes/eliminate-no-ops.js';
import { foldConstants } from './passes/fold-constants.js';
import { foldConvAddMul } from './passes/fold-conv-add-mul.js';
import { foldConvBatchNorm } from './passes/fold-conv-batchnorm.js';
import { foldTransposeIntoGemm } from './passes/fold-transpose-into-gemm.js';
import { fuseActivation } from './passes/fuse-activation.js';
import { fuseAttention } from './passes/fuse-attention.js';
import { fuseConvAdd } from './passes/fuse-conv-add.js';
import { fuseGelu } from './passes/fuse-gelu.js';
import { fuseLayerNorm } from './passes/fuse-layer-norm.js';
import { fuseMatMulIntegerToFloat } from './passes/fuse-matmul-integer-to-float.js';
import { fuseMatMulAdd } from './passes/fuse-matmul-add.js';
import { fuseQdq } from './passes/fuse-qdq.js';
import { type GraphPass, LEVEL_RANK, type OptimizationLevel, type PassContext } from './passes/pass.js';
import { TRAINING_DOMAIN } from '../data/domains.js';

/**
 * In order: cleanup first, then folds that enable fusions, fusions last; the QDQ fusion
 * before all, while the weights' DequantizeLinear still say which values are integers.
 */
export const PASSES: GraphPass[] = [
  fuseQdq,
  foldConstants,
  eliminateNoOps,
  eliminateCommonSubexpressions,
  eliminateDeadNodes,
  foldConvBatchNorm,
  foldConvAddMul,
  collapseTransposeReshape,
  foldTransposeIntoGemm,
  fuseLayerNorm,
  fuseGelu,
  fuseAttention,
  fuseMatMulIntegerToFloat,
  fuseMatMulAdd,
  fuseConvAdd,
  fuseActivation,
];

const MAX_ROUNDS = 8;

export interface OptimizeReport {
  nodesBefore: number;
  nodesAfter: number;
  passRuns: Record<string, number>;
}

/**
 * A Gradient node (ai.onnx.preview.training) differentiates the nodes that compute the values
 * its attributes name, so a graph holding one runs as written: rewrites could remove those
 * nodes (y read by no node), rename the values, fuse ops or fold away the dependence on xs.
 */
function hasGradientNode(graph: Graph): boolean {
  return graph.nodes.some((n) => n.opType === 'Gradient' && n.domain === TRAINING_DOMAIN);
}

/** Optimizes `graph` in place (the main graph only; subgraphs keep their nodes). */
export async function optimizeGraph(graph: Graph, level: OptimizationLevel, ctx: PassContext): Promise<OptimizeReport> {
  const report: OptimizeReport = { nodesBefore: graph.nodes.length, nodesAfter: graph.nodes.length, passRuns: {} };
  if (level === 'disabled' || hasGradientNode(graph)) return report;
  const passes = PASSES.filter((p) => LEVEL_RANK[p.level] <= LEVEL_RANK[level]);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const pass of passes) {
      const r = pass.run(graph, ctx);
      if (r instanceof Promise ? await r : r) {
        changed = true;
        report.passRuns[pass.name] = (report.passRuns[pass.name] ?? 0) + 1;
      }
    }
    if (!changed) break;
  }
  report.nodesAfter = graph.nodes.length;
  return report;
}
