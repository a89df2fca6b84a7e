import { defineOp } from '../define.js';
import { Tensor } from '../../data/tensor.js';
import type { OpContext } from '../types.js';

const VALUE_ATTRIBUTES = ['value', 'sparse_value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings'];

/** The one value attribute a Constant node must carry, as a tensor. */
function constantValue(ctx: OpContext): Tensor {
  const a = ctx.attrs;
  const given = VALUE_ATTRIBUTES.filter((n) => a.has(n));
  if (given.length !== 1) {
    throw a.error(given.length === 0 ? 'needs one of the attributes value, sparse_value, value_float(s), value_int(s), value_string(s)' : `has several value attributes: ${given.join(', ')}`);
  }
  switch (given[0]) {
    // the loader densifies sparse tensors, so sparse_value reads like value
    case 'value': case 'sparse_value': return a.required(given[0], a.tensor(given[0]));
    case 'value_float': return new Tensor('float32', Float32Array.of(a.float('value_float', 0)), []);
    case 'value_floats': { const v = a.floats('value_floats', []); return new Tensor('float32', Float32Array.from(v), [v.length]); }
    case 'value_int': return new Tensor('int64', BigInt64Array.of(BigInt(a.int('value_int', 0))), []);
    case 'value_ints': { const v = a.ints('value_ints', []); return new Tensor('int64', BigInt64Array.from(v, (x) => BigInt(x)), [v.length]); }
    case 'value_string': return new Tensor('string', [a.string('value_string', '')], []);
    default: { const v = a.strings('value_strings', []); return new Tensor('string', [...v], [v.length]); }
  }
}

// The value is built once; every run returns the same (never mutated) tensor.
export const Constant = [1, 9, 11, 12, 13, 19, 21, 23, 24, 25].map((since) =>
  defineOp('Constant', since, (ctx) => {
    const value = constantValue(ctx);
    return () => [value];
  }),
);
