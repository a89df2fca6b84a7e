import { defineOp } from '../define.js';
import { SeededRandom } from '../helpers/random.js';
import { sizeOf } from '../helpers/shape.js';
import { allocCompute, fromCompute } from '../helpers/values.js';
import { floatDtypeAttr } from './random-dtype.js';

export const RandomUniform = [1, 22].map((since) =>
  defineOp('RandomUniform', since, (ctx) => {
    const type = floatDtypeAttr(ctx, 'float32')!;
    const low = ctx.attrs.float('low', 0);
    const high = ctx.attrs.float('high', 1);
    const shape = ctx.attrs.required('shape', ctx.attrs.ints('shape'));
    if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw ctx.attrs.error(`shape [${shape}] has a negative dimension`, 'shape');
    const rng = SeededRandom.fromSeedAttribute(ctx.attrs.float('seed'));
    return () => {
      const out = allocCompute(type, sizeOf(shape)) as Float32Array;
      for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * rng.nextFloat();
      return [fromCompute(type, out, shape)];
    };
  }),
);
