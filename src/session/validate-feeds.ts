// Checks feeds against the model's declared inputs before anything runs, so a wrong call
// gets an error naming the input and what was expected instead of a failure deep in a kernel.
import type { ValueInfo, ValueType } from '../../graph/ir.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

function describe(t: ValueType | undefined): string {
  if (!t) return 'any value';
  if (t.kind === 'tensor') return `${t.elemType} tensor${t.shape ? ` [${t.shape.map((d) => d ?? '?').join(', ')}]` : ''}`;
  if (t.kind === 'sequence') return `sequence of ${describe(t.elem)}`;
  if (t.kind === 'optional') return `optional ${describe(t.elem)}`;
  if (t.kind === 'map') return `map`;
  return t.kind;
}

export function checkValue(name: string, value: OnnxValue, type: ValueType | undefined): void {
  if (!type) return;
  if (type.kind === 'optional') {
    if (value === null) return;
    checkValue(name, value, type.elem);
    return;
  }
  if (type.kind === 'tensor' || type.kind === 'sparse_tensor') {
    if (!(value instanceof Tensor)) {
      throw new InvalidInputError(`Input "${name}" must be a Tensor (expected ${describe(type)})`, name, describe(type), describeValue(value));
    }
    if (value.type !== type.elemType) {
      throw new InvalidInputError(`Input "${name}" has type ${value.type}, but the model expects ${type.elemType}`, name, type.elemType, value.type);
    }
    if (type.shape) {
      if (value.dims.length !== type.shape.length) {
        throw new InvalidInputError(
          `Input "${name}" has rank ${value.dims.length} (dims [${value.dims}]), but the model expects rank ${type.shape.length} ([${type.shape.map((d) => d ?? '?')}])`,
          name, `rank ${type.shape.length}`, `rank ${value.dims.length}`,
        );
      }
      type.shape.forEach((d, i) => {
        if (typeof d === 'number' && d >= 0 && value.dims[i] !== d) {
          throw new InvalidInputError(
            `Input "${name}" has dims [${value.dims}], but the model fixes dimension ${i} to ${d} ([${type.shape!.map((x) => x ?? '?')}])`,
            name, String(d), String(value.dims[i]),
          );
        }
      });
    }
    return;
  }
  if (type.kind === 'sequence') {
    if (!Array.isArray(value)) {
      throw new InvalidInputError(`Input "${name}" must be a sequence (an array of values)`, name, describe(type), describeValue(value));
    }
    value.forEach((v, i) => checkValue(`${name}[${i}]`, v, type.elem && type.elem.kind === 'tensor' ? { ...type.elem, shape: undefined } : type.elem));
    return;
  }
  if (type.kind === 'map' && !(value instanceof Map)) {
    throw new InvalidInputError(`Input "${name}" must be a Map`, name, 'map', describeValue(value));
  }
}

function describeValue(v: unknown): string {
  if (v instanceof Tensor) return `${v.type} tensor [${v.dims}]`;
  if (Array.isArray(v)) return 'sequence';
  if (v === null) return 'null';
  return typeof v;
}

/**
 * `weights`: initializers a model before IR 4 listed among its inputs (as it had to), which
 * are weights, not inputs: a feed for one is refused with that said.
 */
export function validateFeeds(
  feeds: Record<string, OnnxValue>,
  inputs: readonly ValueInfo[],
  optionalInputs: ReadonlySet<string>,
  weights?: { names: ReadonlySet<string>; irVersion: number },
): void {
  if (typeof feeds !== 'object' || feeds === null) throw new InvalidInputError('session.run needs an object of feeds, keyed by input name');
  const known = new Set(inputs.map((i) => i.name));
  for (const name of Object.keys(feeds)) {
    if (weights?.names.has(name)) {
      throw new InvalidInputError(
        `"${name}" is a weight of this IR ${weights.irVersion} model, not an input: before IR version 4 every initializer was listed among the graph inputs, and onnx-ts (like onnxruntime) keeps them constant`,
        name,
      );
    }
    if (!known.has(name)) {
      throw new InvalidInputError(`"${name}" is not an input of this model. Inputs: ${[...known].join(', ') || '(none)'}`, name);
    }
  }
  for (const input of inputs) {
    const value = feeds[input.name];
    if (value === undefined) {
      if (optionalInputs.has(input.name)) continue;
      if (input.type?.kind === 'optional') continue;
      throw new InvalidInputError(`Missing input "${input.name}" (${describe(input.type)})`, input.name, describe(input.type), 'nothing');
    }
    checkValue(input.name, value, input.type);
  }
}
