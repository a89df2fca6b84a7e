import { defineOp } from '../define.js';
import { sizeOf } from '../helpers/shape.js';
import { allocCompute, computeView, fromCompute, readInts, tensorInput } from '../helpers/values.js';
import { checkedOutputShape } from '../helpers/output-shape.js';
import { InvalidInputError } from '../../data/errors.js';

// The inverse of im2col: input [N, C·∏block, L] holds, for each of the L sliding-block
// positions, the block's values; they are summed back into an image [N, C, ...image_shape].
export const Col2Im = [
  defineOp('Col2Im', 18, (ctx) => {
    const dilationsAttr = ctx.attrs.ints('dilations');
    const padsAttr = ctx.attrs.ints('pads');
    const stridesAttr = ctx.attrs.ints('strides');
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const image = readInts(tensorInput(inputs, 1, 'image_shape'));
      const block = readInts(tensorInput(inputs, 2, 'block_shape'));
      const nd = image.length;
      const dil = dilationsAttr ?? new Array<number>(nd).fill(1);
      const pads = padsAttr ?? new Array<number>(2 * nd).fill(0);
      const strides = stridesAttr ?? new Array<number>(nd).fill(1);
      if (block.length !== nd || dil.length !== nd || strides.length !== nd || pads.length !== 2 * nd) {
        throw new InvalidInputError(`Col2Im: image_shape, block_shape, dilations, strides (and half of pads) must have the same length ${nd}`);
      }
      const blockSize = sizeOf(block);
      if (x.dims.length !== 3 || x.dims[1] % blockSize !== 0) {
        throw new InvalidInputError(`Col2Im: input must be [N, C * ${blockSize}, L], got [${x.dims}]`);
      }
      // block positions per spatial axis
      const cols = image.map((d, i) => Math.floor((d + pads[i] + pads[i + nd] - (dil[i] * (block[i] - 1) + 1)) / strides[i]) + 1);
      const L = sizeOf(cols);
      if (x.dims[2] !== L || cols.some((c) => c <= 0)) {
        throw new InvalidInputError(`Col2Im: input has ${x.dims[2]} block positions, expected ${L} for image [${image}] and block [${block}]`);
      }
      const [n, cb] = x.dims;
      const channels = cb / blockSize;
      const imageSize = sizeOf(image);
      const src = computeView(x) as unknown as ArrayLike<number>;
      const out = allocCompute(x.type, checkedOutputShape([n, channels, ...image], x.type, 'Col2Im')) as unknown as { [i: number]: number };
      const kIdx = new Array<number>(nd);
      const cIdx = new Array<number>(nd);
      for (let kb = 0; kb < blockSize; kb++) {
        for (let r = kb, i = nd - 1; i >= 0; i--) { kIdx[i] = r % block[i]; r = Math.floor(r / block[i]); }
        for (let l = 0; l < L; l++) {
          for (let r = l, i = nd - 1; i >= 0; i--) { cIdx[i] = r % cols[i]; r = Math.floor(r / cols[i]); }
          let pos = 0;
          let inside = true;
          for (let i = 0; i < nd; i++) {
            const p = cIdx[i] * strides[i] - pads[i] + kIdx[i] * dil[i];
            if (p < 0 || p >= image[i]) { inside = false; break; }
            pos = pos * image[i] + p;
          }
          if (!inside) continue;
          for (let b = 0; b < n; b++) {
            for (let c = 0; c < channels; c++) {
              out[(b * channels + c) * imageSize + pos] += src[((b * cb) + c * blockSize + kb) * L + l];
            }
          }
        }
      }
      return [fromCompute(x.type, out as never, [n, channels, ...image])];
    };
  }),
];
