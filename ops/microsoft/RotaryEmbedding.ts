// com.microsoft RotaryEmbedding: rotary position embedding over (batch, sequence, hidden) or
// (batch, heads, sequence, head size) input, with cos/sin caches indexed by position_ids.
// position_ids is either (batch, sequence) or a single start position that token s adds s to.
// The scale and is_packed_batching attributes are accepted and, as onnxruntime's CPU kernel
// does, not read.
import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, readInts, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { rotateHead } from '../helpers/rotary-rows.js';

const OP = 'RotaryEmbedding';

export const RotaryEmbedding: OpDefinition = defineOp(OP, 1, (ctx) => {
  const interleaved = ctx.attrs.int('interleaved', 0) !== 0;
  const numHeadsAttr = ctx.attrs.int('num_heads', 0);
  const rotaryDimAttr = ctx.attrs.int('rotary_embedding_dim', 0);
  if (numHeadsAttr < 0) throw ctx.attrs.error(`num_heads must be positive, got ${numHeadsAttr}`, 'num_heads');
  if (rotaryDimAttr < 0) throw ctx.attrs.error(`rotary_embedding_dim must be positive, got ${rotaryDimAttr}`, 'rotary_embedding_dim');
  if (rotaryDimAttr > 0 && numHeadsAttr === 0) {
    throw ctx.attrs.error('num_heads is required with rotary_embedding_dim: the head size cannot be told from the caches then', 'num_heads');
  }
  return (inputs) => {
    const x = tensorInput(inputs, 0, `${OP} input`);
    const posT = tensorInput(inputs, 1, `${OP} position_ids`);
    const cosT = tensorInput(inputs, 2, `${OP} cos_cache`);
    const sinT = tensorInput(inputs, 3, `${OP} sin_cache`);
    if (x.dims.length !== 3 && x.dims.length !== 4) {
      throw new InvalidInputError(`${OP}: input must be 3-D (batch, sequence, hidden) or 4-D (batch, heads, sequence, head size), got [${x.dims}]`, 'input');
    }
    for (const [t, what] of [[cosT, 'cos_cache'], [sinT, 'sin_cache']] as const) {
      if (t.dims.length !== 2) throw new InvalidInputError(`${OP}: ${what} must be 2-D (max positions, rotary dim / 2), got [${t.dims}]`, what);
    }
    if (cosT.dims[0] !== sinT.dims[0] || cosT.dims[1] !== sinT.dims[1]) {
      throw new InvalidInputError(`${OP}: cos_cache [${cosT.dims}] and sin_cache [${sinT.dims}] must have the same shape`, 'sin_cache');
    }
    const half = cosT.dims[1];
    const fourD = x.dims.length === 4;
    const batch = x.dims[0];
    const seq = fourD ? x.dims[2] : x.dims[1];
    let heads: number, headSize: number;
    if (fourD) {
      heads = x.dims[1];
      headSize = x.dims[3];
    } else {
      // without num_heads the caches give the head size: the whole head is rotated
      heads = numHeadsAttr > 0 ? numHeadsAttr : x.dims[2] / (2 * half);
      headSize = x.dims[2] / heads;
      if (!Number.isInteger(heads) || !Number.isInteger(headSize)) {
        throw new InvalidInputError(`${OP}: hidden size ${x.dims[2]} does not split into heads of ${numHeadsAttr > 0 ? `${numHeadsAttr} heads` : `size ${2 * half}`}`, 'input');
      }
    }
    const rotaryDim = rotaryDimAttr > 0 ? rotaryDimAttr : headSize;
    if (rotaryDim > headSize || rotaryDim !== 2 * half) {
      throw new InvalidInputError(
        `${OP}: caches of width ${half} rotate ${2 * half} entries, but the rotary dimension is ${rotaryDim} of a head size ${headSize}`, 'cos_cache',
      );
    }
    const positions = readInts(posT);
    const scalarPosition = posT.size === 1 && posT.dims.length <= 1;
    if (!scalarPosition && (posT.dims.length !== 2 || posT.dims[0] !== batch || posT.dims[1] !== seq)) {
      throw new InvalidInputError(`${OP}: position_ids must be [1] or [${batch}, ${seq}], got [${posT.dims}]`, 'position_ids');
    }
    const rows = cosT.dims[0];
    const positionOf = (b: number, s: number) => {
      const p = scalarPosition ? positions[0] + s : positions[b * seq + s];
      if (p < 0 || p >= rows) throw new InvalidInputError(`${OP}: position ${p} is outside the caches' ${rows} rows`, 'position_ids');
      return p;
    };
    const caches = { cos: floatData(cosT, 'cos_cache'), sin: floatData(sinT, 'sin_cache'), rows, half };
    const y = allocFloat(x.type, x.size);
    y.set(floatData(x, `${OP} input`));
    for (let b = 0; b < batch; b++) {
      for (let s = 0; s < seq; s++) {
        const position = positionOf(b, s);
        for (let n = 0; n < heads; n++) {
          const offset = fourD ? ((b * heads + n) * seq + s) * headSize : ((b * seq + s) * heads + n) * headSize;
          rotateHead(y, offset, position, caches, interleaved);
        }
      }
    }
    return [fromCompute(x.type, y, x.dims)];
  };
}, MICROSOFT_DOMAIN);
