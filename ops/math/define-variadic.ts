// Sum, Max, Min and Mean take one or more inputs, broadcast together; folding the inputs
// pairwise with the two-input kernel gives the same result, since broadcasting composes.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import type { KernelInput, OpDefinition } from '../types.js';
import { type BinaryKernel, applyBinary } from './define-binary.js';

export function foldInputs(opType: string, inputs: KernelInput[], kernel: BinaryKernel): Tensor {
  if (inputs.length === 0) throw new InvalidInputError(`${opType} needs at least one input`);
  const tensors = inputs.map((_, i) => tensorInput(inputs, i, `${opType} input ${i}`));
  if (!kernel.scalar(tensors[0].type, tensors[0].type)) {
    throw new InvalidInputError(`${opType} does not take ${tensors[0].type} tensors`, undefined, undefined, tensors[0].type);
  }
  let acc = tensors[0];
  for (let i = 1; i < tensors.length; i++) acc = applyBinary(opType, acc, tensors[i], kernel);
  return acc;
}

/** Versions 1 and 6 had no broadcasting (8 added it); broadcasting same-shape inputs changes nothing. */
export function defineVariadic(opType: string, versions: number[], kernel: BinaryKernel): OpDefinition[] {
  return versions.map((since) => defineOp(opType, since, () => (inputs) => [foldInputs(opType, inputs, kernel)]));
}
