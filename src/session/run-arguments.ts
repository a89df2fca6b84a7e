// session.run(feeds, fetches?, options?) as onnxruntime-common reads its arguments: fetches as
// output names, or as a record of output name → null or a pre-allocated tensor, which the run
// fills in place and returns (the same object, as onnxruntime does).
import { InvalidInputError } from '../../data/errors.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import type { TypedArray } from '../../data/dtype.js';
import { elementsPerByte } from '../../data/sub-byte.js';
import { isForeignTensor } from './foreign-tensor.js';
import type { RunOptions } from './session-options.js';

/** A CPU tensor to write an output into: ours, or one of onnxruntime-common's shape. */
export interface PreallocatedOutput {
  readonly type: string;
  readonly dims: readonly number[];
  readonly location?: string;
  readonly data?: unknown;
}

export interface RunRequest {
  /** Outputs to return, in the model's order. */
  wanted: readonly string[];
  /** Outputs to write into the caller's tensors. */
  preallocated: ReadonlyMap<string, PreallocatedOutput>;
  options: RunOptions;
}

const isTensorLike = (v: unknown): v is PreallocatedOutput => v instanceof Tensor || isForeignTensor(v);

function optionsArgument(v: unknown): RunOptions {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null) {
    throw new InvalidInputError(`session.run: options must be an object, got ${v === null ? 'null' : typeof v}`, 'options', 'an object', v === null ? 'null' : typeof v);
  }
  return v as RunOptions;
}

function unknownOutput(name: string, outputNames: readonly string[]): InvalidInputError {
  return new InvalidInputError(`"${name}" is not an output of this model. Outputs: ${outputNames.join(', ')}`, name);
}

/**
 * Which overload a run() call used. An object second argument is fetches when any of its values
 * is null or a tensor (RunOptions has neither); then every key must name an output, where
 * onnxruntime would silently take a misspelt record for options.
 */
export function runRequest(outputNames: readonly string[], arg1: unknown, arg2: unknown): RunRequest {
  const none = new Map<string, PreallocatedOutput>();
  if (arg1 === undefined) return { wanted: outputNames, preallocated: none, options: optionsArgument(arg2) };
  if (typeof arg1 !== 'object' || arg1 === null) {
    throw new InvalidInputError(`session.run: the second argument must be fetches or options, got ${arg1 === null ? 'null' : typeof arg1}`, 'fetches', 'string[], a record of outputs, or options', arg1 === null ? 'null' : typeof arg1);
  }
  if (isTensorLike(arg1)) throw new InvalidInputError('session.run: fetches cannot be a Tensor; give { outputName: tensor }', 'fetches', 'string[] or a record', 'a Tensor');
  if (Array.isArray(arg1)) {
    if (arg1.length === 0) throw new InvalidInputError('session.run: fetches cannot be an empty array', 'fetches', 'at least one output name', '[]');
    for (const name of arg1) {
      if (typeof name !== 'string') throw new InvalidInputError(`session.run: fetches must be output names, got ${typeof name}`, 'fetches', 'string', typeof name);
      if (!outputNames.includes(name)) throw unknownOutput(name, outputNames);
    }
    return { wanted: outputNames.filter((n) => arg1.includes(n)), preallocated: none, options: optionsArgument(arg2) };
  }
  const entries = Object.entries(arg1 as Record<string, unknown>);
  if (!entries.some(([, v]) => v === null || isTensorLike(v))) return { wanted: outputNames, preallocated: none, options: arg1 as RunOptions };
  const preallocated = new Map<string, PreallocatedOutput>();
  for (const [name, v] of entries) {
    if (!outputNames.includes(name)) throw unknownOutput(name, outputNames);
    if (v === null) continue;
    if (!isTensorLike(v)) {
      throw new InvalidInputError(`session.run: fetches["${name}"] must be null or a pre-allocated Tensor`, name, 'null | Tensor', typeof v);
    }
    preallocated.set(name, v);
  }
  return { wanted: outputNames.filter((n) => Object.hasOwn(arg1, n)), preallocated, options: optionsArgument(arg2) };
}

function describe(t: { type: string; dims: readonly number[] }): string {
  return `${t.type} [${t.dims}]`;
}

/** Writes `value` into the caller's pre-allocated `target`, checking type and dims; returns `target`. */
export function writeInto(name: string, value: OnnxValue, target: PreallocatedOutput): PreallocatedOutput {
  if (!(value instanceof Tensor)) {
    throw new InvalidInputError(`Output "${name}" is not a tensor, so it cannot be written into a pre-allocated Tensor`, name, 'a tensor output', value === null ? 'null' : Array.isArray(value) ? 'a sequence' : 'a map');
  }
  if (target.location !== undefined && target.location !== 'cpu' && target.location !== 'cpu-pinned') {
    throw new InvalidInputError(
      `Pre-allocated output "${name}" is at location '${target.location}': onnx-ts fills only CPU tensors (preferredOutputLocation 'gpu-buffer' returns device outputs)`,
      name, "location 'cpu'", `location '${target.location}'`,
    );
  }
  if (target.type !== value.type) {
    throw new InvalidInputError(`Pre-allocated output "${name}" is ${describe(target)}, but the model produces ${describe(value)}`, name, value.type, target.type);
  }
  if (target.dims.length !== value.dims.length || target.dims.some((d, i) => d !== value.dims[i])) {
    throw new InvalidInputError(`Pre-allocated output "${name}" has dims [${target.dims}], but the model produces [${value.dims}]`, name, `[${value.dims}]`, `[${target.dims}]`);
  }
  const data = target.data as TypedArray | string[] | undefined;
  const source = value.data;
  if (data && source.length === data.length) {
    if (Array.isArray(data)) (source as string[]).forEach((s, i) => { data[i] = s; });
    else data.set(source as never);
    return target;
  }
  // onnxruntime's int4/uint4 tensors hold two elements per byte
  if (data instanceof Uint8Array || data instanceof Int8Array) {
    const per = elementsPerByte(value.type);
    if (per > 1 && data.length === Math.ceil(value.size / per)) {
      packInto(data, source as ArrayLike<number>, per);
      return target;
    }
  }
  throw new InvalidInputError(
    `Pre-allocated output "${name}" (${describe(target)}) holds ${data?.length ?? 'no'} values where ${source.length} are needed`,
    name, `${source.length} values`, String(data?.length ?? 0),
  );
}

/** Sub-byte elements packed low bits first, as onnxruntime lays them out. */
function packInto(out: Uint8Array | Int8Array, values: ArrayLike<number>, perByte: number): void {
  const bits = 8 / perByte, mask = (1 << bits) - 1;
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.length);
  bytes.fill(0);
  for (let i = 0; i < values.length; i++) bytes[Math.floor(i / perByte)] |= (values[i] & mask) << ((i % perByte) * bits);
}
