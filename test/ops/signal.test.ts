// DFT cases the backend suite leaves out: prime lengths (Bluestein), dft_length padding and
// truncation, odd-length inverse real FFTs; checked against a direct O(n²) DFT.
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { type AttributeInput, GraphBuilder } from '../../graph/graph-builder.js';
import { InferenceSession, Tensor } from '../../src/index.js';

async function dft(x: Tensor, attrs: Record<string, AttributeInput>, length?: number, axis = 1): Promise<Tensor> {
  const b = new GraphBuilder();
  b.input('x', x.type, [...x.dims]);
  const inputs = ['x', ''];
  if (length !== undefined) {
    b.initializer('len', new Tensor('int64', BigInt64Array.of(BigInt(length)), []));
    inputs[1] = 'len';
  }
  b.initializer('axis', new Tensor('int64', BigInt64Array.of(BigInt(axis)), []));
  inputs.push('axis');
  b.node('DFT', inputs, attrs, { outputs: ['y'] });
  b.output('y');
  const s = await InferenceSession.create(encodeModel(b.model({ '': 20 })));
  return (await s.run({ x })).y as Tensor;
}

/** Direct DFT of interleaved complex values. */
function naive(re: number[], im: number[], n: number, inverse = false): [number[], number[]] {
  const sign = inverse ? 1 : -1;
  const outRe: number[] = [], outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0, si = 0;
    for (let t = 0; t < n; t++) {
      const a = (sign * 2 * Math.PI * k * t) / n;
      const xr = re[t] ?? 0, xi = im[t] ?? 0;
      sr += xr * Math.cos(a) - xi * Math.sin(a);
      si += xr * Math.sin(a) + xi * Math.cos(a);
    }
    outRe.push(inverse ? sr / n : sr);
    outIm.push(inverse ? si / n : si);
  }
  return [outRe, outIm];
}

const signal = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + 0.25 * i);

describe('DFT', () => {
  it('handles prime lengths and zero-padding to dft_length', async () => {
    const xs = signal(7);
    const x = new Tensor('float64', Float64Array.from(xs), [1, 7, 1]);
    for (const n of [7, 11, 5]) {
      const y = await dft(x, {}, n);
      expect(y.dims).toEqual([1, n, 2]);
      const [re, im] = naive(xs.slice(0, n), [], n);
      const d = y.data as Float64Array;
      for (let k = 0; k < n; k++) {
        expect(d[2 * k]).toBeCloseTo(re[k], 9);
        expect(d[2 * k + 1]).toBeCloseTo(im[k], 9);
      }
    }
  });

  it('inverts a one-sided spectrum of odd length to a real signal', async () => {
    const xs = signal(9);
    const [re, im] = naive(xs, [], 9);
    const half = Array.from({ length: 5 }, (_, k) => [re[k], im[k]]).flat();
    const spectrum = new Tensor('float64', Float64Array.from(half), [1, 5, 2]);
    const y = await dft(spectrum, { inverse: 1, onesided: 1 }, 9);
    expect(y.dims).toEqual([1, 9, 1]);
    Array.from(y.data as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(xs[i], 9));
  });

  it('transforms along an inner axis of a complex input', async () => {
    // [2, 3, 2(complex)] transformed along axis 0
    const vals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const y = await dft(new Tensor('float32', Float32Array.from(vals), [2, 3, 2]), {}, undefined, 0);
    expect(y.dims).toEqual([2, 3, 2]);
    // along axis 0: y[0] = a + b, y[1] = a − b for each column
    expect(Array.from(y.data as Float32Array)).toEqual([8, 10, 12, 14, 16, 18, -6, -6, -6, -6, -6, -6]);
  });
});
