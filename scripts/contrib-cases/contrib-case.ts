// One case of the contrib conformance suite: a small model and its inputs. The generator
// (scripts/make-contrib-cases.ts) runs each case on onnxruntime-node to get the reference
// outputs and writes it in the ONNX backend-test layout under onnx-conformance/contrib/.
import type { Model } from '../../graph/ir.js';
import type { Tensor } from '../../data/tensor.js';

export interface ContribCase {
  /** The case folder: test_<op>_<variant>, lower snake case like the ONNX suite. */
  name: string;
  /** The op the case exercises, as the registry names it (for the suite's per-op table). */
  op: string;
  model: Model;
  /** One tensor per graph input, in order (an omitted optional input is simply not a graph input). */
  inputs: Tensor[];
  /** Tolerances when the default (rtol 1e-3, atol 1e-4; float16 outputs 1e-2) does not fit. */
  tolerance?: { rtol: number; atol: number };
}
