// RE2 patterns (the syntax RegexFullMatch specifies) as JavaScript RegExps. The two dialects
// share the common syntax; this rewrites the RE2-only spellings that JS lacks and anchors
// the pattern to the whole string.

/** Leading inline flags `(?ims)` are RE2's way to set flags; JS takes them as RegExp flags. */
function takeLeadingFlags(pattern: string): { body: string; flags: string } {
  const m = /^\(\?([imsU]+)\)/.exec(pattern);
  if (!m) return { body: pattern, flags: '' };
  if (m[1].includes('U')) throw new Error('the non-greedy flag (?U) has no JavaScript equivalent');
  return { body: pattern.slice(m[0].length), flags: m[1] };
}

/** Rewrites RE2-only escapes and group syntax outside character classes. */
function rewriteSyntax(body: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      const n = body[i + 1];
      if (!inClass && n === 'A') { out += '(?<![\\s\\S])'; i++; continue; }
      if (!inClass && n === 'z') { out += '(?![\\s\\S])'; i++; continue; }
      // \pL (one-letter Unicode class) is written \p{L} in JS
      if ((n === 'p' || n === 'P') && i + 2 < body.length && body[i + 2] !== '{') {
        out += `\\${n}{${body[i + 2]}}`;
        i += 2;
        continue;
      }
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a leading ']' (or '^]') is a literal in RE2
      if (body[i + 1] === '^') { out += '^'; i++; }
      if (body[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && body.startsWith('(?P<', i)) { out += '(?<'; i += 3; continue; }
    out += c;
  }
  return out;
}

/** A RegExp that tests whether a whole string matches the RE2 `pattern`. */
export function compileRe2FullMatch(pattern: string): RegExp {
  const { body, flags } = takeLeadingFlags(pattern);
  const source = `(?<![\\s\\S])(?:${rewriteSyntax(body)})(?![\\s\\S])`;
  // 'u' makes \p{..} and astral characters work; some patterns valid in RE2 only compile without it
  try {
    return new RegExp(source, `${flags}u`);
  } catch {
    return new RegExp(source, flags);
  }
}
