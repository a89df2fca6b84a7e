import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { rotateHead } from '../helpers/rotary-rows.js';
import { fromCompute, optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';

/**
 * Rotary position embedding. Each head vector's first rotary_embedding_dim entries (all by
 * default) form pairs (x1, x2): its two halves, or even/odd entries when interleaved. Each
 * pair rotates by its position's angle: (cos x1 - sin x2, sin x1 + cos x2); the rest is copied.
 * cos/sin rows come from the caches at position_ids[b, s], or, without position_ids, from
 * caches of shape [batch, seq, rotary_dim / 2].
 */
export const RotaryEmbedding = [
  defineOp('RotaryEmbedding', 23, (ctx) => {
    const interleaved = ctx.attrs.int('interleaved', 0) !== 0;
    const numHeadsAttr = ctx.attrs.int('num_heads', 0);
    const rotaryDimAttr = ctx.attrs.int('rotary_embedding_dim', 0);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const cosT = tensorInput(inputs, 1, 'cos_cache');
      const sinT = tensorInput(inputs, 2, 'sin_cache');
      const posT = optionalTensorInput(inputs, 3);
      let batch: number, heads: number, seq: number, headSize: number;
      if (x.dims.length === 4) {
        [batch, heads, seq, headSize] = x.dims;
      } else if (x.dims.length === 3) {
        if (numHeadsAttr <= 0) throw new InvalidInputError('a 3-D X needs the num_heads attribute');
        [batch, seq] = x.dims;
        heads = numHeadsAttr;
        if (x.dims[2] % heads !== 0) throw new InvalidInputError(`X's hidden size ${x.dims[2]} is not divisible by num_heads ${heads}`);
        headSize = x.dims[2] / heads;
      } else {
        throw new InvalidInputError(`X must be 3-D or 4-D, got shape [${x.dims}]`);
      }
      const rotaryDim = rotaryDimAttr > 0 ? rotaryDimAttr : headSize;
      if (rotaryDim > headSize || rotaryDim % 2 !== 0) {
        throw new InvalidInputError(`rotary_embedding_dim ${rotaryDim} must be even and at most the head size ${headSize}`);
      }
      const half = rotaryDim / 2;
      const cacheShape = posT ? `[max_position + 1, ${half}]` : `[${batch}, ${seq}, ${half}]`;
      for (const [t, what] of [[cosT, 'cos_cache'], [sinT, 'sin_cache']] as const) {
        const ok = posT
          ? t.dims.length === 2 && t.dims[1] === half
          : t.dims.length === 3 && t.dims[0] === batch && t.dims[1] === seq && t.dims[2] === half;
        if (!ok) throw new InvalidInputError(`${what} must have shape ${cacheShape}, got [${t.dims}]`);
      }
      let positions: number[] | undefined;
      if (posT) {
        if (posT.dims.length !== 2 || posT.dims[0] !== batch || posT.dims[1] !== seq) {
          throw new InvalidInputError(`position_ids must have shape [${batch}, ${seq}], got [${posT.dims}]`);
        }
        positions = readInts(posT);
        const maxPos = cosT.dims[0];
        for (const p of positions) {
          if (p < 0 || p >= maxPos) throw new InvalidInputError(`position id ${p} is out of range [0, ${maxPos})`);
        }
      }
      const cos = floatData(cosT, 'cos_cache');
      const sin = floatData(sinT, 'sin_cache');
      const y = allocFloat(x.type, x.size);
      y.set(floatData(x, 'X'));
      const caches = { cos, sin, rows: cosT.dims[0], half };
      const fourD = x.dims.length === 4;
      for (let b = 0; b < batch; b++) {
        for (let s = 0; s < seq; s++) {
          const position = positions ? positions[b * seq + s] : b * seq + s;
          for (let h = 0; h < heads; h++) {
            const off = fourD ? ((b * heads + h) * seq + s) * headSize : ((b * seq + s) * heads + h) * headSize;
            rotateHead(y, off, position, caches, interleaved);
          }
        }
      }
      return [fromCompute(x.type, y, x.dims)];
    };
  }),
];
