import { defineOp } from '../define.js';
import { allocCompute, fromCompute, numbersOf, readInts, tensorInput } from '../helpers/values.js';
import { InvalidInputError } from '../../data/errors.js';

/** Normalized sample positions in [-1, 1] along an axis of `len` points. */
function axisPositions(len: number, alignCorners: boolean): Float64Array {
  const p = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    // a single aligned point sits at -1, as in the ONNX reference
    p[i] = alignCorners ? (len === 1 ? -1 : -1 + (2 * i) / (len - 1)) : -1 + (2 * i + 1) / len;
  }
  return p;
}

// theta [N, 2, 3] with size [N, C, H, W] → grid [N, H, W, 2]; theta [N, 3, 4] with size
// [N, C, D, H, W] → grid [N, D, H, W, 3]. Each point is theta · (x, y[, z], 1).
export const AffineGrid = [
  defineOp('AffineGrid', 20, (ctx) => {
    const alignCorners = ctx.attrs.int('align_corners', 0) !== 0;
    return (inputs) => {
      const theta = tensorInput(inputs, 0, 'theta');
      const size = readInts(tensorInput(inputs, 1, 'size'));
      const spatial = size.length - 2;
      if (spatial !== 2 && spatial !== 3) throw new InvalidInputError(`AffineGrid: size must have 4 or 5 entries, got [${size}]`);
      const [n] = size;
      if (theta.dims.length !== 3 || theta.dims[0] !== n || theta.dims[1] !== spatial || theta.dims[2] !== spatial + 1) {
        throw new InvalidInputError(`AffineGrid: theta must be [${n}, ${spatial}, ${spatial + 1}] for size [${size}], got [${theta.dims}]`);
      }
      const [d, h, w] = spatial === 3 ? size.slice(2) : [1, ...size.slice(2)];
      if ([d, h, w].some((v) => !(v > 0))) throw new InvalidInputError(`AffineGrid: spatial sizes must be positive, got [${size}]`);
      const xs = axisPositions(w, alignCorners);
      const ys = axisPositions(h, alignCorners);
      const zs = axisPositions(d, alignCorners);
      const t = numbersOf(theta);
      const rowLen = spatial + 1;
      const out = allocCompute(theta.type, n * d * h * w * spatial) as Float64Array;
      const p = new Float64Array(rowLen);
      p[spatial] = 1;
      let at = 0;
      for (let b = 0; b < n; b++) {
        const tb = b * spatial * rowLen;
        for (let k = 0; k < d; k++) {
          for (let i = 0; i < h; i++) {
            for (let j = 0; j < w; j++) {
              p[0] = xs[j];
              p[1] = ys[i];
              if (spatial === 3) p[2] = zs[k];
              for (let r = 0; r < spatial; r++) {
                let v = 0;
                for (let q = 0; q < rowLen; q++) v += t[tb + r * rowLen + q] * p[q];
                out[at++] = v;
              }
            }
          }
        }
      }
      const dims = spatial === 3 ? [n, d, h, w, 3] : [n, h, w, 2];
      return [fromCompute(theta.type, out, dims)];
    };
  }),
];
