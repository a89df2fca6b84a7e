// Control flow and sequence ops on small hand-built graphs: outer-scope reads, loop
// termination, empty scan outputs, scan axes and directions, sequence positions.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { Graph, ValueType } from '../../graph/ir.js';
import { InferenceSession, Tensor } from '../../src/index.js';

const f32 = (values: number[], dims = [values.length]) => new Tensor('float32', Float32Array.from(values), dims);
const i64 = (v: number) => new Tensor('int64', BigInt64Array.of(BigInt(v)), []);
const bool = (v: boolean) => new Tensor('bool', Uint8Array.of(v ? 1 : 0), []);
const seqOf = (elem: ValueType): ValueType => ({ kind: 'sequence', elem });

/** Runs the graph; `extraInputs` declares inputs GraphBuilder cannot (sequences). */
async function run(b: GraphBuilder, feeds: Record<string, unknown>, opset = 17, extraInputs: Graph['inputs'] = []) {
  const model = b.model({ '': opset });
  model.graph.inputs.push(...extraInputs);
  const session = await InferenceSession.create(encodeModel(model));
  return session.run(feeds as never);
}

function body(name: string, build: (g: GraphBuilder) => void): Graph {
  const g = new GraphBuilder(name);
  build(g);
  return g.graph();
}

const values = (t: unknown) => Array.from((t as Tensor).data as Float32Array);

describe('If', () => {
  it('reads a value from the enclosing graph that only the branch uses', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [2]);
    b.input('c', 'bool', []);
    b.node('Relu', ['x'], {}, { outputs: ['r'] }); // r is read only inside the branches
    const thenB = body('then', (g) => { g.node('Add', ['r', 'r'], {}, { outputs: ['t'] }); g.output('t'); });
    const elseB = body('else', (g) => { g.node('Add', ['r', 'x'], {}, { outputs: ['e'] }); g.output('e'); });
    b.node('If', ['c'], { then_branch: thenB, else_branch: elseB }, { outputs: ['y'] });
    b.output('y');
    expect(values((await run(b, { x: f32([-1, 2]), c: bool(true) })).y)).toEqual([0, 4]);
    expect(values((await run(b, { x: f32([-1, 2]), c: bool(false) })).y)).toEqual([-1, 4]);
  });
});

describe('Loop', () => {
  // body: v += 1, scan out 2v; the condition comes from an outer sequence indexed by i
  function countingLoop(loopInputs: string[]): GraphBuilder {
    const b = new GraphBuilder();
    b.input('v0', 'float32', [1]);
    b.input('one', 'float32', [1]);
    if (loopInputs[0]) b.input('M', 'int64', []);
    if (loopInputs[1]) b.input('c', 'bool', []);
    const loopBody = body('body', (g) => {
      g.input('i', 'int64', []);
      g.input('cond_in', 'bool', []);
      g.input('v', 'float32', [1]);
      g.node('Add', ['v', 'one'], {}, { outputs: ['v_out'] });
      g.node('SequenceAt', ['flags', 'i'], {}, { outputs: ['cond_out'] });
      g.node('Add', ['v_out', 'v_out'], {}, { outputs: ['scan'] });
      g.output('cond_out');
      g.output('v_out');
      g.output('scan', 'float32', [1]);
    });
    b.node('Loop', [...loopInputs, 'v0'], { body: loopBody }, { outputs: ['v_final', 'scans'] });
    b.output('v_final');
    b.output('scans');
    return b;
  }
  const flags = [{ name: 'flags', type: seqOf({ kind: 'tensor', elemType: 'bool' }) }];

  it('runs while the body condition holds when only cond is given, re-reading it each iteration', async () => {
    const b = countingLoop(['', 'c']);
    const r = await run(b, { v0: f32([0]), one: f32([1]), c: bool(true), flags: [bool(true), bool(true), bool(false), bool(true)] }, 17, flags);
    expect(values(r.v_final)).toEqual([3]);
    expect((r.scans as Tensor).dims).toEqual([3, 1]);
    expect(values(r.scans)).toEqual([2, 4, 6]);
  });

  it('stops at the trip count M', async () => {
    const b = countingLoop(['M', '']);
    const r = await run(b, { v0: f32([0]), one: f32([1]), M: i64(2), flags: [bool(true), bool(true), bool(true)] }, 17, flags);
    expect(values(r.v_final)).toEqual([2]);
    expect(values(r.scans)).toEqual([2, 4]);
  });

  it('returns the initial values and an empty scan output when it runs zero times', async () => {
    const b = countingLoop(['M', 'c']);
    const r = await run(b, { v0: f32([5]), one: f32([1]), M: i64(3), c: bool(false), flags: [] }, 17, flags);
    expect(values(r.v_final)).toEqual([5]);
    expect((r.scans as Tensor).dims).toEqual([0, 1]);
    expect((r.scans as Tensor).type).toBe('float32');
  });
});

describe('Scan', () => {
  // running sum: state s, element x: s' = s + x, output s'
  const sumBody = (stateShape: number[]) => body('sum', (g) => {
    g.input('s', 'float32', stateShape);
    g.input('x', 'float32', stateShape);
    g.node('Add', ['s', 'x'], {}, { outputs: ['s_out'] });
    g.node('Relu', ['s_out'], {}, { outputs: ['y'] });
    g.output('s_out');
    g.output('y');
  });

  it('opset 9: scans along a chosen axis in reverse and stacks outputs along another axis', async () => {
    const b = new GraphBuilder();
    b.input('init', 'float32', [2]);
    b.input('xs', 'float32', [2, 3]);
    b.node('Scan', ['init', 'xs'], {
      body: sumBody([2]), num_scan_inputs: 1, scan_input_axes: [1], scan_input_directions: [1], scan_output_axes: [1],
    }, { outputs: ['final', 'ys'] });
    b.output('final');
    b.output('ys');
    // columns of xs, last first: [3,6], [2,5], [1,4]
    const r = await run(b, { init: f32([0, 0]), xs: f32([1, 2, 3, 4, 5, 6], [2, 3]) }, 11);
    expect(values(r.final)).toEqual([6, 15]);
    expect((r.ys as Tensor).dims).toEqual([2, 3]);
    expect(values(r.ys)).toEqual([3, 5, 6, 6, 11, 15]);
  });

  it('opset 9: a reversed scan output is built by prepending', async () => {
    const b = new GraphBuilder();
    b.input('init', 'float32', [1]);
    b.input('xs', 'float32', [3, 1]);
    b.node('Scan', ['init', 'xs'], { body: sumBody([1]), num_scan_inputs: 1, scan_output_directions: [1] }, { outputs: ['final', 'ys'] });
    b.output('final');
    b.output('ys');
    const r = await run(b, { init: f32([0]), xs: f32([1, 2, 3], [3, 1]) }, 11);
    expect(values(r.ys)).toEqual([6, 3, 1]);
  });

  it('opset 8: batches with sequence_lens; short sequences are zero-padded', async () => {
    const b = new GraphBuilder();
    b.input('lens', 'int64', [2]);
    b.input('init', 'float32', [2, 1]);
    b.input('xs', 'float32', [2, 3, 1]);
    b.node('Scan', ['lens', 'init', 'xs'], { body: sumBody([1]), num_scan_inputs: 1, directions: [1] }, { outputs: ['final', 'ys'] });
    b.output('final');
    b.output('ys');
    const lens = new Tensor('int64', BigInt64Array.of(3n, 2n), [2]);
    const r = await run(b, { lens, init: f32([0, 10], [2, 1]), xs: f32([1, 2, 3, 4, 5, 6], [2, 3, 1]) }, 8);
    // batch 0 reversed over 3: 3, 5, 6; batch 1 reversed over its first 2: 10+5, 15+4, then padding
    expect(values(r.final)).toEqual([6, 19]);
    expect((r.ys as Tensor).dims).toEqual([2, 3, 1]);
    expect(values(r.ys)).toEqual([3, 5, 6, 15, 19, 0]);
  });
});

describe('sequences', () => {
  it('erases and reads at negative positions, and concatenates along a new axis', async () => {
    const b = new GraphBuilder();
    b.input('a', 'float32', [2]);
    b.input('b', 'float32', [2]);
    b.input('c', 'float32', [2]);
    b.initializer('minus1', i64(-1));
    b.initializer('minus3', i64(-3));
    b.node('SequenceConstruct', ['a', 'b', 'c'], {}, { outputs: ['s'] });
    b.node('SequenceErase', ['s', 'minus3'], {}, { outputs: ['s2'] });
    b.node('SequenceAt', ['s2', 'minus1'], {}, { outputs: ['last'] });
    b.node('ConcatFromSequence', ['s2'], { axis: -1, new_axis: 1 }, { outputs: ['stacked'] });
    b.node('SequenceLength', ['s2'], {}, { outputs: ['n'] });
    b.output('last');
    b.output('stacked');
    b.output('n');
    const r = await run(b, { a: f32([1, 2]), b: f32([3, 4]), c: f32([5, 6]) });
    expect(values(r.last)).toEqual([5, 6]);
    expect((r.stacked as Tensor).dims).toEqual([2, 2]);
    expect(values(r.stacked)).toEqual([3, 5, 4, 6]);
    expect((r.n as Tensor).data[0]).toBe(2n);
  });

  it('SequenceMap maps sequences in step and passes tensors whole', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [2]);
    b.input('y', 'float32', [2]);
    b.input('bias', 'float32', [2]);
    b.node('SplitToSequence', ['x'], { keepdims: 0 }, { outputs: ['xs'] });
    b.node('SplitToSequence', ['y'], { keepdims: 0 }, { outputs: ['ys'] });
    const mapBody = body('map', (g) => {
      g.input('p', 'float32', []);
      g.input('q', 'float32', []);
      g.input('r', 'float32', [2]);
      g.node('Add', ['p', 'q'], {}, { outputs: ['pq'] });
      g.node('Add', ['pq', 'r'], {}, { outputs: ['o'] });
      g.output('o');
    });
    b.node('SequenceMap', ['xs', 'ys', 'bias'], { body: mapBody }, { outputs: ['out'] });
    b.output('out');
    const r = await run(b, { x: f32([1, 2]), y: f32([10, 20]), bias: f32([0, 100]) });
    expect((r.out as unknown as Tensor[]).map(values)).toEqual([[11, 111], [22, 122]]);
  });
});
