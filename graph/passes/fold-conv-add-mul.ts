// extended: Conv followed by Add or Mul with a per-output-channel (or scalar) constant folds
// into the Conv's bias or weights.
import { Tensor } from '../../data/tensor.js';
import { constantOf, consumersOf, hasSingleConsumer, producersOf, uniqueName } from '../graph-edit.js';
import type { Graph } from '../ir.js';
import type { GraphPass } from './pass.js';

/** Per-channel values of a constant broadcast against a Conv output [N, C, spatial...]. */
function perChannel(t: Tensor, cout: number, outRank: number): Float32Array | undefined {
  if (t.type !== 'float32') return undefined;
  const d = t.data as Float32Array;
  if (t.size === 1) return new Float32Array(cout).fill(d[0]);
  if (t.size !== cout) return undefined;
  // shape must be [C, 1, 1...] aligned to axis 1 of the output (optionally with a leading 1)
  const dims = [...t.dims];
  while (dims.length < outRank) dims.unshift(1);
  if (dims.length !== outRank || dims[1] !== cout || dims.some((x, i) => i !== 1 && x !== 1)) return undefined;
  return d;
}

export function foldConvAddMulIn(graph: Graph): boolean {
  const consumers = consumersOf(graph);
  const producers = producersOf(graph);
  let changed = false;
  for (const op of [...graph.nodes]) {
    if ((op.opType !== 'Add' && op.opType !== 'Mul') || op.domain !== '') continue;
    const convSide = [0, 1].find((i) => producers.get(op.inputs[i])?.opType === 'Conv');
    if (convSide === undefined) continue;
    const conv = producers.get(op.inputs[convSide])!;
    const c = constantOf(graph, op.inputs[1 - convSide]);
    const w = constantOf(graph, conv.inputs[1]);
    if (!c || !w || w.type !== 'float32' || conv.domain !== '' || !hasSingleConsumer(graph, consumers, op.inputs[convSide])) continue;
    const cout = w.dims[0];
    const vals = perChannel(c, cout, w.dims.length);
    if (!vals) continue;
    const bias = conv.inputs[2] ? constantOf(graph, conv.inputs[2]) : new Tensor('float32', new Float32Array(cout), [cout]);
    if (!bias || bias.type !== 'float32') continue;
    const b = Float32Array.from(bias.data as Float32Array);
    if (op.opType === 'Add') {
      for (let o = 0; o < cout; o++) b[o] += vals[o];
    } else {
      const wd = w.data as Float32Array;
      const per = wd.length / cout;
      const nw = new Float32Array(wd.length);
      for (let o = 0; o < cout; o++) {
        for (let k = 0; k < per; k++) nw[o * per + k] = wd[o * per + k] * vals[o];
        b[o] *= vals[o];
      }
      const wName = uniqueName(graph, `${conv.inputs[1]}_scaled`);
      graph.initializers.set(wName, new Tensor('float32', nw, w.dims));
      conv.inputs[1] = wName;
    }
    const bName = uniqueName(graph, `${conv.name}_bias_folded`);
    graph.initializers.set(bName, new Tensor('float32', b, [cout]));
    conv.inputs = [conv.inputs[0], conv.inputs[1], bName];
    conv.outputs = [op.outputs[0]];
    graph.nodes = graph.nodes.filter((n) => n !== op);
    changed = true;
  }
  return changed;
}

export const foldConvAddMul: GraphPass = { name: 'fold-conv-add-mul', level: 'extended', run: foldConvAddMulIn };
