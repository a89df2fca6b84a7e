// gpu.js stops any loop it cannot prove bounded after `loopMaxIterations` (1000 by default)
// without an error. Every GPU kernel declares its longest loop (the reduction length) and the
// runtime raises the limit to it; reductions longer than 1000 must match the CPU.
import { describe, expect, it } from 'vitest';
import gpujs from 'gpu.js';
import { planConv } from '../../kernels/gpu/gpu-f32-conv.js';
import { planMatMul } from '../../kernels/gpu/gpu-f32-matmul.js';
import { planMeanInvStd } from '../../kernels/gpu/gpu-f32-layernorm.js';
import { planLogSumExp } from '../../kernels/gpu/gpu-f32-softmax.js';
import { planReduce } from '../../kernels/gpu/gpu-f32-reduce.js';
import { resolveWindow } from '../../ops/nn/conv-geometry.js';
import { compareNode, gpuCpuMode, ints, maxRelError, random } from './gpu-harness.js';

// a loop bounded by a value read from an argument: gpu.js cannot bound it, so it is capped
const DATA_BOUNDED_SUM = 'function (a) { const n = a[0]; let s = 0; for (let k = 0; k < n; k++) { s += a[k + 1]; } return s; }';

describe('loopMaxIterations', () => {
  it('gpu.js caps an unbounded loop at 1000 by default (the trap)', () => {
    const { GPU } = gpujs as unknown as { GPU: new (o: { mode: string }) => { createKernel(src: string, o: object): (a: Float32Array) => Float32Array } };
    const n = 1500;
    const data = new Float32Array(n + 1).fill(1);
    data[0] = n;
    const plain = new GPU({ mode: 'cpu' }).createKernel(DATA_BOUNDED_SUM, { output: [1] });
    expect(plain(data)[0]).toBe(1000);
  });

  it('the runtime sets loopMaxIterations from the kernel\'s declared loop length', async () => {
    const runtime = (await gpuCpuMode()).runtime!;
    const n = 1500;
    const data = new Float32Array(n + 1).fill(1);
    data[0] = n;
    const x = await runtime.upload(data, [n + 1]);
    const y = await runtime.run({ key: 'test:data-bounded-sum', source: DATA_BOUNDED_SUM, outputSize: 1, loopMax: n }, [x], [1]);
    expect((await y.getData())[0]).toBe(n);
    x.dispose();
    y.dispose();
  });

  it('every reduction kernel declares its full reduction length', () => {
    expect(planMatMul([2, 1300], [1300, 3])!.spec.loopMax).toBe(1300);
    const geometry = resolveWindow({ autoPad: 'NOTSET', pads: [1, 1, 1, 1] }, [4, 4], [3, 3]);
    expect(planConv({ xDims: [1, 130, 4, 4], wDims: [2, 130, 3, 3], group: 1, geometry, hasBias: false }).spec.loopMax).toBe(130 * 9);
    expect(planLogSumExp({ outer: 2, length: 1200, inner: 1 }).loopMax).toBe(1200);
    expect(planMeanInvStd(2, 1100, 1e-5).loopMax).toBe(1100);
    expect(planReduce([2, 40, 40], [1, 2], 'mean').spec.loopMax).toBe(1600);
  });
});

describe('reductions longer than 1000 match the CPU', () => {
  const check = async (s: Parameters<typeof compareNode>[0], tol = 1e-3) => {
    const r = await compareNode(s);
    expect(r.onGpu).toBe(true);
    expect(maxRelError(r.gpu[0], r.cpu[0], 1e-4)).toBeLessThan(tol);
  };

  it('MatMul with K = 1100', () => check({ opType: 'MatMul', inputs: [random([3, 1100], 1), random([1100, 2], 2)] }));
  it('Gemm with K = 1030 (transposed B)', () => check({ opType: 'Gemm', inputs: [random([2, 1030], 1), random([3, 1030], 2)], attrs: { transB: 1 } }));
  it('Conv with C x kh x kw = 130 x 3 x 3 = 1170', () => check({ opType: 'Conv', inputs: [random([1, 130, 4, 4], 1), random([2, 130, 3, 3], 2)], attrs: { pads: [1, 1, 1, 1] } }));
  it('Softmax over 1500 values', () => check({ opType: 'Softmax', inputs: [random([2, 1500], 3, -5, 5)] }));
  it('LayerNormalization over 1200 values', () => check({ opType: 'LayerNormalization', inputs: [random([2, 1200], 4), random([1200], 5), random([1200], 6)] }));
  it('ReduceMean over 1300 values', () => check({ opType: 'ReduceMean', inputs: [random([2, 1300], 7), ints([1])], attrs: { keepdims: 1 }, opset: 18 }));
  it('GlobalAveragePool over 40 x 40', () => check({ opType: 'GlobalAveragePool', inputs: [random([1, 2, 40, 40], 8)] }));
});
