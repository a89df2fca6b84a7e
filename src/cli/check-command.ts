// `onnx-ts check MODEL`: can onnx-ts run this model? Loads, validates, infers shapes and lists
// every unsupported op, without running anything. Exit code 1 when something is wrong.
import type { Dim, Graph, Model, Node } from '../../graph/ir.js';
import { inferGraphShapes } from '../../graph/shape-inference.js';
import { inlineFunctions } from '../../graph/inline-functions.js';
import { loadModel } from '../../graph/load-model.js';
import { topologicalOrder } from '../../graph/topo-sort.js';
import { InvalidModelError, OnnxError } from '../../data/errors.js';
import { InferenceSession } from '../inference-session.js';
import { OUTPUT_FLAGS, modelArgument, parseCommandArgs } from './cli-args.js';
import { isOpSupported, unsupportedOperator } from './op-support.js';

export const CHECK_USAGE = `  onnx-ts check MODEL [--json]         load, validate and shape-infer a model without running it,
                                       and list every unsupported op (node, domain, opset);
                                       exit code 1 when something is unsupported or invalid`;

export interface CheckProblem {
  /** The typed error's class, e.g. InvalidModelError. */
  error: string;
  message: string;
  node?: string;
}

export interface UnsupportedNode {
  node: string;
  opType: string;
  /** '' for ai.onnx, as in the model. */
  domain: string;
  opset: number;
  /** The opset ranges onnx-ts has for this op ('' when it has none). */
  supportedVersions: string;
  suggestion?: string;
  message: string;
}

export interface CheckReport {
  model: string;
  ok: boolean;
  irVersion?: number;
  opsets: Record<string, number>;
  /** Nodes of the main graph and its subgraphs, model-local functions inlined. */
  nodes: number;
  errors: CheckProblem[];
  unsupported: UnsupportedNode[];
  shapes?: {
    /** Values the main graph's nodes produce, and how many of them have a fully known shape. */
    values: number;
    known: number;
    outputs: { name: string; type?: string; dims?: Dim[] }[];
  };
  /** Not errors: a declared output shape the inferred one contradicts. */
  warnings: string[];
}

function problem(e: OnnxError): CheckProblem {
  const node = e instanceof InvalidModelError ? e.details.node : undefined;
  return { error: e.name, message: e.message, ...(node !== undefined ? { node } : {}) };
}

/** Runs `step`, recording a typed error as a problem instead of throwing. */
function attempt<T>(errors: CheckProblem[], step: () => T): T | undefined {
  try {
    return step();
  } catch (e) {
    if (!(e instanceof OnnxError)) throw e;
    errors.push(problem(e));
    return undefined;
  }
}

interface GraphWalk {
  model: Model;
  errors: CheckProblem[];
  unsupported: UnsupportedNode[];
  nodes: number;
}

/** Orders `graph` (as the session will) and checks each node's op, then its subgraphs with this graph's names in scope. */
function checkGraph(graph: Graph, outer: ReadonlySet<string>, walk: GraphWalk): Node[] | undefined {
  const available = new Set<string>([...outer, ...graph.inputs.map((i) => i.name), ...graph.initializers.keys()]);
  const order = attempt(walk.errors, () => topologicalOrder(graph, available));
  const visible = new Set(available);
  for (const n of graph.nodes) for (const o of n.outputs) if (o) visible.add(o);
  for (const node of graph.nodes) {
    walk.nodes++;
    const opset = walk.model.opsets.get(node.domain);
    if (opset === undefined) {
      walk.errors.push(problem(new InvalidModelError(
        `Node "${node.name}" (${node.opType}) uses domain "${node.domain || 'ai.onnx'}", which the model does not import in opset_import`,
        { node: node.name, opType: node.opType },
      )));
    } else if (!isOpSupported(walk.model, node.domain, node.opType, opset)) {
      const e = unsupportedOperator(node, opset);
      walk.unsupported.push({
        node: node.name, opType: node.opType, domain: node.domain, opset, supportedVersions: e.supportedVersions,
        ...(e.suggestion ? { suggestion: e.suggestion } : {}), message: e.message,
      });
    }
    for (const a of node.attributes.values()) {
      const subgraphs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
      for (const g of subgraphs) checkGraph(g, visible, walk);
    }
  }
  return order;
}

const sameDims = (a: Dim[], b: Dim[]) => a.length === b.length && a.every((d, i) => typeof d !== 'number' || typeof b[i] !== 'number' || d === b[i]);

function inferShapes(model: Model, graph: Graph, order: Node[], warnings: string[]): CheckReport['shapes'] {
  const shapes = inferGraphShapes(graph, model.opsets, order);
  const produced = order.flatMap((n) => n.outputs.filter(Boolean));
  const known = produced.filter((v) => shapes.get(v)?.dims?.every((d) => d !== undefined)).length;
  const outputs = graph.outputs.map((o) => {
    const s = shapes.get(o.name);
    const declared = o.type?.kind === 'tensor' ? o.type.shape : undefined;
    if (declared && s?.dims && !sameDims(declared, s.dims)) {
      warnings.push(`output "${o.name}" is declared [${declared.map((d) => d ?? '?').join(', ')}] but infers as [${s.dims.map((d) => d ?? '?').join(', ')}]`);
    }
    return { name: o.name, ...(s?.type ? { type: s.type } : {}), ...(s?.dims ? { dims: s.dims } : {}) };
  });
  return { values: produced.length, known, outputs };
}

export async function checkModel(modelPath: string): Promise<CheckReport> {
  const report: CheckReport = {
    model: modelPath, ok: false, irVersion: undefined, opsets: {}, nodes: 0, errors: [], unsupported: [], shapes: undefined, warnings: [],
  };
  const model = attempt(report.errors, () => loadModel(modelPath));
  if (!model) return report;
  report.irVersion = model.irVersion;
  report.opsets = Object.fromEntries([...model.opsets].map(([d, v]) => [d || 'ai.onnx', v]));
  const graph = attempt(report.errors, () => inlineFunctions(model.graph, model.functions));
  if (!graph) return report;
  const walk: GraphWalk = { model, errors: report.errors, unsupported: report.unsupported, nodes: 0 };
  const order = checkGraph(graph, new Set(), walk);
  report.nodes = walk.nodes;
  if (order) report.shapes = inferShapes(model, graph, order, report.warnings);
  if (report.errors.length === 0 && report.unsupported.length === 0) {
    // what only binding kernels finds (attribute values, graph outputs no node makes), at the
    // level that leaves the graph as written, on the reference kernels; nothing runs
    try {
      const session = await InferenceSession.create(modelPath, { graphOptimizationLevel: 'disabled', executionProviders: ['js'] });
      await session.release();
    } catch (e) {
      if (!(e instanceof OnnxError)) throw e;
      report.errors.push(problem(e));
    }
  }
  report.ok = report.errors.length === 0 && report.unsupported.length === 0;
  return report;
}

const dimsText = (dims: Dim[] | undefined) => (dims ? `[${dims.map((d) => d ?? '?').join(', ')}]` : '(shape unknown)');

export function formatCheckReport(r: CheckReport): string {
  const lines: string[] = [];
  if (r.irVersion !== undefined) {
    lines.push(`${r.model}: IR version ${r.irVersion}, opsets ${Object.entries(r.opsets).map(([d, v]) => `${d} ${v}`).join(', ')}; ${r.nodes} nodes`);
  }
  if (r.shapes) {
    lines.push(`shapes: known for ${r.shapes.known} of ${r.shapes.values} values`);
    for (const o of r.shapes.outputs) lines.push(`  output ${o.name}: ${o.type ?? '?'} ${dimsText(o.dims)}`);
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  for (const e of r.errors) lines.push(`${e.error}: ${e.message}`);
  if (r.unsupported.length) {
    lines.push(`unsupported ops (${r.unsupported.length}):`);
    for (const u of r.unsupported) lines.push(`  ${u.message}`);
  }
  lines.push(r.ok
    ? 'ok: the model is valid and every op is supported'
    : `NOT ok: ${[r.errors.length && `${r.errors.length} error${r.errors.length > 1 ? 's' : ''}`, r.unsupported.length && `${r.unsupported.length} unsupported node${r.unsupported.length > 1 ? 's' : ''}`].filter(Boolean).join(', ')}`);
  return lines.join('\n');
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OUTPUT_FLAGS, CHECK_USAGE);
  if (values.help) {
    console.log(CHECK_USAGE);
    return 0;
  }
  const report = await checkModel(modelArgument(positionals, 'check', CHECK_USAGE));
  console.log(values.json ? JSON.stringify(report, null, 2) : formatCheckReport(report));
  return report.ok ? 0 : 1;
}
