// Activation codes as the AssemblyScript kernels number them (assembly/activation.ts), from
// the fused-op description (ops/fused/activation.ts) or a standalone Relu/Clip node.
import type { Activation } from '../../ops/fused/activation.js';

export const ACT = {
  none: 0, relu: 1, clip: 2, leakyRelu: 3, sigmoid: 4, hardSigmoid: 5, hardSwish: 6, tanh: 7, silu: 8,
} as const;

export interface WasmActivation {
  kind: number;
  p0: number;
  p1: number;
}

export const NO_ACTIVATION: WasmActivation = { kind: ACT.none, p0: 0, p1: 0 };

/** The kernel-side form of a fused node's activation, with the ONNX defaults filled in. */
export function wasmActivation(act: Activation | undefined): WasmActivation {
  if (!act) return NO_ACTIVATION;
  const p = act.params;
  switch (act.kind) {
    case 'Relu': return { kind: ACT.relu, p0: 0, p1: 0 };
    case 'Clip': return { kind: ACT.clip, p0: p[0] ?? -Infinity, p1: p[1] ?? Infinity };
    case 'LeakyRelu': return { kind: ACT.leakyRelu, p0: p[0] ?? 0.01, p1: 0 };
    case 'Sigmoid': return { kind: ACT.sigmoid, p0: 0, p1: 0 };
    case 'HardSigmoid': return { kind: ACT.hardSigmoid, p0: p[0] ?? 0.2, p1: p[1] ?? 0.5 };
    case 'HardSwish': return { kind: ACT.hardSwish, p0: 0, p1: 0 };
    case 'Tanh': return { kind: ACT.tanh, p0: 0, p1: 0 };
    case 'Silu': return { kind: ACT.silu, p0: 0, p1: 0 };
  }
}
