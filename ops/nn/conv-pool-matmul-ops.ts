// The convolution, pooling and matrix-multiply ops, spread into nnOps by index.ts.
import type { OpDefinition } from '../types.js';
import { AveragePool } from './AveragePool.js';
import { Conv } from './Conv.js';
import { ConvTranspose } from './ConvTranspose.js';
import { DeformConv } from './DeformConv.js';
import { Gemm } from './Gemm.js';
import { GlobalAveragePool } from './GlobalAveragePool.js';
import { GlobalLpPool } from './GlobalLpPool.js';
import { GlobalMaxPool } from './GlobalMaxPool.js';
import { LpPool } from './LpPool.js';
import { MatMul } from './MatMul.js';
import { MaxPool } from './MaxPool.js';
import { MaxRoiPool } from './MaxRoiPool.js';
import { MaxUnpool } from './MaxUnpool.js';

export const convPoolMatmulOps: OpDefinition[] = [
  ...Conv, ...ConvTranspose, ...DeformConv,
  ...MaxPool, ...AveragePool, ...LpPool, ...GlobalAveragePool, ...GlobalMaxPool, ...GlobalLpPool,
  ...MaxUnpool, ...MaxRoiPool,
  ...Gemm, ...MatMul,
];
