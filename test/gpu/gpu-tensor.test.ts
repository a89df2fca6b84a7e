// GpuTensor: location 'gpu-buffer', data readable only after a download, views over one
// refcounted device storage, dispose() frees it once.
import { describe, expect, it } from 'vitest';
import { type DeviceStorage, GpuTensor, downloadTensor } from '../../kernels/gpu/gpu-tensor.js';
import { Tensor } from '../../data/tensor.js';

function storage(values: number[]) {
  const log = { reads: 0, frees: 0 };
  const s: DeviceStorage = {
    size: values.length,
    handle: 'h',
    read: async () => { log.reads++; return Float32Array.from(values); },
    free: () => { log.frees++; },
  };
  return { s, log };
}

describe('GpuTensor', () => {
  it('says where it lives and downloads on request', async () => {
    const { s, log } = storage([1, 2, 3, 4]);
    const t = new GpuTensor(s, [2, 2]);
    expect(t).toBeInstanceOf(Tensor);
    expect(t.location).toBe('gpu-buffer');
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([2, 2]);
    expect(t.size).toBe(4);
    expect(() => t.data).toThrow(/lives on the GPU/);
    const host = await downloadTensor(t);
    expect(host.location).toBe('cpu');
    expect(host.dims).toEqual([2, 2]);
    expect(Array.from(host.data as Float32Array)).toEqual([1, 2, 3, 4]);
    // the download is kept: .data works now, and a second download does not read again
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4]);
    await t.getData();
    expect(log.reads).toBe(1);
  });

  it('reshape is a view; the storage is freed when the last view is disposed', () => {
    const { s, log } = storage([1, 2, 3, 4, 5, 6]);
    const t = new GpuTensor(s, [2, 3]);
    const v = t.reshape([3, 2]) as GpuTensor;
    expect(v).toBeInstanceOf(GpuTensor);
    expect(v.dims).toEqual([3, 2]);
    expect(v.deviceHandle).toBe('h');
    t.dispose();
    t.dispose();
    expect(log.frees).toBe(0);
    v.dispose();
    expect(log.frees).toBe(1);
    expect(() => v.deviceHandle).toThrow(/after dispose/);
    expect(() => t.reshape([6])).toThrow(/freed/);
  });

  it('checks its dims against the storage', () => {
    expect(() => new GpuTensor(storage([1, 2, 3]).s, [2, 2])).toThrow(RangeError);
  });

  it('leaves host tensors alone', async () => {
    const h = new Tensor('float32', Float32Array.from([1]), [1]);
    expect(await downloadTensor(h)).toBe(h);
  });
});
