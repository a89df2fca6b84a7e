import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { allocFloat, floatData } from '../helpers/float-data.js';
import { MersenneTwister, randomSeed } from '../helpers/mersenne-twister.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { fromCompute, optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import type { KernelInput } from '../types.js';

/** Inference: Y = X and, when asked for, a mask of ones (float before opset 10, bool after). */
function identityOutputs(x: Tensor, wantMask: boolean, boolMask: boolean): (Tensor | null)[] {
  if (!wantMask) return [x];
  if (boolMask) return [x, new Tensor('bool', new Uint8Array(x.size).fill(1), x.dims)];
  const ones = allocFloat(x.type, x.size).fill(1);
  return [x, fromCompute(x.type, ones, x.dims)];
}

// Opsets 1-11 run in inference mode. (Opsets 1 and 6 describe a random dropout when is_test
// is 0, the default; models of that era left it unset for inference, and the ONNX reference
// runtime treats every pre-12 Dropout as inference, as we do.)
const legacy = [1, 6, 7, 10].map((since) =>
  defineOp('Dropout', since, (ctx) => {
    const wantMask = outputRequested(ctx.node, 1);
    return (inputs) => [...identityOutputs(tensorInput(inputs, 0, 'data'), wantMask, since >= 10)];
  }),
);

function scalarBool(inputs: KernelInput[], index: number): boolean {
  const t = optionalTensorInput(inputs, index);
  if (!t) return false;
  if (t.size !== 1) throw new InvalidInputError(`training_mode must be a scalar, got shape [${t.dims}]`);
  return (t.data as Uint8Array)[0] !== 0;
}

// From opset 12, ratio and training_mode are inputs. In training mode each element is kept
// with probability 1 - ratio and scaled by 1 / (1 - ratio). The generator is seeded once per
// node (from `seed`, or randomly), so successive runs draw fresh masks; with numpy's MT19937
// stream, a seeded node's first mask matches numpy-based references.
const current = [12, 13, 22].map((since) =>
  defineOp('Dropout', since, (ctx) => {
    const seedAttr = ctx.attrs.int('seed');
    const rng = new MersenneTwister(seedAttr ?? randomSeed());
    const wantMask = outputRequested(ctx.node, 1);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'data');
      const ratioT = optionalTensorInput(inputs, 1);
      const ratio = ratioT ? readScalar(ratioT) : 0.5;
      const training = scalarBool(inputs, 2);
      if (!training || ratio === 0) return identityOutputs(x, wantMask, true);
      if (!(ratio >= 0 && ratio <= 1)) throw new InvalidInputError(`ratio must be in [0, 1), got ${ratio}`);
      const xv = floatData(x, 'data');
      const y = allocFloat(x.type, x.size);
      const mask = new Uint8Array(x.size);
      const scale = ratio === 1 ? 0 : 1 / (1 - ratio);
      for (let i = 0; i < x.size; i++) {
        if (rng.nextDouble() >= ratio) {
          mask[i] = 1;
          y[i] = xv[i] * scale;
        }
      }
      const out = fromCompute(x.type, y, x.dims);
      return wantMask ? [out, new Tensor('bool', mask, x.dims)] : [out];
    };
  }),
);

export const Dropout = [...legacy, ...current];
