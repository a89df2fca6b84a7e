import type { OpDefinition } from '../types.js';
import { AffineGrid } from './AffineGrid.js';
import { GridSample } from './GridSample.js';
import { NonMaxSuppression } from './NonMaxSuppression.js';
import { ImageDecoder } from './ImageDecoder.js';
import { RoiAlign } from './RoiAlign.js';

export const imageOps: OpDefinition[] = [...NonMaxSuppression, ...RoiAlign, ...GridSample, ...AffineGrid, ...ImageDecoder];
