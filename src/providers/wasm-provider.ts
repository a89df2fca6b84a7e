// The WebAssembly SIMD provider: float32 Conv/Gemm/MatMul (and their fused forms), pools,
// Add/Mul/Relu/Clip, Softmax and LayerNormalization on the kernels in kernels/wasm/.
// Tensors stay JavaScript arrays between ops for now (copied into linear memory per op), so
// its location is 'cpu'; nodes it does not list go to the next provider.
import { wasmKernels } from '../../kernels/wasm/wasm-module.js';
import type { ExecutionProvider } from './provider.js';
import { wasmOps } from './wasm/wasm-ops.js';

export const wasmProvider: ExecutionProvider = {
  name: 'wasm',
  location: 'cpu',
  resolve: (domain, opType, opset) => wasmOps.resolve(domain, opType, opset),
  versions: (domain, opType) => wasmOps.versions(domain, opType),
};

/** The provider, or undefined where this engine lacks WebAssembly SIMD. */
export function availableWasmProvider(): ExecutionProvider | undefined {
  return wasmKernels() ? wasmProvider : undefined;
}
