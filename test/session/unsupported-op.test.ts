// An op no provider implements fails at load with UnsupportedOperatorError: domain, op, opset
// and node as fields and in the message, the nearest registered op when one is close, and for
// com.microsoft a plain statement that this contrib op is not implemented.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, UnsupportedOperatorError } from '../../src/index.js';
import { nearestOp } from '../../src/session/nearest-op.js';

async function loadFailure(opType: string, domain: string, opsets: Record<string, number>): Promise<UnsupportedOperatorError> {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2]);
  b.node(opType, [x], {}, { name: 'the_node', outputs: ['y'], domain });
  b.output('y');
  const err = await InferenceSession.create(encodeModel(b.model(opsets))).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UnsupportedOperatorError);
  return err as UnsupportedOperatorError;
}

describe('unsupported operators', () => {
  it('a misspelt ai.onnx op names itself and suggests the op it is nearest to', async () => {
    const err = await loadFailure('Reluu', '', { '': 17 });
    expect(err).toMatchObject({ opType: 'Reluu', domain: '', opset: 17, node: 'the_node', suggestion: 'ai.onnx.Relu' });
    expect(err.message).toBe('Unsupported operator ai.onnx.Reluu at opset 17 (node "the_node"). onnx-ts does not implement ai.onnx.Reluu. Did you mean ai.onnx.Relu?');
  });

  it('a com.microsoft op we lack says so plainly, with the nearest contrib op', async () => {
    const err = await loadFailure('QuickGeluu', 'com.microsoft', { '': 17, 'com.microsoft': 1 });
    expect(err).toMatchObject({ domain: 'com.microsoft', opset: 1, suggestion: 'com.microsoft.QuickGelu' });
    expect(err.message).toMatch(/^Unsupported operator com\.microsoft\.QuickGeluu at opset 1 \(node "the_node"\)\. onnx-ts does not implement the com\.microsoft contrib op QuickGeluu\. Did you mean com\.microsoft\.QuickGelu\?$/);
  });

  it('a com.microsoft op with no near name gets no guess', async () => {
    const err = await loadFailure('WordConvEmbedding', 'com.microsoft', { '': 17, 'com.microsoft': 1 });
    expect(err.suggestion).toBeUndefined();
    expect(err.message).toMatch(/onnx-ts does not implement the com\.microsoft contrib op WordConvEmbedding\.$/);
  });

  it('an onnxruntime NCHWc op (a model saved at its level all) says how to save one that runs', async () => {
    const err = await loadFailure('ReorderInput', 'com.microsoft.nchwc', { '': 17, 'com.microsoft.nchwc': 1 });
    expect(err.message).toMatch(/onnxruntime wrote ReorderInput for the machine that saved this model \(graph optimization level 'all'\); save the model at level 'extended' instead\./);
  });

  it('an op put in the wrong domain points to the domain that has it', async () => {
    const err = await loadFailure('QuickGelu', '', { '': 17 });
    expect(err.suggestion).toBe('com.microsoft.QuickGelu');
  });

  it('an op that exists at other opsets lists those versions instead of guessing', async () => {
    const err = await loadFailure('Gelu', '', { '': 17 });
    expect(err.supportedVersions).toMatch(/^20/);
    expect(err.suggestion).toBeUndefined();
    expect(err.message).toMatch(/Supported versions of Gelu: 20/);
  });
});

describe('nearestOp', () => {
  const registered = [
    { domain: '', opType: 'Relu' }, { domain: '', opType: 'Selu' }, { domain: 'com.microsoft', opType: 'Relu' },
    { domain: '', opType: 'Softmax' }, { domain: 'com.example', opType: 'Sofmax' },
  ];

  it('prefers the smaller distance, then the op\'s own domain, then the name that sorts first', () => {
    expect(nearestOp(registered, '', 'Softmx')).toBe('ai.onnx.Softmax');
    expect(nearestOp(registered, 'com.microsoft', 'Relu')).toBe('ai.onnx.Relu');
    expect(nearestOp(registered, 'com.microsoft', 'Reluu')).toBe('com.microsoft.Relu');
    expect(nearestOp(registered, '', 'Xelu')).toBe('ai.onnx.Relu');
  });

  it('ignores case and gives nothing past a third of the name\'s length', () => {
    expect(nearestOp(registered, '', 'RELU6')).toBe('ai.onnx.Relu');
    expect(nearestOp(registered, '', 'Foo')).toBeUndefined();
    expect(nearestOp(registered, '', 'Smooth')).toBeUndefined();
  });
});
