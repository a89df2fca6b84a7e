// Builds a contrib case around one node: the fed inputs become graph inputs (with their
// tensors' shapes), constant ones become initializers, '' skips an optional input.
import type { DataType } from '../../data/dtype.js';
import type { Tensor } from '../../data/tensor.js';
import { type AttributeInput, GraphBuilder } from '../../graph/graph-builder.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import type { ContribCase } from './contrib-case.js';

export interface NodeInput {
  name: string;
  value: Tensor;
  /** Written as an initializer instead of being fed (weights, as exporters write them). */
  constant?: boolean;
}

export interface SingleNodeSpec {
  name: string;
  op: string;
  /** Default com.microsoft. */
  domain?: string;
  /** null: an omitted optional input (the node gets ''). */
  inputs: (NodeInput | null)[];
  /** Output names and element types; '' as a name skips an optional output. */
  outputs: { name: string; type: DataType }[];
  attributes?: Record<string, AttributeInput>;
  /** Opset of ai.onnx (default 17); com.microsoft is always 1. */
  opset?: number;
  tolerance?: { rtol: number; atol: number };
}

export function singleNodeCase(spec: SingleNodeSpec): ContribCase {
  const b = new GraphBuilder(spec.name);
  const fed: Tensor[] = [];
  const inputNames = spec.inputs.map((i) => {
    if (!i) return '';
    if (i.constant) b.initializer(i.name, i.value);
    else {
      b.input(i.name, i.value.type, [...i.value.dims]);
      fed.push(i.value);
    }
    return i.name;
  });
  // trailing omitted inputs are dropped, as exporters write them
  while (inputNames.length > 0 && inputNames[inputNames.length - 1] === '') inputNames.pop();
  const outputNames = spec.outputs.map((o) => o.name);
  while (outputNames.length > 0 && outputNames[outputNames.length - 1] === '') outputNames.pop();
  const domain = spec.domain ?? MICROSOFT_DOMAIN;
  b.node(spec.op, inputNames, spec.attributes ?? {}, { name: spec.op, outputs: outputNames, domain });
  for (const o of spec.outputs) if (o.name) b.output(o.name, o.type);
  const opsets: Record<string, number> = { '': spec.opset ?? 17 };
  if (domain !== '') opsets[domain] = 1;
  return { name: spec.name, op: spec.op, model: b.model(opsets), inputs: fed, ...(spec.tolerance ? { tolerance: spec.tolerance } : {}) };
}
