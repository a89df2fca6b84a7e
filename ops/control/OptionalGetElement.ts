import { InvalidInputError } from '../../data/errors.js';
import { defineOpVersions } from '../define.js';

// 15 took only optionals; 18 also passes plain tensors and sequences through unchanged.
export const OptionalGetElement = defineOpVersions('OptionalGetElement', [15, 18], () => (inputs) => {
  const v = inputs[0];
  if (v === undefined || v === null) throw new InvalidInputError('OptionalGetElement: the optional input is empty');
  return [v];
});
