// A fused activation as every kernel takes it (the reference loops in ops/compute, the wasm
// and gpu kernels): its parameters are resolved, the ONNX defaults already filled in by
// ops/fused/activation.ts, the one place that reads the `activation` attributes.
export type Activation =
  | { kind: 'relu' }
  | { kind: 'leakyRelu'; alpha: number }
  | { kind: 'clip'; min: number; max: number }
  | { kind: 'sigmoid' }
  | { kind: 'tanh' }
  | { kind: 'hardSigmoid'; alpha: number; beta: number }
  | { kind: 'hardSwish' }
  /** x * sigmoid(x) */
  | { kind: 'silu' };
