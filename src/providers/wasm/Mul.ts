import { binaryOp } from './binary-op.js';

// Mul-1/6 carried the legacy `broadcast` attribute; those opsets stay on the reference.
export const Mul = binaryOp('Mul', 'mul');
