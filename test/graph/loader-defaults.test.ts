// An unset protobuf field is not a zero: protobufjs reflection reads every unset field as its
// default (0, '', an empty Long), and onnx.proto gives several of them a meaning of their own
// when absent. Each case hand-builds a model with one such gap and checks what the loader
// and the session make of it (decided per onnx.proto and IR.md; onnxruntime 1.30 agrees
// except where a comment says otherwise).
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { loadModel, MAX_IR_VERSION } from '../../graph/load-model.js';
import { ModelProtoType, onnxRoot } from '../../graph/proto/onnx-reflection.js';
import { describeModel } from '../../src/cli/info.js';
import { InferenceSession, InvalidModelError, ModelLoadError, Tensor } from '../../src/index.js';

type Msg = Record<string, unknown>;

const encode = (m: Msg) => ModelProtoType.encode(ModelProtoType.fromObject(m)).finish();
const f32Type = (dims?: Msg[]) => ({ tensorType: { elemType: 1, ...(dims ? { shape: { dim: dims } } : {}) } });
const f32 = (dims: number[], fill = 0) => new Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(fill), dims);

/** A model computing y = op(x) with the given pieces replaced, as raw protobuf objects. */
function rawModel(parts: { input?: Msg; output?: Msg; node?: Msg; graph?: Msg; model?: Msg } = {}): Uint8Array {
  return encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'g',
      node: [parts.node ?? { opType: 'Identity', input: ['x'], output: ['y'] }],
      input: [parts.input ?? { name: 'x', type: f32Type([{ dimValue: 2 }]) }],
      output: [parts.output ?? { name: 'y', type: f32Type([{ dimValue: 2 }]) }],
      ...parts.graph,
    },
    ...parts.model,
  });
}

const loadError = (bytes: Uint8Array) => InferenceSession.create(bytes).then(() => undefined, (e: unknown) => e);

describe('the schema', () => {
  it('is proto2 (explicit presence): a field set to 0 is written and read back as set', () => {
    const Dimension = onnxRoot.lookupType('onnx.TensorShapeProto.Dimension');
    const zero = Dimension.encode(Dimension.fromObject({ dimValue: 0 })).finish();
    expect(Array.from(zero)).toEqual([0x08, 0x00]);
    expect(Object.keys(Dimension.decode(zero))).toEqual(['dimValue']);
    expect(Object.keys(Dimension.decode(new Uint8Array(0)))).toEqual([]);
  });
});

describe('dimensions', () => {
  it('a dimension with neither dim_value nor dim_param is unknown, not 0', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [undefined, 3, 'N']);
    b.output(b.op('Relu', [x], {}, 'relu'), 'float32', [undefined, 3, 'N']);
    const bytes = encodeModel(b.model());
    expect(loadModel(bytes).graph.inputs[0].type).toEqual({ kind: 'tensor', elemType: 'float32', shape: [undefined, 3, 'N'] });
    const s = await InferenceSession.create(bytes);
    // onnxruntime-node 1.30 reports such a dimension as '' (and a symbolic one by its name)
    expect(s.inputMetadata[0]).toEqual({ name: 'x', isTensor: true, type: 'float32', shape: ['', 3, 'N'] });
    for (const first of [0, 1, 7]) {
      const out = await s.run({ x: f32([first, 3, 2], -1) });
      expect((out[s.outputNames[0]] as Tensor).dims).toEqual([first, 3, 2]);
    }
    await expect(s.run({ x: f32([2, 4, 2]) })).rejects.toThrow(/fixes dimension 1 to 3/);
    expect(describeModel(loadModel(bytes)).text).toContain('x: float32[?, 3, N]');
  });

  it('an explicit dim_value of 0 is still a fixed 0', async () => {
    const s = await InferenceSession.create(rawModel({
      input: { name: 'x', type: f32Type([{ dimValue: 0 }]) }, output: { name: 'y', type: f32Type([{ dimValue: 0 }]) },
    }));
    expect(s.inputMetadata[0].shape).toEqual([0]);
    await expect(s.run({ x: f32([2]) })).rejects.toThrow(/fixes dimension 0 to 0/);
    expect(((await s.run({ x: f32([0]) })).y as Tensor).dims).toEqual([0]);
  });

  it('a negative dim_value (older exporters\' "dynamic") is unknown', () => {
    const m = loadModel(rawModel({ input: { name: 'x', type: f32Type([{ dimValue: -1 }, { dimValue: 2 }]) } }));
    expect(m.graph.inputs[0].type).toMatchObject({ shape: [undefined, 2] });
  });

  it('an empty dim_param is no name: the dimension is unknown', () => {
    const m = loadModel(rawModel({ input: { name: 'x', type: f32Type([{ dimParam: '' }]) } }));
    expect(m.graph.inputs[0].type).toMatchObject({ shape: [undefined] });
  });
});

describe('shapes', () => {
  it('a shape with no dims is a scalar; feeds of other ranks are refused', async () => {
    const s = await InferenceSession.create(rawModel({ input: { name: 'x', type: { tensorType: { elemType: 1, shape: {} } } }, output: { name: 'y' } }));
    expect(s.inputMetadata[0].shape).toEqual([]);
    expect(((await s.run({ x: f32([]) })).y as Tensor).dims).toEqual([]);
    await expect(s.run({ x: f32([1]) })).rejects.toThrow(/expects rank 0/);
  });

  it('no shape at all is an unknown rank: any feed is accepted', async () => {
    const bytes = rawModel({ input: { name: 'x', type: f32Type() }, output: { name: 'y' } });
    const s = await InferenceSession.create(bytes);
    // metadata shows no dimensions, as onnxruntime reports an unknown rank
    expect(s.inputMetadata[0]).toEqual({ name: 'x', isTensor: true, type: 'float32', shape: [] });
    for (const dims of [[], [3], [2, 1, 2]]) expect(((await s.run({ x: f32(dims) })).y as Tensor).dims).toEqual(dims);
    expect(describeModel(loadModel(bytes)).text).toContain('x: float32 (shape unknown)');
  });
});

describe('types', () => {
  it('elem_type 0 (UNDEFINED) or unset is refused, naming the value', async () => {
    for (const tensorType of [{ elemType: 0 }, {}]) {
      const err = await loadError(rawModel({ input: { name: 'x', type: { tensorType } } }));
      expect(err).toBeInstanceOf(InvalidModelError);
      expect((err as Error).message).toMatch(/"x" has no element type/);
    }
    // in value_info too, as onnxruntime does ("Invalid tensor data type 0")
    const viErr = await loadError(rawModel({ graph: { valueInfo: [{ name: 'x', type: { tensorType: { elemType: 0 } } }] } }));
    expect(viErr).toBeInstanceOf(InvalidModelError);
  });

  it('an element type code no ONNX release defines is refused, not read as "any type"', async () => {
    const err = await loadError(rawModel({ input: { name: 'x', type: { tensorType: { elemType: 999 } } } }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(/element type 999/);
  });

  it('a map type without key_type is refused (0 is not int64)', async () => {
    const err = await loadError(rawModel({ graph: { valueInfo: [{ name: 'm', type: { mapType: { valueType: f32Type() } } }] } }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(/"m" \(map key\) has no element type/);
  });

  it('a main-graph input without a type (or with an empty TypeProto) is refused', async () => {
    for (const input of [{ name: 'x' }, { name: 'x', type: {} }]) {
      const err = await loadError(rawModel({ input }));
      expect(err).toBeInstanceOf(InvalidModelError);
      expect(err).toMatchObject({ details: { input: 'x' } });
    }
  });

  it('value_info and outputs without a type are only missing hints', async () => {
    const s = await InferenceSession.create(rawModel({ output: { name: 'y' }, graph: { valueInfo: [{ name: 'y' }] } }));
    expect(Array.from(((await s.run({ x: f32([2], 3) })).y as Tensor).data as Float32Array)).toEqual([3, 3]);
  });
});

describe('ir_version and opset_import', () => {
  it('a model without ir_version is refused', async () => {
    const err = await loadError(rawModel({ model: { irVersion: undefined } }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(/no ir_version/);
  });

  it('an IR version newer than the loader knows is refused with the supported range', async () => {
    const err = await loadError(rawModel({ model: { irVersion: MAX_IR_VERSION + 1 } }));
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(new RegExp(`IR version ${MAX_IR_VERSION + 1}; onnx-ts reads IR versions 1 to ${MAX_IR_VERSION}`));
    await expect(InferenceSession.create(rawModel({ model: { irVersion: MAX_IR_VERSION } }))).resolves.toBeDefined();
  });

  it('no opset_import means ai.onnx opset 1 before IR 3, and is refused from IR 3 on', async () => {
    const old = loadModel(rawModel({ model: { irVersion: 2, opsetImport: [] } }));
    expect([...old.opsets]).toEqual([['', 1]]);
    const err = await loadError(rawModel({ model: { irVersion: 3, opsetImport: [] } }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(/no opset_import/);
  });

  it('an opset import without a version is refused, not read as opset 0', async () => {
    for (const model of [{ opsetImport: [{ domain: '' }] }, { opsetImport: [{ domain: '', version: 0 }] }]) {
      const err = await loadError(rawModel({ model }));
      expect(err).toBeInstanceOf(InvalidModelError);
      expect((err as Error).message).toMatch(/imports domain "ai.onnx" (without a version|at version 0)/);
    }
  });

  it("'ai.onnx' and '' are one domain, for imports and nodes alike", async () => {
    const s = await InferenceSession.create(rawModel({
      model: { opsetImport: [{ domain: 'ai.onnx', version: 17 }] },
      node: { opType: 'Relu', domain: 'ai.onnx', input: ['x'], output: ['y'] },
    }));
    expect(Array.from(((await s.run({ x: f32([2], -1) })).y as Tensor).data as Float32Array)).toEqual([0, 0]);
    const err = await loadError(rawModel({ model: { opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx', version: 13 }] } }));
    expect((err as Error).message).toMatch(/imports domain "ai.onnx" twice, at versions 17 and 13/);
  });
});

describe('initializers that shadow graph inputs', () => {
  const shadowing = (irVersion: number, declared?: Msg) => encode({
    irVersion,
    opsetImport: [{ domain: '', version: irVersion < 4 ? 8 : 17 }],
    graph: {
      name: 'g',
      node: [{ opType: 'Add', input: ['w', 'w'], output: ['w2'] }, { opType: 'Add', input: ['x', 'w2'], output: ['y'] }],
      input: [{ name: 'x', type: f32Type([{ dimValue: 2 }]) }, { name: 'w', ...(declared ? { type: declared } : {}) }],
      output: [{ name: 'y', type: f32Type([{ dimValue: 2 }]) }],
      initializer: [{ name: 'w', dataType: 1, dims: [2], floatData: [10, 20] }],
    },
  });

  const w = new Tensor('float32', new Float32Array([100, 200]), [2]);
  const yOf = async (s: InferenceSession, feeds: Record<string, Tensor>) => Array.from(((await s.run({ x: f32([2], 1), ...feeds })).y as Tensor).data as Float32Array);

  it('IR 8: the initializer is the default, a feed overrides it (and is not constant-folded away)', async () => {
    const s = await InferenceSession.create(shadowing(8, f32Type([{ dimValue: 2 }])));
    expect(s.inputNames).toEqual(['x']);
    expect(await yOf(s, {})).toEqual([21, 41]);
    expect(await yOf(s, { w })).toEqual([201, 401]);
  });

  it('IR 3: every initializer had to be listed as an input, so it is a weight, and a feed for it is refused by name', async () => {
    const s = await InferenceSession.create(shadowing(3, f32Type([{ dimValue: 2 }])));
    expect(s.inputNames).toEqual(['x']);
    expect(await yOf(s, {})).toEqual([21, 41]);
    await expect(yOf(s, { w })).rejects.toThrow(/"w" is a weight of this IR 3 model, not an input/);
  });

  it('an override input declared without a type takes the initializer\'s', async () => {
    const s = await InferenceSession.create(shadowing(8));
    await expect(s.run({ x: f32([2]), w: new Tensor('int32', new Int32Array(2), [2]) })).rejects.toThrow(/type int32, but the model expects float32/);
    await expect(s.run({ x: f32([2]), w: f32([3]) })).rejects.toThrow(/fixes dimension 0 to 2/);
  });

  it('a declared type that contradicts the initializer is refused at load', async () => {
    for (const declared of [f32Type([{ dimValue: 3 }]), { tensorType: { elemType: 7, shape: { dim: [{ dimValue: 2 }] } } }, f32Type([])]) {
      const err = await loadError(shadowing(8, declared));
      expect(err).toBeInstanceOf(InvalidModelError);
      expect((err as Error).message).toMatch(/input "w" is declared as .*, but its initializer is a float32 \[2\] tensor/);
    }
    await expect(InferenceSession.create(shadowing(8, f32Type([{ dimParam: 'n' }])))).resolves.toBeDefined();
  });
});

describe('attributes', () => {
  const leaky = (attr: Msg, irVersion = 8) => rawModel({
    model: irVersion < 3 ? { irVersion, opsetImport: [] } : { irVersion },
    node: { opType: 'LeakyRelu', input: ['x'], output: ['y'], attribute: [attr] },
  });
  const run = async (bytes: Uint8Array) => {
    const s = await InferenceSession.create(bytes);
    return Array.from(((await s.run({ x: f32([2], -2) })).y as Tensor).data as Float32Array);
  };

  it('from IR 2 on, an attribute without a type is refused, naming node and attribute', async () => {
    const err = await loadError(leaky({ name: 'alpha', f: 0.5 }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect(err).toMatchObject({ details: { attribute: 'alpha' } });
    expect((err as Error).message).toMatch(/LeakyRelu\): attribute "alpha" has no type/);
  });

  it('in IR 1 the type is inferred from the one value field that is set, zero included', async () => {
    expect(await run(leaky({ name: 'alpha', f: 0.5 }, 1))).toEqual([-1, -1]);
    expect(await run(leaky({ name: 'alpha', f: 0 }, 1))).toEqual([-0, -0]);
  });

  it('in IR 1 an attribute with no value, or several, cannot be typed', async () => {
    await expect(InferenceSession.create(leaky({ name: 'alpha' }, 1))).rejects.toThrow(/has no type and no value/);
    await expect(InferenceSession.create(leaky({ name: 'alpha', f: 0.5, i: 1 }, 1))).rejects.toThrow(/has no type and several values \(f, i\)/);
  });

  it('a typed attribute whose value field is unset has the protobuf default (proto3 writers omit zeros)', async () => {
    expect(await run(leaky({ name: 'alpha', type: 1 }))).toEqual([-0, -0]);
  });

  it('an unknown attribute type code is refused, not guessed', async () => {
    await expect(InferenceSession.create(leaky({ name: 'alpha', type: 99, f: 0.5 }))).rejects.toThrow(/attribute "alpha" has unknown type 99/);
  });

  it('an attribute without a name is refused', async () => {
    await expect(InferenceSession.create(leaky({ type: 1, f: 0.5 }))).rejects.toThrow(/an attribute has no name/);
  });
});

describe('tensors', () => {
  it('an initializer without data_type is refused', async () => {
    const err = await loadError(rawModel({ graph: { initializer: [{ name: 'c', dims: [1], floatData: [1] }] } }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(/Tensor "c" has no data_type/);
  });

  it('a tensor with dims but no data is refused, not read as zeros', async () => {
    const err = await loadError(rawModel({ graph: { initializer: [{ name: 'c', dataType: 1, dims: [2] }] } }));
    expect(err).toBeInstanceOf(InvalidModelError);
    expect((err as Error).message).toMatch(/has 0 values in float_data, expected 2/);
  });
});
