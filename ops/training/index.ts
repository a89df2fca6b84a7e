import type { OpDefinition } from '../types.js';
import { Adagrad } from './Adagrad.js';
import { Adam } from './Adam.js';
import { Gradient } from './Gradient.js';
import { Momentum } from './Momentum.js';

export const trainingOps: OpDefinition[] = [...Adagrad, ...Adam, ...Momentum, ...Gradient];
