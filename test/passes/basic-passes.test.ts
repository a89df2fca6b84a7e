// basic level: constant folding (incl. static shape chains), no-op, dead-node and CSE removal.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { Tensor } from '../../src/index.js';
import { optimizeAndCompare, randomTensorData } from './pass-harness.js';

const i64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v, BigInt), [v.length]);
const x23 = () => ({ x: new Tensor('float32', randomTensorData(6), [2, 3]) });

describe('fold-constants', () => {
  it('folds a node whose inputs are all constants', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const c = b.op('Relu', [b.initializer('k', new Tensor('float32', new Float32Array([-1, 2, -3, 4, -5, 6]), [2, 3]))]);
    b.output(b.op('Add', [x, c]), 'float32', [2, 3]);
    expect(await optimizeAndCompare(b, x23(), 'basic')).toEqual(['Add']);
  });

  it('folds a Shape→Gather→Unsqueeze→Concat→Reshape chain when the shape is static', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const shape = b.op('Shape', [x]);
    const dim0 = b.op('Gather', [shape, b.initializer('zero', new Tensor('int64', BigInt64Array.of(0n), []))], { axis: 0 });
    const u = b.op('Unsqueeze', [dim0, b.initializer('ax', i64([0]))]);
    const target = b.op('Concat', [u, b.initializer('minus1', i64([-1]))], { axis: 0 });
    // the chain folds to a constant target [2, -1]; Reshape to the same shape then goes too
    b.output(b.op('Relu', [b.op('Reshape', [x, target])]), 'float32', [2, 3]);
    expect(await optimizeAndCompare(b, x23(), 'basic')).toEqual(['Relu']);
  });
});

describe('eliminate-no-ops', () => {
  it('removes Identity, inference Dropout and a same-type Cast', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    const i = b.op('Identity', [x]);
    const d = b.op('Dropout', [i]);
    const c = b.op('Cast', [d], { to: 1 });
    b.output(b.op('Relu', [c]), 'float32', [2, 3]);
    expect(await optimizeAndCompare(b, x23(), 'basic')).toEqual(['Relu']);
  });

  it('keeps the graph output name when the removed node produced it', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.node('Identity', [b.op('Relu', [x])], {}, { outputs: ['y'] });
    b.output('y', 'float32', [2, 3]);
    expect(await optimizeAndCompare(b, x23(), 'basic')).toEqual(['Relu']);
  });
});

describe('eliminate-dead-nodes and common subexpressions', () => {
  it('drops unused nodes and merges duplicates', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3]);
    b.op('Relu', [x]); // unused
    const a1 = b.op('Add', [x, x]);
    const a2 = b.op('Add', [x, x]);
    b.output(b.op('Mul', [a1, a2]), 'float32', [2, 3]);
    expect(await optimizeAndCompare(b, x23(), 'basic')).toEqual(['Add', 'Mul']);
  });
});
