// Which ops the GPU provider runs, by (domain, op type); every version of each, as the
// provider resolves a node to the reference op's definition and runs it on its factory. The
// provider imports this module (and through it every kernel) only when it opens a device.
import { FUSED_DOMAIN } from '../../../data/domains.js';
import { referenceOps } from '../../../ops/all.js';
import type { GpuOpFactory } from './op-bridge.js';
export { gpuDefinition } from './op-bridge.js';
import type { SupportTable } from '../provider.js';
import { fusedGpuOps, nnGpuOps } from './nn-ops.js';
import { VIEW_OPS, fusedTensorGpuOps, tensorGpuOps } from './tensor-ops.js';

const BY_DOMAIN: Record<string, Record<string, GpuOpFactory>> = {
  '': { ...nnGpuOps, ...tensorGpuOps },
  [FUSED_DOMAIN]: { ...fusedGpuOps, ...fusedTensorGpuOps },
};

export function gpuOpFactory(domain: string, opType: string): GpuOpFactory | undefined {
  return Object.hasOwn(BY_DOMAIN, domain) && Object.hasOwn(BY_DOMAIN[domain], opType) ? BY_DOMAIN[domain][opType] : undefined;
}

export function isGpuView(domain: string, opType: string): boolean {
  return domain === '' && VIEW_OPS.has(opType);
}

/** Every (domain, op) with a GPU kernel or view, at the reference op's versions (the support table). */
export const gpuOps: SupportTable = {
  entries: () => [
    ...Object.entries(BY_DOMAIN).flatMap(([domain, ops]) => Object.keys(ops).map((opType) => ({ domain, opType }))),
    ...[...VIEW_OPS].map((opType) => ({ domain: '', opType })),
  ].map(({ domain, opType }) => ({ domain, opType, versions: referenceOps.sinceVersions(domain, opType) })),
};
