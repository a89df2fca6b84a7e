import { cosineWindowOp } from './window-function.js';

export const HammingWindow = [cosineWindowOp('HammingWindow', 25 / 46, 21 / 46, 0)];
