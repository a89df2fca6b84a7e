// `onnx-ts info MODEL`: what a model takes, returns, imports, and whether we can run all of it.
import type { Graph, Model, ValueType } from '../../graph/ir.js';
import { loadModel } from '../../graph/load-model.js';
import { InferenceSession } from '../inference-session.js';
import { OUTPUT_FLAGS, modelArgument, parseCommandArgs } from './cli-args.js';
import { isOpSupported } from './op-support.js';

function typeString(t: ValueType | undefined): string {
  if (!t) return '?';
  if (t.kind === 'tensor' || t.kind === 'sparse_tensor') {
    // no shape is an unknown rank, unlike [] (a scalar)
    return t.shape ? `${t.elemType}[${t.shape.map((d) => d ?? '?').join(', ')}]` : `${t.elemType} (shape unknown)`;
  }
  if (t.kind === 'sequence') return `seq(${typeString(t.elem)})`;
  if (t.kind === 'optional') return `optional(${typeString(t.elem)})`;
  return 'map';
}

function countOps(g: Graph, counts: Map<string, { domain: string; opType: string; n: number }>): void {
  for (const n of g.nodes) {
    const key = `${n.domain}::${n.opType}`;
    const e = counts.get(key) ?? { domain: n.domain, opType: n.opType, n: 0 };
    e.n++;
    counts.set(key, e);
    for (const a of n.attributes.values()) {
      if (a.type === 'graph') countOps(a.value, counts);
      if (a.type === 'graphs') a.value.forEach((s) => countOps(s, counts));
    }
  }
}

export function describeModel(model: Model): { text: string; allSupported: boolean } {
  const g = model.graph;
  const inits = g.initializers;
  const lines: string[] = [];
  lines.push(`IR version ${model.irVersion}, producer ${model.producerName || '?'} ${model.producerVersion}`);
  lines.push(`opsets: ${[...model.opsets].map(([d, v]) => `${d || 'ai.onnx'} ${v}`).join(', ')}`);
  lines.push('inputs:');
  for (const i of g.inputs.filter((i) => !inits.has(i.name))) lines.push(`  ${i.name}: ${typeString(i.type)}`);
  lines.push('outputs:');
  for (const o of g.outputs) lines.push(`  ${o.name}: ${typeString(o.type)}`);
  let params = 0;
  for (const t of inits.values()) params += t.size;
  lines.push(`initializers: ${inits.size} (${params} elements)`);
  const counts = new Map<string, { domain: string; opType: string; n: number }>();
  countOps(g, counts);
  let total = 0;
  let allSupported = true;
  lines.push('ops:');
  for (const e of [...counts.values()].sort((a, b) => b.n - a.n)) {
    total += e.n;
    const opset = model.opsets.get(e.domain) ?? 0;
    const ok = isOpSupported(model, e.domain, e.opType, opset);
    if (!ok) allSupported = false;
    lines.push(`  ${String(e.n).padStart(5)}  ${e.domain ? e.domain + '.' : ''}${e.opType}${ok ? '' : `   UNSUPPORTED at opset ${opset}`}`);
  }
  lines.push(`nodes: ${total}`);
  lines.push(allSupported ? 'every op is supported' : 'some ops are NOT supported (see above)');
  return { text: lines.join('\n'), allSupported };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;

/** Node counts before and after the 'all' optimization level, and optionally the memory plan. */
export async function describeOptimized(modelPath: string, memory: boolean): Promise<string> {
  const session = await InferenceSession.create(modelPath, { graphOptimizationLevel: 'all' });
  const r = session.optimization;
  const counts = new Map<string, number>();
  for (const p of session.nodePlacement) counts.set(p.opType, (counts.get(p.opType) ?? 0) + 1);
  const lines = [
    `optimized (level all): ${r.nodesBefore} -> ${r.nodesAfter} nodes`,
    `  ${[...counts].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ')}`,
  ];
  if (memory) {
    const plan = session.memoryPlan;
    lines.push(
      `memory plan (intermediates at the declared input shapes${Object.keys(plan.boundDims).length ? `, with ${Object.entries(plan.boundDims).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}):`,
      `  arena: ${mib(plan.arenaBytes)} (${Object.entries(plan.arenas).map(([t, b]) => `${t} ${mib(b)}`).join(', ')})`,
      `  naive sum of intermediates: ${mib(plan.naiveBytes)}; peak live: ${mib(plan.peakLiveBytes)}`,
      `  buffers: ${plan.buffers.length}; nodes running in place: ${plan.inPlaceNodes}; views sharing their input: ${plan.viewNodes}; dynamic-shape values: ${plan.dynamicValues.length}`,
    );
  }
  await session.release();
  return lines.join('\n');
}

export const INFO_USAGE = `  onnx-ts info MODEL [--memory]        inputs, outputs, opsets, op counts, op support, the
                                       optimized graph's op counts; --memory: the memory plan`;

export async function infoCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { memory: { type: 'boolean' }, help: OUTPUT_FLAGS.help }, INFO_USAGE);
  if (values.help) {
    console.log(INFO_USAGE);
    return 0;
  }
  const modelPath = modelArgument(positionals, 'info', INFO_USAGE);
  const { text, allSupported } = describeModel(loadModel(modelPath));
  console.log(text);
  if (allSupported) console.log(await describeOptimized(modelPath, values.memory ?? false));
  return allSupported ? 0 : 1;
}
