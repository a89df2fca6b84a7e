// Loaded before the package's bundle in the threads test's page: counts the Workers the page
// creates, by the name each is given (the wasm kernel threads, env.wasm.proxy's worker), and
// reads the kernel threads' counters from the control buffer posted to them, and measures how long the main thread goes without running a timer while some work is under way.
export interface Stalls<T> {
  result: T;
  maxGapMs: number;
  ticks: number;
  elapsedMs: number;
  /** [ms after the start, gap in ms] for each gap over 20 ms, to see when the page stalled. */
  longGaps: [number, number][];
}

type WorkerClass = new (url: string | URL, options?: { name?: string }) => object;
const scope = globalThis as unknown as { Worker: WorkerClass; onnxProbe?: unknown };
const created: Record<string, number> = {};
/** The control buffers posted to workers (the kernel threads' job word and counters). */
const controls = new Set<SharedArrayBuffer>();
const Native = scope.Worker as unknown as new (url: string | URL, options?: { name?: string }) => { postMessage(m: unknown, t?: unknown): void };
scope.Worker = class extends Native {
  constructor(url: string | URL, options?: { name?: string }) {
    super(url, options);
    const name = options?.name ?? '(unnamed)';
    created[name] = (created[name] ?? 0) + 1;
  }

  override postMessage(message: unknown, transfer?: unknown): void {
    const control = (message as { control?: unknown } | null)?.control;
    if (typeof SharedArrayBuffer !== 'undefined' && control instanceof SharedArrayBuffer) controls.add(control);
    super.postMessage(message, transfer);
  }
} as unknown as WorkerClass;

/** Int32 slot `slot` of each control buffer seen, summed (the test passes JOB_WORKER_RANGES). */
function controlCounter(slot: number): number {
  let sum = 0;
  for (const c of controls) sum += Atomics.load(new Int32Array(c), slot);
  return sum;
}

/** The longest the main thread went without a 4 ms interval firing while `work` ran. */
async function stallsDuring<T>(work: () => Promise<T>): Promise<Stalls<T>> {
  const start = performance.now();
  let last = start, maxGapMs = 0, ticks = 0;
  const longGaps: [number, number][] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    if (now - last > 20) longGaps.push([Math.round(last - start), Math.round(now - last)]);
    last = now;
    ticks++;
  }, 4);
  try {
    const result = await work();
    const end = performance.now();
    return { result, maxGapMs: Math.max(maxGapMs, end - last), ticks, elapsedMs: end - start, longGaps };
  } finally {
    clearInterval(timer);
  }
}

scope.onnxProbe = { workers: () => ({ ...created }), stallsDuring, controlCounter };
