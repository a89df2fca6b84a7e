import type { OnnxValue } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { sequenceInput } from './sequence-values.js';
import { iterationGate } from './iteration-gate.js';

// Runs the body once per element of input_sequence; further sequence inputs are walked in
// step with it, and non-sequence inputs are passed whole to every iteration.
export const SequenceMap = [
  defineOp('SequenceMap', 17, (ctx) => {
    const body = ctx.compileSubgraph(ctx.attrs.required('body', ctx.attrs.graph('body')));
    if (body.inputNames.length !== ctx.node.inputs.length) {
      throw ctx.attrs.error(`body has ${body.inputNames.length} inputs, but the node has ${ctx.node.inputs.length}`, 'body');
    }
    return async (inputs, rt) => {
      const length = sequenceInput(inputs, 0).length;
      inputs.forEach((v, j) => {
        if (Array.isArray(v) && v.length !== length) {
          throw new InvalidInputError(`SequenceMap: input ${j} is a sequence of length ${v.length}, but input_sequence has length ${length}`);
        }
      });
      const outputs: OnnxValue[][] = body.outputNames.map(() => []);
      const gate = iterationGate(rt, ctx.node.name || 'SequenceMap');
      for (let i = 0; i < length; i++) {
        const pause = gate(i);
        if (pause) await pause;
        const feed = inputs.map((v) => (Array.isArray(v) ? v[i] : v)) as OnnxValue[];
        const out = await body.run(feed, rt);
        out.forEach((v, k) => outputs[k].push(v));
      }
      return outputs;
    };
  }),
];
