import { defineOp } from '../define.js';

// Values are not wrapped: an optional holding a value is that value, an empty one is null.
// The `type` attribute only types the empty case, so it needs no run-time form.
export const Optional = [defineOp('Optional', 15, () => (inputs) => [inputs[0] ?? null])];
