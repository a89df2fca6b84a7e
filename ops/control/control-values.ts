// Values the control-flow and sequence ops build or check: scalar counters, conditions and
// lengths, and the empty scan output a loop that never ran still has to return.
import type { ValueInfo } from '../../graph/ir.js';
import { allocateData, type DataType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import type { OnnxValue } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';

export function int64Scalar(v: number): Tensor {
  return new Tensor('int64', BigInt64Array.of(BigInt(v)), []);
}

export function boolScalar(v: boolean): Tensor {
  return new Tensor('bool', Uint8Array.of(v ? 1 : 0), []);
}

/** The truth of a single-element bool tensor (If's cond, Loop's cond). */
export function readCondition(v: KernelInput, what: string): boolean {
  if (!(v instanceof Tensor)) throw new InvalidInputError(`${what} must be a bool tensor, got ${v === null || v === undefined ? 'nothing' : 'a sequence or map'}`);
  if (v.size !== 1) throw new InvalidInputError(`${what} must hold exactly one element, got shape [${v.dims}]`);
  return Number(v.data[0] as number) !== 0;
}

/** Element type and (static, else empty) shape a body declares for an output. */
export function declaredTensorType(info: ValueInfo | undefined): { type: DataType; dims: number[] } {
  const t = info?.type;
  const type = t?.kind === 'tensor' ? t.elemType : 'float32';
  const dims = t?.kind === 'tensor' && t.shape?.every((d) => typeof d === 'number') ? (t.shape as number[]) : [];
  return { type, dims: [...dims] };
}

/**
 * The scan output of a loop with zero iterations: an empty tensor with a 0 inserted at
 * `axis`, typed and shaped after the body's declared output where known.
 */
export function emptyScanOutput(info: ValueInfo | undefined, axis = 0): Tensor {
  const { type, dims } = declaredTensorType(info);
  dims.splice(Math.min(axis, dims.length), 0, 0);
  return new Tensor(type, allocateData(type, 0), dims);
}

/** A body output that must be a tensor (scan outputs). */
export function bodyTensor(v: OnnxValue, what: string): Tensor {
  if (!(v instanceof Tensor)) throw new InvalidInputError(`${what} must be a tensor`);
  return v;
}
