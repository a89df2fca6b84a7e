// Runs the providers' asynchronous set-up (device detection) before a session binds nodes. A
// provider that cannot start is dropped with a one-line warning; the next one in the list (at
// worst the CPU provider, always last) takes its nodes. A missing optional package is a setup
// mistake, not a device condition: it fails the session, naming the package to install.
import { MissingPackageError } from '../../data/errors.js';
import type { ExecutionProvider } from './provider.js';

/** Warnings print at logSeverityLevel 2 (the default) and below, as in onnxruntime. */
const WARNING = 2;

export async function prepareProviders(providers: readonly ExecutionProvider[], logSeverityLevel = WARNING): Promise<ExecutionProvider[]> {
  const ready: ExecutionProvider[] = [];
  for (const p of providers) {
    if (p.initialize) {
      try {
        await p.initialize({ logSeverityLevel });
      } catch (e) {
        if (e instanceof MissingPackageError) throw e;
        const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
        if (logSeverityLevel <= WARNING) console.warn(`${p.name}: ${why}; falling back`);
        continue;
      }
    }
    ready.push(p);
  }
  return ready;
}
