// The WebAssembly SIMD provider: float32 Conv/Gemm/MatMul (and their fused forms), pools,
// Add/Mul/Relu/Clip, Softmax and LayerNormalization on the kernels in kernels/wasm/.
// Its tensors are JavaScript typed arrays (location 'cpu'): intermediates a run plans in its
// arena are views of the kernels' shared linear memory, which the kernels read and write in
// place; anything else is copied in and out per op. Nodes it does not list go to the next provider.
import { availableWasmVariants, loadWasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { defaultWasmThreads, startWasmThreads, wasmKernelsForThreads, wasmThreadsUnavailable } from '../../../kernels/wasm/wasm-threads.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import type { ArenaMemory } from '../../../data/arena-block.js';
import type { ExecutionProvider } from '../provider.js';
import { withWasmThreads } from './op-support.js';
import { wasmOps } from './ops.js';

export const wasmProvider: ExecutionProvider = {
  name: 'wasm',
  location: 'cpu',
  resolve: (domain, opType, opset) => wasmOps.resolve(domain, opType, opset),
  versions: (domain, opType) => wasmOps.versions(domain, opType),
  // compiled asynchronously: browsers refuse to compile the module synchronously on their main thread
  initialize: async () => {
    if (!(await loadWasmKernels())) throw new Error('the wasm kernels could not be instantiated');
  },
  arenaMemory: () => linearMemoryArena(wasmKernelsForThreads(1)),
};

/**
 * Arenas in the kernels' linear memory, where that memory is shared (its buffer never
 * detaches on growth, so views into it stay valid for the run): the kernels then read their
 * inputs and write their outputs there without copying.
 */
function linearMemoryArena(w: WasmKernels | undefined): ArenaMemory | undefined {
  if (!w?.heap.residentBuffer()) return undefined;
  return {
    allocate(bytes) {
      const ptr = w.heap.alloc(bytes, false);
      return { buffer: w.heap.residentBuffer()!, offset: ptr, free: () => w.heap.free(ptr) };
    },
  };
}

const threaded = new Map<number, ExecutionProvider>();
let saidSingleThreaded = false;

/** Once per process, at logSeverityLevel 2 (warning) or below: threads were asked for and cannot run here. */
function warnSingleThreaded(threads: number, logSeverityLevel: number): void {
  const why = wasmThreadsUnavailable();
  if (!why || saidSingleThreaded || logSeverityLevel > 2) return;
  saidSingleThreaded = true;
  console.warn(`wasm: intraOpNumThreads ${threads} asked for, but ${why}; running single-threaded`);
}

/**
 * The provider whose Conv/Gemm/MatMul split their GEMMs across `threads` threads (the main
 * thread and threads - 1 workers on shared wasm memory); 1 is `wasmProvider` itself. Where
 * shared memory is unavailable its kernels quietly run single-threaded.
 */
export function wasmProviderWithThreads(threads: number): ExecutionProvider {
  const t = Number.isFinite(threads) && threads >= 1 ? Math.floor(threads) : 1;
  if (t === 1) return wasmProvider;
  let p = threaded.get(t);
  if (!p) {
    p = {
      ...wasmProvider,
      initialize: async (ctx) => {
        await wasmProvider.initialize!(ctx);
        warnSingleThreaded(t, ctx.logSeverityLevel);
        await startWasmThreads(t);
      },
      arenaMemory: () => linearMemoryArena(wasmKernelsForThreads(t)),
      resolve: (domain, opType, opset) => {
        const def = wasmOps.resolve(domain, opType, opset);
        return def && { ...def, create: (ctx) => withWasmThreads(t, () => def.create(ctx)) };
      },
    };
    threaded.set(t, p);
  }
  return p;
}

/**
 * The provider, or undefined where this engine lacks WebAssembly SIMD. Threads come from the
 * provider option's intraOpNumThreads, else the session's, else defaultWasmThreads().
 */
export function availableWasmProvider(
  option?: string | { name: string; [key: string]: unknown }, sessionThreads?: number,
): ExecutionProvider | undefined {
  if (availableWasmVariants().length === 0) return undefined;
  const own = typeof option === 'object' && typeof option.intraOpNumThreads === 'number' ? option.intraOpNumThreads : undefined;
  return wasmProviderWithThreads(own ?? sessionThreads ?? defaultWasmThreads());
}
