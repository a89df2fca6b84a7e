import { defineOpVersions } from '../define.js';
import { boolScalar } from './control-values.js';

// 15 required an optional input; 18 also accepts a plain tensor or sequence, or no input at
// all (false). Both read the same here, since optionals are not wrapped.
export const OptionalHasElement = defineOpVersions('OptionalHasElement', [15, 18], () => (inputs) => [
  boolScalar(inputs[0] !== undefined && inputs[0] !== null),
]);
