// classlabels_strings / classlabels_int64s (or _ints) of the ai.onnx.ml classifiers.
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';

export interface ClassLabels {
  strings?: string[];
  ints?: number[];
  count: number;
}

/** `intName` is 'classlabels_int64s' or 'classlabels_ints' depending on the op. */
export function classLabels(ctx: OpContext, intName: string): ClassLabels {
  const strings = ctx.attrs.strings('classlabels_strings');
  const ints = ctx.attrs.ints(intName);
  if (strings && ints) throw ctx.attrs.error(`only one of classlabels_strings and ${intName} may be set`);
  return { strings, ints, count: strings?.length ?? ints?.length ?? 0 };
}

/** Labels for the chosen class positions; with no labels declared, the positions themselves. */
export function labelTensor(labels: ClassLabels, best: ArrayLike<number>): Tensor {
  const n = best.length;
  const check = (i: number) => {
    if (labels.count && i >= labels.count) throw new InvalidInputError(`class ${i} has no label (${labels.count} labels)`);
    return i;
  };
  if (labels.strings) return new Tensor('string', Array.from(best, (i) => labels.strings![check(i)]), [n]);
  const out = new BigInt64Array(n);
  for (let r = 0; r < n; r++) out[r] = BigInt(labels.ints ? labels.ints[check(best[r])] : best[r]);
  return new Tensor('int64', out, [n]);
}
