// An axis attribute far out of range (a fuzzed Concat axis of 2^31) is the kernel's typed error,
// at once: shape inference used to write dims[axis], a sparse array of 2^31 slots that constant
// folding and planning then walked for minutes.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { OnnxError, InferenceSession, Tensor } from '../../src/index.js';

function model(op: string, axis: number): Uint8Array {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2, 3]);
  const shape = b.op('Shape', [b.op(op, op === 'Concat' ? [x, x] : [x], { axis })]);
  b.output(b.op('Add', [b.op('Cast', [shape], { to: 1 }), b.op('ReduceSum', [x])]), 'float32');
  return encodeModel(b.model({ '': 17 }));
}

describe('out-of-range axes', () => {
  for (const [op, axis] of [['Concat', 2 ** 31], ['Concat', -(2 ** 31)], ['Flatten', 2 ** 31]] as const) {
    it(`${op} with axis ${axis}: a typed error naming the node, within a second`, async () => {
      const started = performance.now();
      const run = async () => {
        const s = await InferenceSession.create(model(op, axis), { graphOptimizationLevel: 'all' });
        await s.run({ x: new Tensor('float32', new Float32Array(6), [2, 3]) });
      };
      const error = await run().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(OnnxError);
      expect((error as Error).message).toMatch(new RegExp(`${op}|axis`));
      expect(performance.now() - started).toBeLessThan(5000);
    }, 30_000);
  }
});
