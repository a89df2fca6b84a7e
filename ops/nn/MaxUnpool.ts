import type { NumberArray } from '../../data/number-array.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { sizeOf, stridesOf } from '../helpers/shape.js';
import { allocCompute, fromCompute, optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import { perAxis, readWindowAttributes } from './conv-geometry.js';
import { poolInput } from './pool-options.js';
import { poolValues } from './pool-types.js';

// Scatters MaxPool's values back to the positions its Indices output recorded; everything
// else is zero. The default output size inverts MaxPool's (without ceil_mode or dilations).
export const MaxUnpool = defineOpVersions('MaxUnpool', [9, 11, 22], (ctx) => {
  const window = readWindowAttributes(ctx);
  const kernel = ctx.attrs.required('kernel_shape', window.kernelShape);
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'X');
    const ind = tensorInput(inputs, 1, 'I');
    const requested = optionalTensorInput(inputs, 2);
    const src = poolValues('MaxUnpool', x);
    const { batch, channels, inShape } = poolInput('MaxUnpool', x);
    if (ind.size !== x.size || ind.dims.length !== x.dims.length) {
      throw new InvalidInputError(`MaxUnpool: I must have the shape of X [${x.dims}], got [${ind.dims}]`);
    }
    const rank = inShape.length;
    const k = perAxis('kernel_shape', kernel, rank, 1);
    const s = perAxis('strides', window.strides, rank, 1);
    const pads = perAxis('pads', window.pads, 2 * rank, 0);
    const inferred = [batch, channels, ...inShape.map((d, i) => (d - 1) * s[i] + k[i] - pads[i] - pads[i + rank])];
    const size = sizeOf(inferred);
    const y = allocCompute(x.type, size) as NumberArray;
    const at = ind.data as ArrayLike<number | bigint>;
    for (let i = 0; i < x.size; i++) {
      const j = Number(at[i]);
      if (!(j >= 0 && j < size)) throw new InvalidInputError(`MaxUnpool: index ${j} in I is outside the output of ${size} elements [${inferred}]`);
      y[j] = src[i];
    }
    if (!requested) return [fromCompute(x.type, y, inferred)];
    // Indices address the inferred shape; a requested output_shape only adds (or cuts) cells
    // at the end of each axis, as the ONNX reference implementation does.
    const dims = readInts(requested);
    if (dims.length !== x.dims.length || dims.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new InvalidInputError(`MaxUnpool: output_shape must hold ${x.dims.length} sizes (the rank of X), got [${dims}]`);
    }
    const out = allocCompute(x.type, sizeOf(dims)) as NumberArray;
    copyOverlap(y, inferred, out, dims);
    return [fromCompute(x.type, out, dims)];
  };
});

/** Copies the cells two row-major arrays of shapes `aDims` and `bDims` have in common. */
function copyOverlap(a: NumberArray, aDims: number[], b: NumberArray, bDims: number[]): void {
  const common = aDims.map((d, i) => Math.min(d, bDims[i]));
  if (common.some((d) => d === 0)) return;
  const as = stridesOf(aDims), bs = stridesOf(bDims), rank = common.length;
  const pos = new Array<number>(rank).fill(0);
  const run = common[rank - 1];
  for (;;) {
    let ao = 0, bo = 0;
    for (let d = 0; d < rank - 1; d++) { ao += pos[d] * as[d]; bo += pos[d] * bs[d]; }
    for (let j = 0; j < run; j++) b[bo + j] = a[ao + j];
    let d = rank - 2;
    for (; d >= 0; d--) {
      if (++pos[d] < common[d]) break;
      pos[d] = 0;
    }
    if (d < 0) return;
  }
}
