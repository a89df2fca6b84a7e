// A memory plan placed in one arena: where each planned value sits. Shared by the session's
// plan cache (session-memory.ts) and each run (run-memory.ts).

export interface ArenaSlot {
  type: string;
  /** Byte offset in the run's arena. */
  offset: number;
  bytes: number;
  /** Set when the buffer was another value's first: an input dying at this value's node (in place) or a view's source. */
  shared: boolean;
}

/** A memory plan laid out in one buffer. */
export interface PlacedPlan {
  slots: Map<string, ArenaSlot>;
  bytes: number;
  /** The largest single buffer: the arena is only made where a tensor that size is allowed. */
  largestBuffer: number;
}
