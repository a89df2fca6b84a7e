// extended: Conv followed by inference BatchNormalization becomes one Conv with scaled
// weights and a shifted bias: W' = W * s, B' = (B - mean) * s + beta, s = gamma / sqrt(var + eps).
import { Tensor } from '../../data/tensor.js';
import { constantOf, consumersOf, floatAttr, hasSingleConsumer, producersOf, uniqueName } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import type { GraphPass } from './pass.js';

const f32 = (t: Tensor | undefined) => (t && t.type === 'float32' ? (t.data as Float32Array) : undefined);

export function foldConvBatchNormIn(graph: Graph): boolean {
  const consumers = consumersOf(graph);
  const producers = producersOf(graph);
  let changed = false;
  for (const bn of [...graph.nodes]) {
    if (bn.opType !== 'BatchNormalization' || bn.domain !== '' || bn.outputs.filter(Boolean).length !== 1) continue;
    if (bn.attributes.get('training_mode')?.value === 1) continue;
    const conv = producers.get(bn.inputs[0]);
    if (!conv || conv.opType !== 'Conv' || conv.domain !== '' || !hasSingleConsumer(graph, consumers, bn.inputs[0])) continue;
    const w = constantOf(graph, conv.inputs[1]);
    const [scale, beta, mean, variance] = bn.inputs.slice(1).map((n) => f32(constantOf(graph, n)));
    const wd = f32(w);
    if (!w || !wd || !scale || !beta || !mean || !variance) continue;
    const cout = w.dims[0];
    if ([scale, beta, mean, variance].some((a) => a.length !== cout)) continue;
    const bias = conv.inputs[2] ? f32(constantOf(graph, conv.inputs[2])) : new Float32Array(cout);
    if (!bias || bias.length !== cout) continue;
    const eps = floatAttr(bn, 'epsilon', 1e-5);
    const per = wd.length / cout;
    const newW = new Float32Array(wd.length);
    const newB = new Float32Array(cout);
    for (let o = 0; o < cout; o++) {
      const s = scale[o] / Math.sqrt(variance[o] + eps);
      for (let k = 0; k < per; k++) newW[o * per + k] = wd[o * per + k] * s;
      newB[o] = (bias[o] - mean[o]) * s + beta[o];
    }
    const wName = uniqueName(graph, `${conv.inputs[1]}_bnfolded`);
    const bName = uniqueName(graph, `${conv.name}_bias_bnfolded`);
    graph.initializers.set(wName, new Tensor('float32', newW, w.dims));
    graph.initializers.set(bName, new Tensor('float32', newB, [cout]));
    conv.inputs = [conv.inputs[0], wName, bName];
    conv.outputs = [bn.outputs[0]];
    graph.nodes = graph.nodes.filter((n) => n !== bn);
    changed = true;
  }
  return changed;
}

export const foldConvBatchNorm: GraphPass = { name: 'fold-conv-batchnorm', level: 'extended', run: foldConvBatchNormIn };
