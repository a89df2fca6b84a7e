import { defineOp } from '../define.js';
import { argKernel } from './ArgMax.js';

export const ArgMin = [1, 11, 12, 13].map((since) => defineOp('ArgMin', since, argKernel('ArgMin', 'min', since)));
