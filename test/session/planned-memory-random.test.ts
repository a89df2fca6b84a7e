// Random graphs, each value read by one or several later nodes: runs on the memory plan (arena,
// in place, views, pool) must equal runs without it bit for bit, run after run and when runs
// overlap. A planning mistake that lets a live value be overwritten shows up here as a
// mismatch somewhere in the chain.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue, Tensor } from '../../src/index.js';
import { randomTensorData } from '../passes/pass-harness.js';

interface Value { name: string; dims: number[] }

function randomModel(seed: number): { model: Uint8Array; dims: number[] } {
  let s = seed * 2654435761 >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const size = (d: number[]) => d.reduce((a, b) => a * b, 1);
  const b = new GraphBuilder();
  const dims = pick([[2, 3, 4, 4], [1, 4, 3, 5], [3, 8]]);
  const values: Value[] = [{ name: b.input('x', 'float32', dims), dims }];
  let constants = 0;
  const constant = (t: Tensor) => b.initializer(`c${constants++}`, t);
  const ints = (v: number[]) => constant(new Tensor('int64', BigInt64Array.from(v.map(BigInt)), [v.length]));
  for (let k = 0; k < 14; k++) {
    // mostly a recent value, sometimes an old one, so values get several readers
    const v = rand() < 0.6 ? values[Math.max(0, values.length - 1 - Math.floor(rand() * 3))] : pick(values);
    const sameShape = values.filter((w) => w.dims.join() === v.dims.join());
    let out: Value | undefined;
    switch (Math.floor(rand() * 9)) {
      case 0: out = { name: b.op(pick(['Relu', 'Sigmoid', 'Neg', 'Tanh']), [v.name]), dims: v.dims }; break;
      case 1: out = { name: b.op(pick(['Add', 'Mul', 'Sub']), [v.name, pick(sameShape).name]), dims: v.dims }; break;
      case 2: {
        const c = constant(new Tensor('float32', randomTensorData(v.dims[v.dims.length - 1], k + seed), [v.dims[v.dims.length - 1]]));
        out = { name: b.op(pick(['Add', 'Mul']), rand() < 0.5 ? [v.name, c] : [c, v.name]), dims: v.dims };
        break;
      }
      case 3: {
        const flat = [v.dims[0], size(v.dims) / v.dims[0]];
        out = { name: b.op('Reshape', [v.name, ints(flat)]), dims: flat };
        break;
      }
      case 4: {
        const perm = [...v.dims.keys()].reverse();
        out = { name: b.op('Transpose', [v.name], { perm }), dims: perm.map((p) => v.dims[p]) };
        break;
      }
      case 5: {
        if (v.dims[0] < 2) break;
        const half = Math.ceil(v.dims[0] / 2);
        out = { name: b.op('Slice', [v.name, ints([0]), ints([half]), ints([0])]), dims: [half, ...v.dims.slice(1)] };
        break;
      }
      case 6: {
        const n = 1 + Math.floor(rand() * 5), inner = v.dims[v.dims.length - 1];
        const w = constant(new Tensor('float32', randomTensorData(inner * n, k * 7 + seed), [inner, n]));
        out = { name: b.op('MatMul', [v.name, w]), dims: [...v.dims.slice(0, -1), n] };
        break;
      }
      case 7: out = { name: b.op('Softmax', [v.name], { axis: -1 }), dims: v.dims }; break;
      case 8: {
        if (v.dims.length !== 4) break;
        const oc = 1 + Math.floor(rand() * 4);
        const w = constant(new Tensor('float32', randomTensorData(oc * v.dims[1] * 9, k + seed * 3), [oc, v.dims[1], 3, 3]));
        out = { name: b.op('Conv', [v.name, w], { pads: [1, 1, 1, 1] }), dims: [v.dims[0], oc, v.dims[2], v.dims[3]] };
        break;
      }
    }
    if (out) values.push(out);
  }
  const outputs = new Set([values[values.length - 1].name, pick(values.slice(1)).name]);
  for (const o of outputs) b.output(o, 'float32');
  return { model: encodeModel(b.model({ '': 17 })), dims };
}

describe('memory plan on random graphs', () => {
  it.each(['js', 'wasm'])('equals runs without it, bit for bit (%s)', async (ep) => {
    for (let seed = 1; seed <= 25; seed++) {
      const { model, dims } = randomModel(seed);
      const feeds = (k: number): Record<string, OnnxValue> => ({ x: new Tensor('float32', randomTensorData(dims.reduce((a, b) => a * b, 1), seed * 10 + k), dims) });
      for (const level of ['disabled', 'all'] as const) {
        const planned = await InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: level });
        const plain = await InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: level, enableMemPattern: false, enableCpuMemArena: false });
        const first = await planned.run(feeds(1));
        const together = await Promise.all([planned.run(feeds(2)), planned.run(feeds(3))]);
        const cases: [Record<string, OnnxValue>, number][] = [[first, 1], [together[0], 2], [together[1], 3], [await planned.run(feeds(1)), 1]];
        for (const [got, k] of cases) {
          const want = await plain.run(feeds(k));
          for (const name of plain.outputNames) {
            expect(compareValues(got[name], want[name], { rtol: 0, atol: 0 }, name), `seed ${seed} ${level} run ${k}`).toBeUndefined();
          }
        }
      }
    }
  }, 60_000);
});
