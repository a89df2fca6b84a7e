// The convolution, pooling and matrix-multiply ops, spread into nnOps by index.ts.
import type { OpDefinition } from '../types.js';
import { Conv } from './Conv.js';
import { ConvTranspose } from './ConvTranspose.js';

export const convPoolMatmulOps: OpDefinition[] = [
  ...Conv, ...ConvTranspose,
];
