import { defineOp } from '../define.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { readMapInput } from './map-input.js';
import { ML_DOMAIN } from '../../data/domains.js';

// A map int64 → (string | float) → [1, n] tensor ordered by key. DENSE: one column per entry;
// SPARSE: max_map columns, the key is the column (absent keys: 0, or "" for strings).
export const CastMap = [
  defineOp('CastMap', 1, (ctx) => {
    const castTo = ctx.attrs.string('cast_to', 'TO_FLOAT');
    if (!['TO_FLOAT', 'TO_STRING', 'TO_INT64'].includes(castTo)) throw ctx.attrs.error(`unknown cast_to "${castTo}"`, 'cast_to');
    const form = ctx.attrs.string('map_form', 'DENSE');
    if (form !== 'DENSE' && form !== 'SPARSE') throw ctx.attrs.error(`map_form must be DENSE or SPARSE, got "${form}"`, 'map_form');
    const maxMap = ctx.attrs.int('max_map', 1);
    return (inputs) => {
      const { keys, values } = readMapInput('CastMap', inputs, 0);
      if (keys.some((k) => typeof k !== 'bigint')) throw new InvalidInputError('CastMap: map keys must be int64');
      const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
      const width = form === 'DENSE' ? keys.length : maxMap;
      const cells: (string | number | bigint | undefined)[] = new Array(width);
      order.forEach((i, rank) => {
        const col = form === 'DENSE' ? rank : Number(keys[i]);
        if (col < 0 || col >= width) throw new InvalidInputError(`CastMap: key ${keys[i]} is outside [0, max_map = ${maxMap})`);
        cells[col] = values[i];
      });
      if (castTo === 'TO_STRING') return [new Tensor('string', Array.from(cells, (v) => (v === undefined ? '' : String(v))), [1, width])];
      const nums = Array.from(cells, (v) => (v === undefined ? 0 : Number(v)));
      if (castTo === 'TO_INT64') return [new Tensor('int64', BigInt64Array.from(nums, (v) => BigInt(Math.trunc(v))), [1, width])];
      return [new Tensor('float32', Float32Array.from(nums), [1, width])];
    };
  }, ML_DOMAIN),
];
