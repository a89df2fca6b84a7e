// session.run checks feeds against the model's inputs and names what is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, InvalidInputError, SessionReleasedError, Tensor } from '../../src/index.js';

let session: InferenceSession;
beforeAll(async () => {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['batch', 3]);
  const y = b.input('y', 'float32', ['batch', 3]);
  b.output(b.op('Add', [x, y]), 'float32', ['batch', 3]);
  session = await InferenceSession.create(encodeModel(b.model()));
});

const f32 = (dims: number[]) => new Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);

describe('feed validation', () => {
  it('runs valid feeds with any batch size', async () => {
    const out = await session.run({ x: f32([2, 3]), y: f32([2, 3]) });
    expect((out[session.outputNames[0]] as Tensor).dims).toEqual([2, 3]);
  });

  it('names a missing input', async () => {
    await expect(session.run({ x: f32([1, 3]) })).rejects.toThrow(/Missing input "y"/);
  });

  it('names an unknown input', async () => {
    await expect(session.run({ x: f32([1, 3]), y: f32([1, 3]), z: f32([1]) })).rejects.toThrow(/"z" is not an input/);
  });

  it('reports wrong dtype with expected and actual', async () => {
    const err = await session.run({ x: new Tensor('int32', new Int32Array(3), [1, 3]), y: f32([1, 3]) }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err).toMatchObject({ input: 'x', expected: 'float32', actual: 'int32' });
  });

  it('reports wrong rank', async () => {
    await expect(session.run({ x: f32([3]), y: f32([1, 3]) })).rejects.toThrow(/rank 1.*expects rank 2/);
  });

  it('reports a wrong fixed dimension', async () => {
    await expect(session.run({ x: f32([1, 4]), y: f32([1, 4]) })).rejects.toThrow(/dimension 1 to 3/);
  });

  it('fails cleanly after release', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1]);
    b.output(b.op('Relu', [x]));
    const s = await InferenceSession.create(encodeModel(b.model()));
    await s.release();
    await expect(s.run({ x: f32([1]) })).rejects.toThrow(SessionReleasedError);
  });
});
