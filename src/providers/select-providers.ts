// Turns the user's `executionProviders` option into provider objects, in preference order.
import { InvalidInputError } from '../../data/errors.js';
import { cpuProvider } from './cpu/provider.js';
import { createGpuProvider } from './gpu/provider.js';
import type { ExecutionProvider } from './provider.js';
import { availableWasmProvider } from './wasm/provider.js';

export type ExecutionProviderOption = string | { name: string; [key: string]: unknown };

/** Session options a provider factory may read (the provider's own option object wins). */
export interface ProviderSessionOptions {
  intraOpNumThreads?: number;
}

const KNOWN: Record<string, (option: ExecutionProviderOption, session: ProviderSessionOptions) => ExecutionProvider | undefined> = {
  cpu: () => cpuProvider,
  gpu: (option) => createGpuProvider(option),
  wasm: (option, session) => availableWasmProvider(option, session.intraOpNumThreads),
};

export function selectProviders(
  requested: readonly ExecutionProviderOption[] | undefined, session: ProviderSessionOptions = {},
): ExecutionProvider[] {
  // default: the WASM SIMD kernels where WebAssembly SIMD is available, else plain JavaScript
  const options = requested && requested.length > 0 ? requested : ['wasm'];
  const out: ExecutionProvider[] = [];
  for (const option of options) {
    const name = typeof option === 'string' ? option : option.name;
    const factory = KNOWN[name];
    if (!factory) {
      throw new InvalidInputError(`Unknown execution provider "${name}". Available: ${Object.keys(KNOWN).join(', ')}`);
    }
    const p = factory(option, session);
    if (p && !out.includes(p)) out.push(p);
  }
  // the reference CPU provider runs whatever the others cannot
  if (!out.includes(cpuProvider)) out.push(cpuProvider);
  return out;
}
