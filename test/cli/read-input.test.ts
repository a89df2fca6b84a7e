// Inputs for `onnx-ts run --input`: .npy and .json parse to the right tensors.
import { describe, expect, it } from 'vitest';
import { parseJsonTensor, parseNpy } from '../../src/cli/read-input.js';

function npy(descr: string, shape: number[], data: ArrayBufferView): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  // inside a larger Buffer, as fs.readFileSync often returns: the parser must not read from offset 0
  const file = Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0]), Buffer.from(new Uint16Array([header.length]).buffer), Buffer.from(header), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
  const pool = Buffer.alloc(file.length + 13);
  file.copy(pool, 13);
  return pool.subarray(13);
}

describe('read-input', () => {
  it('parses .npy float32 and int64 arrays', () => {
    const f = parseNpy(npy('<f4', [2, 2], new Float32Array([1, 2, 3, 4.5])), 'x.npy');
    expect(f.type).toBe('float32');
    expect(f.dims).toEqual([2, 2]);
    expect(Array.from(f.data as Float32Array)).toEqual([1, 2, 3, 4.5]);
    const i = parseNpy(npy('<i8', [3], new BigInt64Array([1n, -2n, 3n])), 'y.npy');
    expect(Array.from(i.data as BigInt64Array)).toEqual([1n, -2n, 3n]);
  });

  it('refuses what it cannot read, with the file named', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'bad.npy')).toThrow(/bad\.npy is not a \.npy file/);
  });

  it('parses nested JSON arrays and typed JSON tensors', () => {
    expect(parseJsonTensor('[[1, 2], [3, 4]]', 'a.json').dims).toEqual([2, 2]);
    const t = parseJsonTensor('{"type": "int32", "dims": [3], "data": [1, 2, 3]}', 'b.json');
    expect(t.type).toBe('int32');
  });
});
