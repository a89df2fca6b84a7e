// External data: read relative to the model's folder; anything that could leave it is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { loadModel } from '../../graph/load-model.js';
import { ModelProtoType } from '../../graph/proto/onnx-reflection.js';
import { InferenceSession, InvalidModelError, ModelLoadError, OnnxError, Tensor } from '../../src/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-ext-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A model computing Relu(x + w) where w = [1, -2, 3] is stored externally at `location`. */
function modelWithExternal(location: string, offset = 0, length = 12): Uint8Array {
  const b = new GraphBuilder('ext');
  const x = b.input('x', 'float32', [3]);
  b.initializer('w', new Tensor('float32', new Float32Array(3), [3]));
  b.output(b.op('Relu', [b.op('Add', [x, 'w'])]), 'float32', [3]);
  const msg = ModelProtoType.toObject(ModelProtoType.decode(encodeModel(b.model({ '': 17 })))) as {
    graph: { initializer: Record<string, unknown>[] };
  };
  const init = msg.graph.initializer[0];
  delete init.rawData;
  init.dataLocation = 1;
  init.externalData = [
    { key: 'location', value: location },
    { key: 'offset', value: String(offset) },
    { key: 'length', value: String(length) },
  ];
  return ModelProtoType.encode(ModelProtoType.fromObject(msg)).finish();
}

function writeCase(name: string, location: string, offset = 0): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'model.onnx');
  fs.writeFileSync(file, modelWithExternal(location, offset));
  return file;
}

const weights = Buffer.from(new Float32Array([1, -2, 3]).buffer);

describe('external data', () => {
  it('reads data relative to the model folder, at an offset', async () => {
    const file = writeCase('ok', 'sub/weights.bin', 4);
    fs.mkdirSync(path.join(tmp, 'ok', 'sub'));
    fs.writeFileSync(path.join(tmp, 'ok', 'sub', 'weights.bin'), Buffer.concat([Buffer.alloc(4), weights]));
    const s = await InferenceSession.create(file);
    const out = await s.run({ x: new Tensor('float32', new Float32Array([0, 0, 0]), [3]) });
    expect(Array.from(out[s.outputNames[0]] instanceof Tensor ? (out[s.outputNames[0]] as Tensor).data as Float32Array : [])).toEqual([1, 0, 3]);
  });

  it('refuses an absolute path', () => {
    const file = writeCase('abs', path.join(tmp, 'ok', 'sub', 'weights.bin'));
    expect(() => loadModel(file)).toThrow(/absolute/);
  });

  it('refuses .. and nested a/../../x', () => {
    fs.writeFileSync(path.join(tmp, 'outside.bin'), weights);
    expect(() => loadModel(writeCase('dotdot', '../outside.bin'))).toThrow(InvalidModelError);
    expect(() => loadModel(writeCase('nested', 'a/../../outside.bin'))).toThrow(/\.\./);
  });

  it('refuses a symlink that leads out of the folder', () => {
    const file = writeCase('symlink', 'link.bin');
    fs.symlinkSync(path.join(tmp, 'outside.bin'), path.join(tmp, 'symlink', 'link.bin'));
    expect(() => loadModel(file)).toThrow(/outside the model's folder/);
  });

  it('refuses a hard link (it may alias a file outside the folder)', () => {
    const file = writeCase('hardlink', 'hard.bin');
    fs.linkSync(path.join(tmp, 'outside.bin'), path.join(tmp, 'hardlink', 'hard.bin'));
    expect(() => loadModel(file)).toThrow(/hard links/);
  });

  it('refuses ranges past the end of the file', () => {
    const file = writeCase('short', 'w.bin', 8);
    fs.writeFileSync(path.join(tmp, 'short', 'w.bin'), weights);
    expect(() => loadModel(file)).toThrow(/past the end/);
  });

  it('a model given as bytes only uses external data the caller supplies', async () => {
    const bytes = modelWithExternal('weights.bin');
    await expect(InferenceSession.create(bytes)).rejects.toThrow(ModelLoadError);
    const s = await InferenceSession.create(bytes, { externalData: [{ path: 'weights.bin', data: new Uint8Array(weights) }] });
    expect(s.inputNames).toEqual(['x']);
  });

  it('all these errors are OnnxErrors', () => {
    expect(() => loadModel(writeCase('missing', 'nope.bin'))).toThrow(OnnxError);
  });
});
