// The convolution, pooling and matrix-multiply ops, spread into nnOps by index.ts.
import type { OpDefinition } from '../types.js';
import { Conv } from './Conv.js';
import { AveragePool } from './AveragePool.js';
import { ConvTranspose } from './ConvTranspose.js';
import { DeformConv } from './DeformConv.js';
import { GlobalAveragePool } from './GlobalAveragePool.js';
import { GlobalLpPool } from './GlobalLpPool.js';
import { GlobalMaxPool } from './GlobalMaxPool.js';
import { LpPool } from './LpPool.js';
import { MaxPool } from './MaxPool.js';
import { MaxRoiPool } from './MaxRoiPool.js';
import { MaxUnpool } from './MaxUnpool.js';

export const convPoolMatmulOps: OpDefinition[] = [
  ...Conv, ...ConvTranspose, ...DeformConv,
  ...MaxPool, ...AveragePool, ...LpPool, ...GlobalAveragePool, ...GlobalMaxPool, ...GlobalLpPool,
  ...MaxUnpool, ...MaxRoiPool,
];
