import { defineOp } from '../define.js';
import { normalizeAxis } from '../helpers/shape.js';
import { sliceTensor } from '../helpers/strided-copy.js';
import { optionalTensorInput, readInts, tensorInput } from '../helpers/values.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelFn, OpContext } from '../types.js';

/** Part lengths when no `split` is given: equal parts, or (opset 18 `uneven`) ceil-sized with a shorter last one. */
function equalParts(length: number, parts: number, uneven: boolean): number[] {
  if (parts < 1) throw new InvalidInputError(`Split: cannot split into ${parts} parts`);
  if (!uneven) {
    if (length % parts !== 0) throw new InvalidInputError(`Split: axis of length ${length} does not split into ${parts} equal parts`);
    return new Array<number>(parts).fill(length / parts);
  }
  const chunk = Math.ceil(length / parts);
  return Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(chunk, length - i * chunk)));
}

function split(x: Tensor, axisAttr: number, lengths: number[], outputs: number): Tensor[] {
  const axis = normalizeAxis(axisAttr, x.dims.length, 'Split axis');
  const total = lengths.reduce((a, b) => a + b, 0);
  if (lengths.some((l) => !Number.isInteger(l) || l < 0) || total !== x.dims[axis]) {
    throw new InvalidInputError(`Split: split [${lengths}] does not sum to the length ${x.dims[axis]} of axis ${axis}`);
  }
  if (lengths.length !== outputs) throw new InvalidInputError(`Split: split has ${lengths.length} parts but the node has ${outputs} outputs`);
  const out: Tensor[] = [];
  const starts = x.dims.map(() => 0);
  const steps = x.dims.map(() => 1);
  for (const l of lengths) {
    const dims = [...x.dims];
    dims[axis] = l;
    out.push(sliceTensor(x, starts, steps, dims));
    starts[axis] += l;
  }
  return out;
}

function kernelFor(ctx: OpContext, since: number): KernelFn {
  const axis = ctx.attrs.int('axis', 0);
  const outputs = ctx.node.outputs.length;
  const splitAttr = ctx.attrs.ints('split');
  const numOutputs = since >= 18 ? ctx.attrs.int('num_outputs') : undefined;
  if (numOutputs !== undefined && numOutputs !== outputs) {
    throw ctx.attrs.error(`num_outputs is ${numOutputs} but the node has ${outputs} outputs`, 'num_outputs');
  }
  // Split-1 took `split` as an attribute or a second input; 2-12 as an attribute; 13+ as an input
  const splitFromInput = since === 1 || since >= 13;
  const splitFromAttr = since < 13;
  return (inputs) => {
    const x = tensorInput(inputs, 0, 'input');
    const splitT = splitFromInput ? optionalTensorInput(inputs, 1) : undefined;
    let lengths = splitT ? readInts(splitT) : splitFromAttr ? splitAttr : undefined;
    if (splitT && splitT.size > 0 && numOutputs !== undefined) throw new InvalidInputError('Split: give either the split input or num_outputs, not both');
    if (lengths === undefined || lengths.length === 0) {
      const a = normalizeAxis(axis, x.dims.length, 'Split axis');
      lengths = equalParts(x.dims[a], outputs, since >= 18);
    }
    return split(x, axis, lengths, outputs);
  };
}

export const Split = [1, 2, 11, 13, 18].map((since) => defineOp('Split', since, (ctx) => kernelFor(ctx, since)));
