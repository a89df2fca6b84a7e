// Reading ONNX map values (Map from key to scalar tensor) for DictVectorizer and CastMap.
import type { DataType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { KernelInput } from '../types.js';

export interface MapEntries {
  /** Keys as given: strings, or bigints for int64 keys. */
  keys: (string | bigint)[];
  values: (string | number | bigint)[];
  valueType: DataType | undefined;
}

export function readMapInput(op: string, inputs: KernelInput[], index: number): MapEntries {
  const m = inputs[index];
  if (!(m instanceof Map)) throw new InvalidInputError(`${op}: input ${index} must be a map`);
  const keys: (string | bigint)[] = [];
  const values: (string | number | bigint)[] = [];
  let valueType: DataType | undefined;
  for (const [k, v] of m) {
    if (!(v instanceof Tensor) || v.size !== 1) throw new InvalidInputError(`${op}: map values must be scalars`);
    valueType ??= v.type;
    keys.push(typeof k === 'number' ? BigInt(k) : k);
    values.push((v.data as ArrayLike<string | number | bigint>)[0]);
  }
  return { keys, values, valueType };
}
