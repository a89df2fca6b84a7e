import { binaryOp } from './binary-op.js';

// Add-1/6 carried the legacy `broadcast` attribute; those opsets stay on the reference.
export const Add = binaryOp('Add', 'add');
