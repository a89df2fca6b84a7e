// What the runtime needs from the JavaScript host beyond the language itself: files (Node
// only), memory and core counts for defaults, environment switches, and a value that follows
// a run's async calls (the per-run allocation limit). host.ts implements it on Node;
// host.browser.ts, which bundlers pick through package.json's "browser" field, without Node.

export interface HostFileStat {
  isFile: boolean;
  /** Hard links to the file (external data refuses files with more than one). */
  links: number;
  size: number;
}

/** File access and path arithmetic, where the host has a file system. */
export interface HostFiles {
  readFile(file: string): Uint8Array;
  writeFile(file: string, bytes: Uint8Array): void;
  realpath(file: string): string;
  stat(file: string): HostFileStat;
  /** `length` bytes of `file` from `offset`; throws if the file ends first. */
  readRange(file: string, offset: number, length: number): Uint8Array;
  join(...parts: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(file: string): boolean;
  dirname(file: string): string;
  resolve(file: string): string;
}

/** A value set for the duration of a call, async continuations included. */
export interface ContextSlot<T> {
  run<R>(value: T, fn: () => R): R;
  get(): T | undefined;
}

export interface Host {
  readonly kind: 'node' | 'browser';
  /** Undefined where there is no file system: models and external data come as bytes or URLs. */
  readonly files?: HostFiles;
  /** The bytes at a URL (browsers load models given as a string this way). */
  fetchBytes?(url: string): Promise<Uint8Array>;
  totalMemoryBytes(): number;
  availableParallelism(): number;
  env(name: string): string | undefined;
  /**
   * A slot for the per-run allocation limit. Where the host cannot follow async calls, it
   * returns the smallest value among the runs in progress, so no run exceeds its own limit.
   */
  numberSlot(): ContextSlot<number>;
  /** zlib-compresses bytes synchronously (PNG data in Tensor.toDataURL), where the host has a codec. */
  deflate?(bytes: Uint8Array): Uint8Array;
}
