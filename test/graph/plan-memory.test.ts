// The static memory plan: lifetimes, reuse, in-place writes, views, and that no two values
// alive at one step ever share bytes.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { Graph } from '../../graph/ir.js';
import { type MemoryPlan, planMemory } from '../../graph/plan-memory.js';
import { inferGraphShapes } from '../../graph/shape-inference.js';
import { Tensor } from '../../data/tensor.js';

const BYTES = 4 * 16; // one [1, 16] float32 value

function plan(b: GraphBuilder, canRunInPlace?: () => boolean): MemoryPlan {
  const g = b.graph();
  return planMemory(g, g.nodes, inferGraphShapes(g, new Map([['', 17]])), { canRunInPlace });
}

/** x -> op -> ... -> y, returning the builder. */
function chain(ops: string[]): GraphBuilder {
  const b = new GraphBuilder();
  let v = b.input('x', 'float32', [1, 16]);
  ops.forEach((op, i) => { v = b.op(op, [v], {}, `n${i}`); });
  b.output(v, 'float32');
  return b;
}

/** Every pair of buffers alive at a common step occupies disjoint bytes. */
function expectNoOverlap(p: MemoryPlan): void {
  for (const a of p.buffers) {
    for (const c of p.buffers) {
      if (a === c || a.type !== c.type) continue;
      const liveTogether = a.firstStep <= c.lastStep && c.firstStep <= a.lastStep;
      const shareBytes = a.offset < c.offset + c.bytes && c.offset < a.offset + a.bytes;
      expect(liveTogether && shareBytes, `${a.values} and ${c.values}`).toBe(false);
    }
  }
}

describe('planMemory', () => {
  it('reuses a dead value\'s memory: a chain of four needs two buffers, not three', () => {
    const p = plan(chain(['Sin', 'Sin', 'Sin', 'Sin']));
    expect(p.naiveBytes).toBe(3 * BYTES);
    expect(p.arenaBytes).toBe(2 * BYTES);
    expect(p.peakLiveBytes).toBe(2 * BYTES);
    expect(p.inPlaceNodes).toBe(0);
    expectNoOverlap(p);
  });

  it('runs element-wise ops in place over an input that dies there', () => {
    const p = plan(chain(['Sin', 'Relu', 'Sigmoid', 'Sin']));
    expect(p.inPlaceNodes).toBe(2);
    // the last Sin makes the graph output, which is not an intermediate
    expect(p.buffers).toHaveLength(1);
    expect(p.buffers[0].values).toEqual(['n0_out0', 'n1_out0', 'n2_out0']);
    expect(p.arenaBytes).toBe(BYTES);
    expect(p.naiveBytes).toBe(3 * BYTES);
  });

  it('plans no in-place write where the kernel cannot do one', () => {
    const p = plan(chain(['Sin', 'Relu', 'Sin']), () => false);
    expect(p.inPlaceNodes).toBe(0);
  });

  it('does not write in place over an input that is read later', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 16]);
    const a = b.op('Sin', [x]);
    const r = b.op('Relu', [a]);
    const s = b.op('Add', [r, a]); // a is still needed after Relu
    b.output(b.op('Sin', [s]), 'float32');
    const p = plan(b);
    const relu = p.buffers.find((buf) => buf.values.includes(r))!;
    expect(relu.values).not.toContain(a);
    // Add may take over r or a, both of which die at it
    expect(p.inPlaceNodes).toBe(1);
    expectNoOverlap(p);
  });

  it('never takes a smaller input as the donor, even where aligned sizes match', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [4, 4]);
    const y = b.input('y', 'float32', [4]);
    const small = b.op('Sin', [y]); // 16 bytes, 64 once aligned, like the 64-byte output
    const sum = b.op('Add', [x, small]);
    b.output(b.op('Sin', [sum]), 'float32');
    const p = plan(b);
    expect(p.inPlaceNodes).toBe(0);
    expectNoOverlap(p);
  });

  it('keeps a reshaped view\'s source alive as long as the view, and never writes over it in place', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 16]);
    const shape = b.initializer('shape', new Tensor('int64', BigInt64Array.from([4n, 4n]), [2]));
    const a = b.op('Sin', [x]);
    const view = b.op('Reshape', [a, shape]);
    const r = b.op('Relu', [a]); // a's last direct use, but the view lives on
    const c = b.op('Sin', [r]);
    const flat = b.op('Reshape', [view, b.initializer('flat', new Tensor('int64', BigInt64Array.from([1n, 16n]), [2]))]);
    b.output(b.op('Add', [c, flat]), 'float32');
    const p = plan(b);
    const source = p.buffers.find((buf) => buf.values.includes(a))!;
    expect(source.values).toContain(view);
    expect(source.values).not.toContain(r);
    expect(p.viewNodes).toBe(2);
    expectNoOverlap(p);
  });

  it('keeps values a subgraph reads alive until its node runs', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 16]);
    const cond = b.input('cond', 'bool', []);
    const a = b.op('Sin', [x]);
    const later = b.op('Cos', [x]);
    const branch = (op: string): Graph => {
      const g = new GraphBuilder('branch');
      g.output(g.op(op, [a]), 'float32');
      return g.graph();
    };
    const y = b.op('If', [cond], { then_branch: branch('Sin'), else_branch: branch('Cos') });
    b.output(b.op('Add', [y, later]), 'float32');
    const g = b.graph();
    const p = planMemory(g, g.nodes, inferGraphShapes(g, new Map([['', 17]])));
    const aBuf = p.buffers.find((buf) => buf.values.includes(a))!;
    expect(aBuf.lastStep).toBe(g.nodes.findIndex((n) => n.opType === 'If'));
    expectNoOverlap(p);
  });

  it('leaves values of unknown shape to the run-time pool', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 16]);
    const nz = b.op('NonZero', [x]);
    b.output(b.op('Sin', [b.op('Cast', [nz], { to: 1 })]), 'float32');
    const p = plan(b);
    expect(p.dynamicValues.length).toBeGreaterThan(0);
  });

  it('never overlaps live values on random graphs', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let trial = 0; trial < 30; trial++) {
      const b = new GraphBuilder();
      const values = [b.input('x', 'float32', [1, 16])];
      for (let i = 0; i < 25; i++) {
        const kind = rand(4);
        const a = values[rand(values.length)], c = values[rand(values.length)];
        values.push(kind === 0 ? b.op('Add', [a, c]) : kind === 1 ? b.op('Relu', [a]) : kind === 2 ? b.op('Mul', [a, c]) : b.op('Sin', [a]));
      }
      b.output(values[values.length - 1], 'float32');
      expectNoOverlap(plan(b));
    }
  });
});
