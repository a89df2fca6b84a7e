// The cpu provider's support table is the reference registry itself: every op onnx-ts runs
// has a plain JavaScript kernel in ops/, and the other providers fall back to it.
import { referenceOps } from '../../../ops/all.js';
import type { OpRegistry } from '../../../ops/registry.js';

export const cpuOps: OpRegistry = referenceOps;
