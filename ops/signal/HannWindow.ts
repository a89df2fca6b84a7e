import { cosineWindowOp } from './window-function.js';

export const HannWindow = [cosineWindowOp('HannWindow', 0.5, 0.5, 0)];
