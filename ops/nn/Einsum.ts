import { isBigIntType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';
import { allocCompute, computeView, fromCompute, tensorInput } from '../helpers/values.js';
import { type EinsumPlan, parseEinsum } from './einsum-equation.js';

interface Loop {
  /** Size of each label in loop order: output labels first, then summed ones. */
  sizes: number[];
  /** strides[k][i]: operand k's element stride for loop label i (0 when it lacks it or broadcasts). */
  strides: number[][];
  outDims: number[];
  outCount: number;
  sumCount: number;
}

function planLoop(plan: EinsumPlan, inputs: Tensor[]): Loop {
  const size = new Map<number, number>();
  plan.operands.forEach((labels, k) => {
    labels.forEach((l, axis) => {
      const d = inputs[k].dims[axis];
      const prev = size.get(l);
      if (prev === undefined || prev === 1) size.set(l, d);
      else if (d !== prev && d !== 1) {
        throw new InvalidInputError(`Einsum: dimension ${axis} of input ${k} is ${d} but the same label has size ${prev} elsewhere`);
      }
    });
  });
  const summed = [...size.keys()].filter((l) => !plan.output.includes(l)).sort((a, b) => a - b);
  const order = [...plan.output, ...summed];
  const sizes = order.map((l) => size.get(l)!);
  const strides = plan.operands.map((labels, k) => {
    const dims = inputs[k].dims;
    const st = new Array<number>(order.length).fill(0);
    let acc = 1;
    for (let axis = labels.length - 1; axis >= 0; axis--) {
      // repeated labels add their strides: the loop walks the diagonal
      if (dims[axis] !== 1 || size.get(labels[axis]) === 1) st[order.indexOf(labels[axis])] += acc;
      acc *= dims[axis];
    }
    return st;
  });
  const outDims = plan.output.map((l) => size.get(l)!);
  const outCount = outDims.reduce((p, d) => p * d, 1);
  const sumCount = summed.reduce((p, l) => p * size.get(l)!, 1);
  return { sizes, strides, outDims, outCount, sumCount };
}

/**
 * output[out labels] = sum over the other labels of the product of the operands, walking the
 * full label space with an odometer (output labels outermost, so each output element's sum
 * is finished before the next).
 */
function contract(loop: Loop, views: ArrayLike<number | bigint>[], out: { [i: number]: number | bigint }, big: boolean): void {
  const { sizes, strides, outCount, sumCount } = loop;
  const nLabels = sizes.length;
  const nOps = views.length;
  const counter = new Array<number>(nLabels).fill(0);
  const offsets = new Array<number>(nOps).fill(0);
  if (sumCount === 0 || outCount === 0) return;
  for (let o = 0; o < outCount; o++) {
    let acc: number | bigint = big ? 0n : 0;
    for (let s = 0; s < sumCount; s++) {
      if (big) {
        let prod = 1n;
        for (let k = 0; k < nOps; k++) prod *= views[k][offsets[k]] as bigint;
        acc = (acc as bigint) + prod;
      } else {
        let prod = 1;
        for (let k = 0; k < nOps; k++) prod *= views[k][offsets[k]] as number;
        acc = (acc as number) + prod;
      }
      // advance the odometer from the innermost label
      for (let i = nLabels - 1; i >= 0; i--) {
        counter[i]++;
        for (let k = 0; k < nOps; k++) offsets[k] += strides[k][i];
        if (counter[i] < sizes[i]) break;
        for (let k = 0; k < nOps; k++) offsets[k] -= strides[k][i] * sizes[i];
        counter[i] = 0;
      }
    }
    out[o] = acc;
  }
}

export const Einsum = defineOpVersions('Einsum', [12, 28], (ctx) => {
  const equation = ctx.attrs.required('equation', ctx.attrs.string('equation'));
  return (inputs) => {
    if (inputs.length === 0) throw new InvalidInputError('Einsum needs at least one input');
    const tensors = inputs.map((_, i) => tensorInput(inputs, i, `Inputs[${i}]`));
    const type = tensors[0].type;
    if (tensors.some((t) => t.type !== type)) throw new InvalidInputError('Einsum: all inputs must have the same type');
    const plan = parseEinsum(equation, tensors.map((t) => t.dims.length));
    const loop = planLoop(plan, tensors);
    const out = allocCompute(type, loop.outCount);
    const views = tensors.map((t) => computeView(t) as ArrayLike<number | bigint>);
    contract(loop, views, out as unknown as { [i: number]: number | bigint }, isBigIntType(type));
    return [fromCompute(type, out, loop.outDims)];
  };
});
