// Loop and Scan keep every iteration's scan outputs until the loop ends, then stack them. A
// tiny body run 10^12 times would hold 10^12 small tensors: the stacked shape (and the cost
// of each kept tensor) is checked against the limit as the iterations go, and up front where
// the number of iterations is known, so a hopeless loop stops before it starts, not after.
import type { Graph } from '../../graph/ir.js';
import type { Tensor } from '../../data/tensor.js';
import { checkedOutputShape, checkSequenceLength } from '../helpers/output-shape.js';

/** Refuses scan output `what` once `iterations` per-iteration values like `item` would not fit. */
export function checkScanOutput(item: Tensor, iterations: number, what: string): void {
  checkedOutputShape([iterations, ...item.dims], item.type, what);
  checkSequenceLength(iterations, what);
}

/**
 * Whether a Loop body hands its condition input back unchanged (directly or through
 * Identity), or returns a constant true: then nothing but the trip count ends the loop.
 */
export function bodyKeepsCondition(body: Graph): boolean {
  const condIn = body.inputs[1]?.name;
  let condOut = body.outputs[0]?.name;
  if (condIn === undefined || condOut === undefined) return false;
  for (let hops = 0; hops <= body.nodes.length; hops++) {
    if (condOut === condIn) return true;
    const constant = body.initializers.get(condOut);
    if (constant) return constant.size === 1 && Number(constant.data[0]) !== 0;
    const producer = body.nodes.find((n) => n.outputs.includes(condOut!));
    if (producer?.opType !== 'Identity' || producer.domain !== '') return false;
    condOut = producer.inputs[0];
  }
  return false;
}
