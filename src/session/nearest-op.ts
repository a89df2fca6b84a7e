// For an op no provider has: the registered op whose name is nearest (edit distance, case
// folded), so a typo or a wrong domain gets a "did you mean ...?" instead of a dead end.

/** Levenshtein distance between a and b, ignoring case. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length];
}

/**
 * The nearest of `registered` to (domain, opType), as "domain.Op", or undefined when none is
 * within a third of the name's length. Ties go to the op's own domain, then to the name
 * that sorts first, so the answer does not depend on registration order.
 */
export function nearestOp(
  registered: readonly { domain: string; opType: string }[],
  domain: string,
  opType: string,
): string | undefined {
  const limit = Math.max(1, Math.floor(opType.length / 3));
  let best: { domain: string; opType: string; rank: [number, number, string] } | undefined;
  for (const r of registered) {
    if (r.domain === domain && r.opType === opType) continue;
    const d = editDistance(opType, r.opType);
    if (d > limit) continue;
    const rank: [number, number, string] = [d, r.domain === domain ? 0 : 1, `${r.domain}.${r.opType}`];
    if (!best || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && (rank[1] < best.rank[1] || (rank[1] === best.rank[1] && rank[2] < best.rank[2])))) {
      best = { ...r, rank };
    }
  }
  return best && `${best.domain || 'ai.onnx'}.${best.opType}`;
}
