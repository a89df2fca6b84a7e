import { defineOp } from '../define.js';
import { SeededRandom } from '../helpers/random.js';
import { allocCompute, fromCompute, tensorInput } from '../helpers/values.js';
import { isFloatType } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { floatDtypeAttr } from './random-dtype.js';

export const RandomUniformLike = [1, 22].map((since) =>
  defineOp('RandomUniformLike', since, (ctx) => {
    const dtype = floatDtypeAttr(ctx, undefined);
    const low = ctx.attrs.float('low', 0);
    const high = ctx.attrs.float('high', 1);
    const rng = SeededRandom.fromSeedAttribute(ctx.attrs.float('seed'));
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const type = dtype ?? x.type;
      if (!isFloatType(type)) throw new InvalidInputError(`RandomUniformLike: output type ${type} is not a float type; set dtype`);
      const out = allocCompute(type, x.size) as Float32Array;
      for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * rng.nextFloat();
      return [fromCompute(type, out, x.dims)];
    };
  }),
);
