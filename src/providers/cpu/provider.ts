// The plain JavaScript provider: the reference implementation of every op we support.
import { referenceOps } from '../../../ops/all.js';
import type { ExecutionProvider } from '../provider.js';

export const cpuProvider: ExecutionProvider = {
  name: 'cpu',
  location: 'cpu',
  resolve: (domain, opType, opset) => referenceOps.resolve(domain, opType, opset),
  versions: (domain, opType) => referenceOps.versions(domain, opType),
};
