// Graph structure errors name the node and value at fault.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, InvalidModelError, ModelLoadError, UnsupportedOperatorError } from '../../src/index.js';

describe('graph validation', () => {
  it('rejects a cycle, naming the nodes', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.node('Add', [x, 'c'], {}, { name: 'first', outputs: ['a'] });
    b.node('Relu', ['a'], {}, { name: 'second', outputs: ['c'] });
    b.output('c');
    const err = await InferenceSession.create(encodeModel(b.model())).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidModelError);
    expect(err.message).toMatch(/cycle.*"first".*"second"/);
  });

  it('rejects an input that nothing defines, naming node and input', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.node('Add', [x, 'ghost'], {}, { name: 'adder', outputs: ['y'] });
    b.output('y');
    const err = await InferenceSession.create(encodeModel(b.model())).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidModelError);
    expect(err.message).toContain('"adder"');
    expect(err.details.input).toBe('ghost');
  });

  it('rejects an output that no node produces', async () => {
    const b = new GraphBuilder();
    b.input('x', 'float32', [2]);
    b.output('nowhere');
    await expect(InferenceSession.create(encodeModel(b.model()))).rejects.toThrow(/"nowhere"/);
  });

  it('rejects two nodes producing the same value', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.node('Relu', [x], {}, { outputs: ['y'] });
    b.node('Relu', [x], {}, { outputs: ['y'] });
    b.output('y');
    await expect(InferenceSession.create(encodeModel(b.model()))).rejects.toThrow(/produced by two nodes/);
  });

  it('an unsupported op fails at load time naming op, domain, opset and node', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.node('FancyOp', [x], {}, { name: 'mystery', outputs: ['y'], domain: 'com.example' });
    b.output('y');
    const err = await InferenceSession.create(encodeModel(b.model({ '': 17, 'com.example': 3 }))).catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedOperatorError);
    expect(err).toMatchObject({ opType: 'FancyOp', domain: 'com.example', opset: 3, node: 'mystery' });
  });

  it('garbage and truncated bytes give ModelLoadError, not a crash', async () => {
    await expect(InferenceSession.create(new Uint8Array([0xff, 0xff, 0xff]))).rejects.toThrow(ModelLoadError);
    const good = encodeModel(new GraphBuilder().model());
    await expect(InferenceSession.create(good.subarray(0, good.length - 3))).rejects.toThrow(ModelLoadError);
  });

  it('refuses protobuf nesting deep enough to overflow protobufjs', async () => {
    // GraphProto.node(1) -> NodeProto.attribute(5) -> AttributeProto.g(6) -> GraphProto ... 5000 deep
    let inner: Uint8Array = new Uint8Array(0);
    const wrap = (field: number, body: Uint8Array) => {
      const len: number[] = [];
      let n = body.length;
      do { len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0)); n >>>= 7; } while (n > 0);
      return Buffer.concat([Buffer.from([(field << 3) | 2, ...len]), body]);
    };
    for (let i = 0; i < 5000; i++) inner = wrap(1, wrap(5, wrap(6, inner)));
    const model = wrap(7, inner);
    const err = await InferenceSession.create(model).catch((e) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect(err.message).toMatch(/deeper than/);
  });
});
