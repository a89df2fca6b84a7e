// The memory a run's arena lives in: a plain ArrayBuffer by default, or memory a provider's kernels
// read and write in place (the wasm provider's shared linear memory), so tensors planned there
// pass between its kernels without being copied in and out.

export interface ArenaBlock {
  readonly buffer: ArrayBufferLike;
  /** Byte offset of the arena in `buffer`. */
  readonly offset: number;
  free(): void;
}

export interface ArenaMemory {
  allocate(bytes: number): ArenaBlock;
}

export const jsArenaMemory: ArenaMemory = {
  allocate: (bytes) => ({ buffer: new ArrayBuffer(bytes), offset: 0, free: () => {} }),
};
