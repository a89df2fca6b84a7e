// The key/value cache of the decoder attention ops: present = past + new, per (batch, head),
// in (batch, heads, sequence, head size) layout. Past buffers may be longer than the part in
// use (onnxruntime's shared past/present buffers are sized for the longest sequence), so each
// batch entry says how many of its past rows are valid.

export interface CacheAppend {
  batch: number;
  heads: number;
  headSize: number;
  /** Past rows per head in the buffer (its dimension 2), 0 without a past. */
  pastRows: number;
  /** Valid past rows of batch entry b; the new rows follow them. */
  pastLength: (b: number) => number;
  /** New rows per head. */
  newRows: number;
  /** Rows per head of the present buffer. */
  presentRows: number;
}

/** present[b, n] = past[b, n, :pastLength(b)] ++ fresh[b, n]; rows past the end are zero. */
export function appendToCache(past: ArrayLike<number> | undefined, fresh: ArrayLike<number>, c: CacheAppend): Float32Array {
  const { batch, heads, headSize: h, pastRows, newRows, presentRows } = c;
  const present = new Float32Array(batch * heads * presentRows * h);
  for (let b = 0; b < batch; b++) {
    const pastLen = past ? c.pastLength(b) : 0;
    for (let n = 0; n < heads; n++) {
      const dst = (b * heads + n) * presentRows * h;
      if (past && pastLen > 0) {
        const src = (b * heads + n) * pastRows * h;
        for (let i = 0; i < pastLen * h; i++) present[dst + i] = past[src + i];
      }
      const src = (b * heads + n) * newRows * h;
      const at = dst + pastLen * h;
      for (let i = 0; i < newRows * h; i++) present[at + i] = fresh[src + i];
    }
  }
  return present;
}
