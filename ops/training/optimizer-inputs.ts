// The shared input layout of the ai.onnx.preview.training optimizers: R (learning rate),
// T (update count), then n tensors of each per-parameter group (X..., G..., V..., H...).
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';
import { allocCompute, fromCompute, numbersOf, readScalar, tensorInput } from '../helpers/values.js';
import { sameDims } from '../helpers/shape.js';

export interface OptimizerStep {
  rate: number;
  count: number;
  /** groups[g][i]: the i-th tensor of group g (X, G, then the op's state tensors). */
  groups: Tensor[][];
}

export function readOptimizerInputs(op: string, inputs: KernelInput[], groupCount: number): OptimizerStep {
  const rest = inputs.length - 2;
  if (rest <= 0 || rest % groupCount !== 0) {
    throw new InvalidInputError(`${op}: expected R, T and ${groupCount} tensors per optimized parameter, got ${inputs.length} inputs`);
  }
  const n = rest / groupCount;
  const groups: Tensor[][] = [];
  for (let g = 0; g < groupCount; g++) {
    groups.push(Array.from({ length: n }, (_, i) => tensorInput(inputs, 2 + g * n + i, `input ${2 + g * n + i}`)));
  }
  for (let i = 0; i < n; i++) {
    for (let g = 1; g < groupCount; g++) {
      if (!sameDims(groups[g][i].dims, groups[0][i].dims)) {
        throw new InvalidInputError(`${op}: tensor ${i} of group ${g} has shape [${groups[g][i].dims}], expected [${groups[0][i].dims}] like X`);
      }
    }
  }
  return { rate: readScalar(tensorInput(inputs, 0, 'R')), count: readScalar(tensorInput(inputs, 1, 'T')), groups };
}

/** Runs `update` per element of parameter i; `outs` are new tensors shaped like X, of X's type. */
export function updateParameter(
  x: Tensor,
  sources: Tensor[],
  outCount: number,
  update: (values: number[], out: number[]) => void,
): Tensor[] {
  const views = [x, ...sources].map((t) => numbersOf(t));
  const outs = Array.from({ length: outCount }, () => allocCompute(x.type, x.size) as Float32Array);
  const vals = new Array<number>(views.length);
  const res = new Array<number>(outCount);
  for (let e = 0; e < x.size; e++) {
    for (let k = 0; k < views.length; k++) vals[k] = views[k][e];
    update(vals, res);
    for (let k = 0; k < outCount; k++) outs[k][e] = res[k];
  }
  return outs.map((o) => fromCompute(x.type, o, x.dims));
}
