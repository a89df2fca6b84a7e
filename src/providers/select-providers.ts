// Turns the user's `executionProviders` option into provider objects, in preference order.
import { InvalidInputError } from '../errors.js';
import { cpuProvider } from './cpu-provider.js';
import type { ExecutionProvider } from './provider.js';
import { availableWasmProvider } from './wasm-provider.js';

export type ExecutionProviderOption = string | { name: string; [key: string]: unknown };

const KNOWN: Record<string, () => ExecutionProvider | undefined> = {
  cpu: () => cpuProvider,
  wasm: availableWasmProvider,
};

export function selectProviders(requested: readonly ExecutionProviderOption[] | undefined): ExecutionProvider[] {
  const names = (requested && requested.length > 0 ? requested : ['cpu']).map((p) => (typeof p === 'string' ? p : p.name));
  const out: ExecutionProvider[] = [];
  for (const name of names) {
    const factory = KNOWN[name];
    if (!factory) {
      throw new InvalidInputError(`Unknown execution provider "${name}". Available: ${Object.keys(KNOWN).join(', ')}`);
    }
    const p = factory();
    if (p && !out.includes(p)) out.push(p);
  }
  // the reference CPU provider runs whatever the others cannot
  if (!out.includes(cpuProvider)) out.push(cpuProvider);
  return out;
}
