// What every wasm op shares: the kernels, the reference kernel it falls back to for inputs
// outside what the wasm kernels handle, and the float32 test.
import { referenceOps } from '../../../ops/all.js';
import { defineOpVersions } from '../../../ops/define.js';
import type { KernelFn, OpContext, OpDefinition } from '../../../ops/types.js';
import { requireWasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { wasmKernelsForThreads } from '../../../kernels/wasm/wasm-threads.js';
import type { WasmKernels } from '../../../kernels/wasm/wasm-module.js';
import { type KernelInput } from '../../../ops/types.js';
import { Tensor } from '../../../data/tensor.js';
import { UnsupportedOperatorError } from '../../../data/errors.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';

export type F32Tensor = Tensor & { data: Float32Array };

export function isF32(v: KernelInput): v is F32Tensor {
  return v instanceof Tensor && v.type === 'float32' && v.data instanceof Float32Array;
}

/** A float32 tensor whose every dim is non-zero (the kernels skip empty tensors' edge cases). */
export function isNonEmptyF32(v: KernelInput): v is F32Tensor {
  return isF32(v) && v.size > 0;
}

function createReference(ctx: OpContext): KernelFn {
  const def = referenceOps.resolve(ctx.node.domain, ctx.node.opType, ctx.opset);
  if (!def) throw new UnsupportedOperatorError(ctx.node.opType, ctx.node.domain, ctx.opset, ctx.node.name, referenceOps.versions(ctx.node.domain, ctx.node.opType));
  return def.create(ctx);
}

/**
 * The reference (CPU) kernel for this node, created now, for a node the wasm kernels cannot
 * take at all (e.g. MaxPool's Indices output); each run is counted as a fallback.
 */
export function referenceKernel(ctx: OpContext): KernelFn {
  const reference = createReference(ctx);
  const counted: KernelFn = (inputs, rt) => {
    rt.fellBack?.();
    return reference(inputs, rt);
  };
  counted.inPlace = reference.inPlace;
  counted.dispose = reference.dispose;
  return counted;
}

/**
 * The reference kernel for the runs whose inputs the wasm kernels do not cover, created on its
 * first call: most nodes never need it, and creating it only then keeps session creation
 * cheap. Each call is counted as a fallback. `forInPlaceKernel`: the caller is marked inPlace,
 * so the session may offer it an input's memory for its output; a reference kernel that is not
 * in-place-safe itself then gets no planned memory at all.
 */
export function lazyReference(ctx: OpContext, forInPlaceKernel = false): KernelFn {
  let kernel: KernelFn | undefined;
  return (inputs, rt) => {
    rt.fellBack?.();
    kernel ??= createReference(ctx);
    return kernel(inputs, forInPlaceKernel && !kernel.inPlace ? { scope: rt.scope } : rt);
  };
}

let creationThreads = 1;

/**
 * Runs `body` (a provider creating its kernels) with ops seeing `threads` intra-op threads:
 * kernel creation is synchronous, so this scopes the session's setting to its own ops.
 */
export function withWasmThreads<T>(threads: number, body: () => T): T {
  const saved = creationThreads;
  creationThreads = threads;
  try {
    return body();
  } finally {
    creationThreads = saved;
  }
}

/**
 * A wasm op: `create` gets the loaded kernels (with a worker pool where the session asked
 * for threads and the engine has shared memory) and builds the node's kernel. It accelerates
 * the reference op of the same name at each of that op's versions (from `since` on, where
 * older versions mean something the binding does not handle), so no version list is written
 * twice.
 */
export function defineWasmOp(
  opType: string, create: (ctx: OpContext, w: WasmKernels) => KernelFn, options: { domain?: string; since?: number } = {},
): OpDefinition[] {
  const domain = options.domain ?? '';
  const versions = referenceOps.sinceVersions(domain, opType).filter((v) => v >= (options.since ?? 0));
  if (versions.length === 0) throw new Error(`the wasm ${opType} binding accelerates no reference op version`);
  return defineOpVersions(opType, versions, (ctx) => create(ctx, wasmKernelsForThreads(creationThreads) ?? requireWasmKernels()), domain);
}

/**
 * Marks a kernel whose output may take over a dying same-sized input's memory: these wasm
 * kernels (element-wise, row-wise Softmax) read element i before writing element i, whether
 * they work on a copy or on the input where it lives in linear memory.
 */
export function writesInPlace(kernel: KernelFn): KernelFn {
  kernel.inPlace = true;
  return kernel;
}

/** Whether input `index` of the node is a constant initializer (the same data on every run). */
export function isInitializer(ctx: OpContext, index: number): boolean {
  return constantInput(ctx, index) !== undefined;
}
