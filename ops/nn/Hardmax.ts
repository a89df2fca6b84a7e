import { softmaxFamily } from './softmax-family.js';

// A one-hot of the first maximum along the axis.
export const Hardmax = softmaxFamily('Hardmax', 'hardmax');
