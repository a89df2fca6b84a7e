import { softmaxFamily } from './softmax-family.js';

export const Softmax = softmaxFamily('Softmax', 'softmax');
