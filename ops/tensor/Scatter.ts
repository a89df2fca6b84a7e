import { defineOpVersions } from '../define.js';
import { scatterElements } from './ScatterElements.js';

// Deprecated in opset 11 in favour of ScatterElements, which has the same semantics.
export const Scatter = defineOpVersions('Scatter', [9, 11], (ctx) => {
  const axis = ctx.attrs.int('axis', 0);
  return (inputs) => [scatterElements('Scatter', inputs, axis, 'none')];
});
