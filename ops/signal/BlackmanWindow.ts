import { cosineWindowOp } from './window-function.js';

export const BlackmanWindow = [cosineWindowOp('BlackmanWindow', 0.42, 0.5, 0.08)];
