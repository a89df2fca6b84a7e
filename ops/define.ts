// Small constructors that keep op files short.
import type { KernelFn, OpContext, OpDefinition } from './types.js';

/** An op whose semantics hold from `since` until a later registration of the same op. */
export function defineOp(opType: string, since: number, create: (ctx: OpContext) => KernelFn, domain = ''): OpDefinition {
  return { opType, domain, since, create };
}

/** The same implementation registered at several opset versions (the version list of the spec). */
export function defineOpVersions(opType: string, versions: number[], create: (ctx: OpContext) => KernelFn, domain = ''): OpDefinition[] {
  return versions.map((since) => defineOp(opType, since, create, domain));
}
