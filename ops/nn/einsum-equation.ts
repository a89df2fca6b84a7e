// Parsing an Einsum equation into per-operand axis labels. Letters map to labels 0-51;
// the axes an ellipsis stands for get labels from 52 on, right-aligned across operands so
// that ellipsis axes broadcast as in numpy.
import { InvalidInputError } from '../../data/errors.js';

export interface EinsumPlan {
  /** Per operand, the label of each of its axes (repeats allowed: diagonals). */
  operands: number[][];
  /** The label of each output axis. */
  output: number[];
}

const ELLIPSIS_BASE = 52;

function letterLabel(ch: string, equation: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 97 + 26; // a-z
  throw new InvalidInputError(`Einsum equation "${equation}": unexpected character "${ch}"`);
}

/** Splits a term into letter labels and the position of its ellipsis (-1 when none). */
function parseTerm(term: string, equation: string): { letters: number[]; ellipsisAt: number } {
  const letters: number[] = [];
  let ellipsisAt = -1;
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '.') {
      if (term.slice(i, i + 3) !== '...' || ellipsisAt >= 0) {
        throw new InvalidInputError(`Einsum equation "${equation}": malformed ellipsis in term "${term}"`);
      }
      ellipsisAt = letters.length;
      i += 2;
    } else {
      letters.push(letterLabel(term[i], equation));
    }
  }
  return { letters, ellipsisAt };
}

export function parseEinsum(equation: string, ranks: readonly number[]): EinsumPlan {
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const terms = lhs.split(',');
  if (terms.length !== ranks.length) {
    throw new InvalidInputError(`Einsum equation "${equation}" has ${terms.length} operand terms but ${ranks.length} inputs were given`);
  }
  const parsed = terms.map((t) => parseTerm(t, equation));
  const ellipsisRanks = parsed.map((p, i) => {
    const n = ranks[i] - p.letters.length;
    if (p.ellipsisAt < 0 ? n !== 0 : n < 0) {
      throw new InvalidInputError(`Einsum equation "${equation}": term "${terms[i]}" does not match input ${i} of rank ${ranks[i]}`);
    }
    return p.ellipsisAt < 0 ? 0 : n;
  });
  const ellipsisRank = Math.max(0, ...ellipsisRanks);
  const ellipsisLabels = (n: number) => Array.from({ length: n }, (_, k) => ELLIPSIS_BASE + ellipsisRank - n + k);
  const operands = parsed.map((p, i) => (p.ellipsisAt < 0
    ? p.letters
    : [...p.letters.slice(0, p.ellipsisAt), ...ellipsisLabels(ellipsisRanks[i]), ...p.letters.slice(p.ellipsisAt)]));
  const anyEllipsis = parsed.some((p) => p.ellipsisAt >= 0);
  let output: number[];
  if (arrow >= 0) {
    const rhs = parseTerm(eq.slice(arrow + 2), equation);
    if (rhs.ellipsisAt >= 0 && !anyEllipsis && ellipsisRank > 0) {
      throw new InvalidInputError(`Einsum equation "${equation}": the output has an ellipsis but no input does`);
    }
    if (new Set(rhs.letters).size !== rhs.letters.length) {
      throw new InvalidInputError(`Einsum equation "${equation}": the output repeats a label`);
    }
    const used = new Set(operands.flat());
    for (const l of rhs.letters) {
      if (!used.has(l)) throw new InvalidInputError(`Einsum equation "${equation}": output label not found in any input`);
    }
    output = rhs.ellipsisAt < 0
      ? rhs.letters
      : [...rhs.letters.slice(0, rhs.ellipsisAt), ...ellipsisLabels(ellipsisRank), ...rhs.letters.slice(rhs.ellipsisAt)];
  } else {
    // implicit: the ellipsis axes, then the letters seen exactly once, in ASCII order
    const counts = new Map<number, number>();
    for (const p of parsed) for (const l of p.letters) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts].filter(([, n]) => n === 1).map(([l]) => l).sort((a, b) => a - b);
    output = [...ellipsisLabels(ellipsisRank), ...once];
  }
  return { operands, output };
}
