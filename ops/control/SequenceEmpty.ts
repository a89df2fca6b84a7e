import { dataTypeFromCode } from '../../data/dtype.js';
import { defineOp } from '../define.js';

// The element type (dtype, default float) only matters to type inference: an empty sequence
// is an empty array here.
export const SequenceEmpty = [
  defineOp('SequenceEmpty', 11, (ctx) => {
    const dtype = ctx.attrs.int('dtype', 1);
    if (!dataTypeFromCode(dtype)) throw ctx.attrs.error(`dtype ${dtype} is not a tensor element type`, 'dtype');
    return () => [[]];
  }),
];
