import { isFloatType } from '../../data/dtype.js';
import type { OnnxValue } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { floatTensor } from '../helpers/float-data.js';
import { sizeOf } from '../helpers/shape.js';
import { isTensorValue, tensorInput } from '../helpers/values.js';
import { planGradient } from './gradient-path.js';
import { GRADIENT_RULES, NON_DIFFERENTIABLE_INPUTS } from './gradient-rules.js';
import { type Dense, accumulate, denseOf, filled } from './gradient-values.js';
import { TRAINING_DOMAIN } from '../../data/domains.js';

/**
 * ai.onnx.preview.training Gradient-1: dY/dX for each X named in "xs", where "y" is computed by
 * nodes of the same graph from the tensors named in "xs" and "zs". The node's inputs are the
 * values of xs then zs to evaluate at (they need not be the graph's current values), so the
 * forward path is recomputed from them, then differentiated in reverse mode in float64.
 * A non-scalar y is seeded with ones: each output is the gradient of the sum of y's elements.
 * Nodes on the path from xs to y must have a backward rule (gradient-rules.ts); the check is
 * made when the session is created.
 */
export const Gradient = [
  defineOp('Gradient', 1, (ctx) => {
    const { attrs, node } = ctx;
    const xs = attrs.required('xs', attrs.strings('xs'));
    const zs = attrs.strings('zs', []);
    const y = attrs.required('y', attrs.string('y'));
    if (!ctx.graph) throw attrs.error('needs the graph it belongs to, which this context does not provide');
    if (node.inputs.length !== xs.length + zs.length) {
      throw attrs.error(`has ${node.inputs.length} inputs, but xs and zs name ${xs.length + zs.length} tensors`);
    }
    if (node.outputs.length > xs.length) {
      throw attrs.error(`has ${node.outputs.length} outputs, but xs names only ${xs.length} tensors`);
    }
    const plan = planGradient(ctx.graph, node, xs, zs, y, (msg) => attrs.error(msg));
    const forward = ctx.compileSubgraph(plan.forward);

    return async (inputs, rt) => {
      const given = inputs.map((_, i) => tensorInput(inputs, i, `input ${i} ("${i < xs.length ? xs[i] : zs[i - xs.length]}")`));
      const computed = await forward.run(given, rt);
      const values = new Map<string, OnnxValue>();
      forward.outputNames.forEach((name, i) => values.set(name, computed[i]));
      const dense = new Map<string, Dense>();
      const denseValue = (name: string): Dense => {
        let d = dense.get(name);
        if (!d) {
          const v = values.get(name);
          if (!isTensorValue(v)) throw new InvalidInputError(`Gradient: "${name}" must be a tensor to differentiate through it`);
          d = denseOf(v, `"${name}"`);
          dense.set(name, d);
        }
        return d;
      };

      const grads = new Map<string, Dense>();
      const yValue = denseValue(y);
      grads.set(y, filled(yValue.dims, 1));
      for (const n of plan.backward) {
        const gy = grads.get(n.outputs[0]);
        if (!gy) continue;
        const skip = NON_DIFFERENTIABLE_INPUTS.get(n.opType) ?? [];
        const need = n.inputs.map((name, i) => name !== '' && !skip.includes(i) && plan.differentiable.has(name));
        const ins = n.inputs.map((name, i) => (name === '' || skip.includes(i) ? undefined : denseValue(name)));
        const outs = n.outputs.map((name) => (name === '' ? undefined : denseValue(name)));
        const raw = n.inputs.map((name) => (name === '' ? undefined : values.get(name)));
        const gIn = GRADIENT_RULES.get(n.opType)!(n, ins, outs, gy, need, raw);
        n.inputs.forEach((name, i) => {
          const g = gIn[i];
          if (need[i] && g) grads.set(name, accumulate(grads.get(name), g));
        });
      }

      return node.outputs.map((name, i) => {
        if (name === '') return null;
        const x = given[i];
        const g = grads.get(xs[i]);
        if (g && sizeOf(g.dims) !== x.size) {
          throw new InvalidInputError(`Gradient: the gradient of "${xs[i]}" has shape [${g.dims}], expected [${x.dims}]`);
        }
        if (!isFloatType(x.type)) throw new InvalidInputError(`Gradient: x "${xs[i]}" must be a floating-point tensor, got ${x.type}`);
        return floatTensor(x.type, g ? g.data : new Float64Array(x.size), x.dims);
      });
    };
  }, TRAINING_DOMAIN),
];
