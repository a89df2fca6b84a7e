import { softmaxFamily } from './softmax-family.js';

export const LogSoftmax = softmaxFamily('LogSoftmax', 'logsoftmax');
