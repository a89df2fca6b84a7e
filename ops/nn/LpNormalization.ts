import { defineOpVersions } from '../define.js';
import { axisBlocks } from '../helpers/axis-blocks.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { normalizeAxis } from '../helpers/shape.js';
import { fromCompute, tensorInput } from '../helpers/values.js';

// x / ||x||_p along `axis` (p is 1 or 2). A zero vector stays zero rather than becoming NaN.
export const LpNormalization = defineOpVersions('LpNormalization', [1, 22], (ctx) => {
  const axisAttr = ctx.attrs.int('axis', -1);
  const p = ctx.attrs.int('p', 2);
  if (p !== 1 && p !== 2) throw ctx.attrs.error(`p must be 1 or 2, got ${p}`, 'p');
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    const xv = floatData(x, 'input');
    const y = allocFloat(x.type, x.size);
    if (x.size === 0) return [fromCompute(x.type, y, x.dims)];
    const { outer, size, inner } = axisBlocks(x.dims, normalizeAxis(axisAttr, x.dims.length));
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        const base = o * size * inner + j;
        let acc = 0;
        for (let i = 0; i < size; i++) {
          const v = xv[base + i * inner];
          acc += p === 1 ? Math.abs(v) : v * v;
        }
        const norm = p === 1 ? acc : Math.sqrt(acc);
        const inv = norm === 0 ? 0 : 1 / norm;
        for (let i = 0; i < size; i++) y[base + i * inner] = xv[base + i * inner] * inv;
      }
    }
    return [fromCompute(x.type, y, x.dims)];
  };
});
