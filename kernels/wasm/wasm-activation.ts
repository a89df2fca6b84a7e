// Activation codes as the AssemblyScript kernels number them (assembly/activation.ts).
import type { Activation } from '../../data/activation.js';

export const ACT = {
  none: 0, relu: 1, clip: 2, leakyRelu: 3, sigmoid: 4, hardSigmoid: 5, hardSwish: 6, tanh: 7, silu: 8,
} as const;

export interface WasmActivation {
  kind: number;
  p0: number;
  p1: number;
}

export const NO_ACTIVATION: WasmActivation = { kind: ACT.none, p0: 0, p1: 0 };

/** The kernels' numeric form of a resolved activation. */
export function wasmActivation(act: Activation | undefined): WasmActivation {
  if (!act) return NO_ACTIVATION;
  switch (act.kind) {
    case 'clip': return { kind: ACT.clip, p0: act.min, p1: act.max };
    case 'leakyRelu': return { kind: ACT.leakyRelu, p0: act.alpha, p1: 0 };
    case 'hardSigmoid': return { kind: ACT.hardSigmoid, p0: act.alpha, p1: act.beta };
    default: return { kind: ACT[act.kind], p0: 0, p1: 0 };
  }
}
