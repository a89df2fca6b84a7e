import { defineOp } from '../define.js';
import { unaryMap } from '../helpers/elementwise.js';
import { tensorInput } from '../helpers/values.js';
import { isBigIntType } from '../../data/dtype.js';
import { ML_DOMAIN } from '../../data/domains.js';

export const Binarizer = [
  defineOp('Binarizer', 1, (ctx) => {
    const threshold = ctx.attrs.float('threshold', 0);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      // NaN is not greater than the threshold, so it maps to 0
      if (isBigIntType(x.type)) return [unaryMap(x, (v: bigint) => (Number(v) > threshold ? 1n : 0n))];
      return [unaryMap(x, (v: number) => (v > threshold ? 1 : 0))];
    };
  }, ML_DOMAIN),
];
