// extended: Conv, ConvTranspose, Gemm and MatMul followed by an activation become one fused
// node in our domain, whose kernel applies the activation in its epilogue. Activations:
// Relu, Clip (constant bounds, e.g. Relu6), LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Tanh,
// and SiLU written as x * Sigmoid(x).
import { constantOf, consumersOf, floatAttr, hasSingleConsumer } from '../graph-edit.js';
import type { AttributeValue, Graph, Node } from '../ir.js';
import { FUSED_DOMAIN } from '../../data/domains.js';
import { type GraphPass } from './pass.js';

const FUSABLE: Record<string, string> = {
  Conv: 'FusedConv', ConvTranspose: 'FusedConvTranspose', Gemm: 'FusedGemm', MatMul: 'FusedMatMul',
  FusedMatMul: 'FusedMatMul', FusedConv: 'FusedConv', FusedGemm: 'FusedGemm', FusedConvTranspose: 'FusedConvTranspose',
};

interface Activation { kind: string; params: number[] }

function scalarConst(graph: Graph, name: string | undefined): number | undefined {
  const t = name ? constantOf(graph, name) : undefined;
  if (!t || t.size !== 1 || (t.type !== 'float32' && t.type !== 'float64')) return undefined;
  return (t.data as Float32Array)[0];
}

function activationOf(graph: Graph, act: Node, opset: number): Activation | undefined {
  if (act.domain !== '') return undefined;
  switch (act.opType) {
    case 'Relu': return { kind: 'Relu', params: [] };
    case 'Sigmoid': return { kind: 'Sigmoid', params: [] };
    case 'Tanh': return { kind: 'Tanh', params: [] };
    case 'HardSwish': return { kind: 'HardSwish', params: [] };
    case 'LeakyRelu': return { kind: 'LeakyRelu', params: [floatAttr(act, 'alpha', 0.01)] };
    case 'HardSigmoid': return { kind: 'HardSigmoid', params: [floatAttr(act, 'alpha', 0.2), floatAttr(act, 'beta', 0.5)] };
    case 'Clip': {
      if (opset < 11) return { kind: 'Clip', params: [floatAttr(act, 'min', -Infinity), floatAttr(act, 'max', Infinity)] };
      const lo = act.inputs[1] ? scalarConst(graph, act.inputs[1]) : -Infinity;
      const hi = act.inputs[2] ? scalarConst(graph, act.inputs[2]) : Infinity;
      if (lo === undefined || hi === undefined) return undefined;
      return { kind: 'Clip', params: [lo, hi] };
    }
    default: return undefined;
  }
}

function fuse(graph: Graph, base: Node, act: Activation, output: string, remove: Node[]): void {
  if (base.domain === '') {
    base.opType = FUSABLE[base.opType];
    base.domain = FUSED_DOMAIN;
  }
  base.attributes.set('activation', { type: 'string', value: act.kind } as AttributeValue);
  base.attributes.set('activation_params', { type: 'floats', value: act.params } as AttributeValue);
  base.outputs = [output];
  graph.nodes = graph.nodes.filter((n) => !remove.includes(n));
}

export const fuseActivation: GraphPass = {
  name: 'fuse-activation',
  level: 'extended',
  run(graph, ctx) {
    const opset = ctx.opsets.get('') ?? 1;
    let changed = false;
    for (;;) {
      const consumers = consumersOf(graph);
      let fused = false;
      for (const base of graph.nodes) {
        const isBase = (base.domain === '' && base.opType in FUSABLE && !base.opType.startsWith('Fused')) || (base.domain === FUSED_DOMAIN && base.opType in FUSABLE);
        if (!isBase || base.attributes.has('activation') || base.outputs.filter(Boolean).length !== 1) continue;
        const out = base.outputs[0];
        if (!hasSingleConsumer(graph, consumers, out)) {
          // SiLU: x * Sigmoid(x), read twice
          const readers = consumers.get(out) ?? [];
          if (readers.length !== 2) continue;
          const sig = readers.find((r) => r.opType === 'Sigmoid' && r.domain === '');
          const mul = readers.find((r) => r.opType === 'Mul' && r.domain === '');
          if (!sig || !mul || !mul.inputs.includes(out) || !mul.inputs.includes(sig.outputs[0])) continue;
          if (!hasSingleConsumer(graph, consumers, sig.outputs[0])) continue;
          fuse(graph, base, { kind: 'Silu', params: [] }, mul.outputs[0], [sig, mul]);
          fused = true;
          break;
        }
        const act = consumers.get(out)![0];
        const a = activationOf(graph, act, opset);
        if (!a || act.outputs.filter(Boolean).length !== 1) continue;
        fuse(graph, base, a, act.outputs[0], [act]);
        fused = true;
        break;
      }
      if (!fused) break;
      changed = true;
    }
    if (changed) ctx.opsets.set(FUSED_DOMAIN, 1);
    return changed;
  },
};
