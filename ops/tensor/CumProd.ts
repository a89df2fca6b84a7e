import { defineOpVersions } from '../define.js';
import { cumulativeKernel } from './CumSum.js';

export const CumProd = defineOpVersions('CumProd', [26], cumulativeKernel('CumProd', 'prod'));
