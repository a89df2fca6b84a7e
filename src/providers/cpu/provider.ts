// The plain JavaScript provider: the reference implementation of every op we support.
import { cpuOps } from './ops.js';
import type { ExecutionProvider } from '../provider.js';

export const cpuProvider: ExecutionProvider = {
  name: 'cpu',
  location: 'cpu',
  resolve: (domain, opType, opset) => cpuOps.resolve(domain, opType, opset),
  versions: (domain, opType) => cpuOps.versions(domain, opType),
};
