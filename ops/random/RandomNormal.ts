import { defineOp } from '../define.js';
import { SeededRandom } from '../helpers/random.js';
import { sizeOf } from '../helpers/shape.js';
import { allocCompute, fromCompute } from '../helpers/values.js';
import { floatDtypeAttr } from './random-dtype.js';

export const RandomNormal = [1, 22].map((since) =>
  defineOp('RandomNormal', since, (ctx) => {
    const type = floatDtypeAttr(ctx, 'float32')!;
    const mean = ctx.attrs.float('mean', 0);
    const scale = ctx.attrs.float('scale', 1);
    const shape = ctx.attrs.required('shape', ctx.attrs.ints('shape'));
    if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw ctx.attrs.error(`shape [${shape}] has a negative dimension`, 'shape');
    const rng = SeededRandom.fromSeedAttribute(ctx.attrs.float('seed'));
    return () => {
      const out = allocCompute(type, sizeOf(shape)) as Float32Array;
      for (let i = 0; i < out.length; i++) out[i] = mean + scale * rng.nextNormal();
      return [fromCompute(type, out, shape)];
    };
  }),
);
