// The browser (and any host without Node's modules): no file system, so models come as bytes
// or URLs; figures from `navigator` where it has them.
import type { ContextSlot, Host } from './host-types.js';

interface Navigatorish { hardwareConcurrency?: number; deviceMemory?: number }
const nav = (globalThis as { navigator?: Navigatorish }).navigator;

/**
 * Without AsyncLocalStorage a run's value cannot follow its awaits, so the slot holds every
 * value in force and answers the smallest: concurrent runs with different limits all get the
 * strictest, never a looser one than their own.
 */
function smallestInForce(): ContextSlot<number> {
  const active: number[] = [];
  const leave = (value: number) => active.splice(active.indexOf(value), 1);
  return {
    run(value, fn) {
      active.push(value);
      let result;
      try {
        result = fn();
      } catch (e) {
        leave(value);
        throw e;
      }
      if (result instanceof Promise) return result.finally(() => leave(value)) as typeof result;
      leave(value);
      return result;
    },
    get: () => (active.length ? Math.min(...active) : undefined),
  };
}

export const host: Host = {
  kind: 'browser',
  async fetchBytes(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`fetching ${url} failed: ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  totalMemoryBytes: () => (nav?.deviceMemory ?? 4) * 2 ** 30,
  availableParallelism: () => nav?.hardwareConcurrency ?? 1,
  env: () => undefined,
  numberSlot: smallestInForce,
};
