// A tiny model asking for terabytes fails fast with ResourceLimitError at run time (constant
// folding leaves such a node alone, so the session is created at once); sessions keep working
// after a failed run.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, ResourceLimitError, Tensor } from '../../src/index.js';

const i64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v, BigInt), [v.length]);

describe('resource limits', () => {
  it('a few-hundred-byte memory bomb is created and refused in under a second', async () => {
    const b = new GraphBuilder();
    b.node('ConstantOfShape', [b.initializer('shape', i64([1e6, 1e6, 1e6]))], {}, { outputs: ['y'] });
    b.output('y', 'float32');
    const bytes = encodeModel(b.model());
    expect(bytes.length).toBeLessThan(400);
    const start = performance.now();
    const err = await InferenceSession.create(bytes).then((s) => s.run({})).catch((e) => e);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(err).toBeInstanceOf(ResourceLimitError);
  });

  it('a shape fed at run time is checked against maxTensorBytes, and the session stays usable', async () => {
    const b = new GraphBuilder();
    const shape = b.input('shape', 'int64', [2]);
    b.output(b.op('ConstantOfShape', [shape]), 'float32');
    const session = await InferenceSession.create(encodeModel(b.model()), { maxTensorBytes: 1 << 20 });
    const start = performance.now();
    await expect(session.run({ shape: i64([1 << 16, 1 << 16]) })).rejects.toThrow(ResourceLimitError);
    expect(performance.now() - start).toBeLessThan(1000);
    const ok = await session.run({ shape: i64([2, 3]) });
    expect((ok[session.outputNames[0]] as Tensor).dims).toEqual([2, 3]);
  });

  it('concurrent runs on one session give each its own correct result', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [4]);
    b.output(b.op('Mul', [b.op('Add', [x, x]), x]), 'float32', [4]);
    const session = await InferenceSession.create(encodeModel(b.model()));
    const runs = Array.from({ length: 20 }, (_, i) => session.run({ x: new Tensor('float32', new Float32Array([i, i, i, i]), [4]) }));
    const results = await Promise.all(runs);
    results.forEach((r, i) => expect(Array.from((r[session.outputNames[0]] as Tensor).data as Float32Array)).toEqual([2 * i * i, 2 * i * i, 2 * i * i, 2 * i * i]));
  });
});

describe('session memory limit', () => {
  it('maxSessionBytes bounds what one run holds at once, and constants at load', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1024]);
    const t = b.op('Tile', [x, b.initializer('reps', i64([64]))]);
    b.output(b.op('Relu', [t]), 'float32');
    const bytes = encodeModel(b.model());
    const x1k = new Tensor('float32', new Float32Array(1024), [1024]);
    const tight = await InferenceSession.create(bytes, { maxSessionBytes: 200_000 });
    await expect(tight.run({ x: x1k })).rejects.toThrow(/maxSessionBytes/);
    const roomy = await InferenceSession.create(bytes, { maxSessionBytes: 2_000_000 });
    expect(((await roomy.run({ x: x1k }))[roomy.outputNames[0]] as Tensor).size).toBe(65536);
    await expect(InferenceSession.create(bytes, { maxSessionBytes: 4 })).rejects.toThrow(ResourceLimitError);
  });
});
