// Tensors that live on a device (location other than 'cpu', e.g. the GPU provider's) at the
// session's boundaries: downloaded for kernels that read host memory and for graph outputs,
// disposed when the session releases them.
import type { KernelInput } from '../../ops/types.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';

export function onDevice(v: unknown): v is Tensor {
  return v instanceof Tensor && v.location !== 'cpu';
}

/** `v` with its data on the host (a device tensor is downloaded into a new host tensor). */
export async function toHost(v: OnnxValue): Promise<OnnxValue> {
  if (!onDevice(v)) return v;
  return new Tensor(v.type, await v.getData(), v.dims);
}

/** Ops that only read their input's dims: a device tensor needs no download for them. */
const READS_DIMS_ONLY = new Set(['Shape', 'Size']);

/** Inputs for a kernel that reads host memory, or undefined when none is on a device (the usual case). */
export function hostInputs(node: { opType: string; domain: string }, inputs: KernelInput[]): Promise<KernelInput[]> | undefined {
  if (!inputs.some(onDevice) || (node.domain === '' && READS_DIMS_ONLY.has(node.opType))) return undefined;
  return Promise.all(inputs.map((v) => (onDevice(v) ? toHost(v) : v)));
}
