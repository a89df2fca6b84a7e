// Number <-> string conversions for Cast. Formatting gives the shortest decimal that reads back
// to the same value in the source type ("0.9767611" for a float32, not its float64 expansion),
// positional between 1e-4 and 1e16 and scientific outside, like the ONNX reference (numpy).
// Parsing takes plain and scientific notation and the case-insensitive literals the spec
// reserves: "INF", "+INF", "-INF" and "NaN".

/** Shortest significant digits (as toExponential gives them) that round-trip through `narrow`. */
function shortestExponential(x: number, narrow: (v: number) => number, maxDigits: number): string {
  for (let p = 1; p < maxDigits; p++) {
    const s = x.toExponential(p - 1);
    if (narrow(Number(s)) === x) return s;
  }
  return x.toExponential(maxDigits - 1);
}

/**
 * Formats a float whose type is described by `narrow` (rounds a float64 to that type) and the
 * digits needed to tell its values apart (9 for float32, 17 for float64, 5 for float16).
 */
export function formatFloat(x: number, narrow: (v: number) => number = (v) => v, maxDigits = 17): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exp = shortestExponential(x, narrow, maxDigits);
  const [mant, e] = exp.split('e');
  const power = Number(e);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (power < -4 || power >= 16) {
    const frac = digits.slice(1);
    const ePart = `${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
    return `${sign}${digits[0]}${frac ? `.${frac}` : ''}e${ePart}`;
  }
  if (power < 0) return `${sign}0.${'0'.repeat(-power - 1)}${digits}`;
  const intPart = digits.slice(0, power + 1).padEnd(power + 1, '0');
  const fracPart = digits.slice(power + 1);
  return `${sign}${intPart}.${fracPart || '0'}`;
}

/** A string as a float64 (NaN for text that is not a number). */
export function parseFloatString(s: string): number {
  const t = s.trim();
  const lower = t.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (lower === 'nan' || lower === '+nan' || lower === '-nan') return NaN;
  if (t === '') return NaN;
  return Number(t);
}

/** A string as an integer: integer literals exactly (as bigint), others through float truncation. */
export function parseIntegerString(s: string): bigint {
  const t = s.trim();
  if (/^[+-]?\d+$/.test(t)) return BigInt(t);
  const v = parseFloatString(t);
  return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
}

/** A string as a bool: "true"/"false" in any case, else any non-zero number is true. */
export function parseBoolString(s: string): boolean {
  const lower = s.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false' || lower === '') return false;
  const v = parseFloatString(lower);
  return v !== 0;
}
