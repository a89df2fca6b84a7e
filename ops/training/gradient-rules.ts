// Backward rules of the ops Gradient can differentiate through. A rule gets the node, the
// forward values of its inputs and outputs, the gradient of its (first) output, which
// inputs need a gradient and the raw input values (for non-differentiable inputs such as
// axes), and returns one gradient per input (undefined where not needed or not
// differentiable, such as Reshape's shape).
import type { Node } from '../../graph/ir.js';
import type { OnnxValue } from '../../data/tensor.js';
import { AttributeReader } from '../attributes.js';
import { broadcastShapes, stridesOf } from '../helpers/shape.js';
import { matmulGradients } from './gradient-matmul.js';
import { reduceMeanGradient, reduceSumGradient } from './gradient-reduce.js';
import { type Dense, broadcastTo, reduceTo } from './gradient-values.js';

export type GradientRule = (
  node: Node, inputs: readonly (Dense | undefined)[], outputs: readonly (Dense | undefined)[], gy: Dense, need: readonly boolean[],
  raw: readonly (OnnxValue | undefined)[],
) => (Dense | undefined)[];

/** Elementwise: dX = dY * f(x, y) for each element. */
function unary(derivative: (x: number, y: number) => number): GradientRule {
  return (_node, [x], [y], gy) => {
    const out = new Float64Array(gy.data.length);
    const xd = x!.data, yd = y!.data, g = gy.data;
    for (let i = 0; i < out.length; i++) out[i] = g[i] * derivative(xd[i], yd[i]);
    return [{ data: out, dims: x!.dims }];
  };
}

/**
 * Broadcasting binary op: the partial derivatives d(out)/da and d(out)/db at each output
 * element, times dY, summed back to each operand's shape.
 */
function binary(da: (a: number, b: number) => number, db: (a: number, b: number) => number): GradientRule {
  return (_node, [a, b], _outputs, gy, need) => {
    const dims = broadcastShapes(a!.dims, b!.dims);
    const av = broadcastTo(a!, dims), bv = broadcastTo(b!, dims), g = gy.data;
    const side = (f: (a: number, b: number) => number, shape: readonly number[]) => {
      const out = new Float64Array(g.length);
      for (let i = 0; i < out.length; i++) out[i] = g[i] * f(av[i], bv[i]);
      return reduceTo({ data: out, dims }, shape);
    };
    return [need[0] ? side(da, a!.dims) : undefined, need[1] ? side(db, b!.dims) : undefined];
  };
}

function passThrough(_node: Node, inputs: readonly (Dense | undefined)[], _outputs: readonly (Dense | undefined)[], gy: Dense): (Dense | undefined)[] {
  return [{ data: gy.data, dims: inputs[0]!.dims }];
}

function transposeGradient(node: Node, [x]: readonly (Dense | undefined)[], _o: readonly (Dense | undefined)[], gy: Dense): (Dense | undefined)[] {
  const rank = x!.dims.length;
  const perm = new AttributeReader(node).ints('perm') ?? [...Array(rank).keys()].reverse();
  // y[..., i_a, ...] = x[... at perm[a] ...]: scatter each gradient element back to x's index
  const xStrides = stridesOf(x!.dims);
  const yDims = gy.dims;
  const out = new Float64Array(gy.data.length);
  const counter = new Array<number>(rank).fill(0);
  let xi = 0;
  for (let i = 0; i < gy.data.length; i++) {
    out[xi] = gy.data[i];
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      xi += xStrides[perm[ax]];
      if (counter[ax] < yDims[ax]) break;
      xi -= xStrides[perm[ax]] * counter[ax];
      counter[ax] = 0;
    }
  }
  return [{ data: out, dims: x!.dims }];
}

export const GRADIENT_RULES: ReadonlyMap<string, GradientRule> = new Map<string, GradientRule>([
  ['Identity', passThrough],
  ['Reshape', passThrough],
  ['Flatten', passThrough],
  ['Squeeze', passThrough],
  ['Unsqueeze', passThrough],
  ['Transpose', transposeGradient],
  ['Neg', unary(() => -1)],
  ['Relu', unary((x) => (x > 0 ? 1 : 0))],
  ['Sigmoid', unary((_x, y) => y * (1 - y))],
  ['Tanh', unary((_x, y) => 1 - y * y)],
  ['Exp', unary((_x, y) => y)],
  ['Log', unary((x) => 1 / x)],
  ['Sqrt', unary((_x, y) => 0.5 / y)],
  ['Add', binary(() => 1, () => 1)],
  ['Sub', binary(() => 1, () => -1)],
  ['Mul', binary((_a, b) => b, (a) => a)],
  ['Div', binary((_a, b) => 1 / b, (a, b) => -a / (b * b))],
  ['Sum', (_node, inputs, _outputs, gy, need) => inputs.map((x, i) => (need[i] ? reduceTo(gy, x!.dims) : undefined))],
  ['MatMul', (_node, [a, b], _outputs, gy, need) => matmulGradients(a!, b!, gy, need)],
  ['ReduceSum', (node, [x], _outputs, gy, _need, raw) => [reduceSumGradient(node, x!, raw[1], gy)]],
  ['ReduceMean', (node, [x], _outputs, gy, _need, raw) => [reduceMeanGradient(node, x!, raw[1], gy)]],
]);

/** Inputs that carry no gradient whatever feeds them (shapes and axes given as tensors). */
export const NON_DIFFERENTIABLE_INPUTS: ReadonlyMap<string, readonly number[]> = new Map([
  ['Reshape', [1]],
  ['Squeeze', [1]],
  ['Unsqueeze', [1]],
  ['ReduceSum', [1]],
  ['ReduceMean', [1]],
]);
