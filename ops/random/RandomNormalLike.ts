import { defineOp } from '../define.js';
import { SeededRandom } from '../helpers/random.js';
import { allocCompute, fromCompute, tensorInput } from '../helpers/values.js';
import { isFloatType } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { floatDtypeAttr } from './random-dtype.js';

export const RandomNormalLike = [1, 22].map((since) =>
  defineOp('RandomNormalLike', since, (ctx) => {
    const dtype = floatDtypeAttr(ctx, undefined);
    const mean = ctx.attrs.float('mean', 0);
    const scale = ctx.attrs.float('scale', 1);
    const rng = SeededRandom.fromSeedAttribute(ctx.attrs.float('seed'));
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'input');
      const type = dtype ?? x.type;
      if (!isFloatType(type)) throw new InvalidInputError(`RandomNormalLike: output type ${type} is not a float type; set dtype`);
      const out = allocCompute(type, x.size) as Float32Array;
      for (let i = 0; i < out.length; i++) out[i] = mean + scale * rng.nextNormal();
      return [fromCompute(type, out, x.dims)];
    };
  }),
);
