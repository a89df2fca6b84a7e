// Prints run results for people: shape, type, first values, and top-5 for classifier outputs.
import { ENCODED_FLOAT_TYPES } from '../../data/dtype.js';
import { decodeFloatArray } from '../../data/float-codecs.js';
import type { OnnxValue, Tensor } from '../../data/tensor.js';

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(6);
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

export function describeValue(name: string, value: OnnxValue, labels?: string[]): string {
  if (value === null) return `${name}: (empty optional)`;
  if (Array.isArray(value)) return `${name}: sequence of ${value.length}\n${value.map((v, i) => '  ' + describeValue(`[${i}]`, v, labels)).join('\n')}`;
  if (value instanceof Map) return `${name}: map with ${value.size} entries`;
  const t = value as Tensor;
  const data: ArrayLike<unknown> = ENCODED_FLOAT_TYPES.has(t.type) ? decodeFloatArray(t.type, t.data as Uint8Array) : (t.data as ArrayLike<unknown>);
  const first = Array.from({ length: Math.min(8, data.length) }, (_, i) => fmt(data[i])).join(', ');
  const lines = [`${name}: ${t.type} [${t.dims.join(', ')}]  first values: ${first}${data.length > 8 ? ', ...' : ''}`];
  const classes = t.dims[t.dims.length - 1];
  if (t.size === classes && classes >= 2 && (t.type === 'float32' || t.type === 'float64')) {
    const scores = Array.from(data as ArrayLike<number>);
    const top = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 5);
    lines.push(`  top-${top.length}: ${top.map(([s, i]) => `${labels?.[i] ?? `#${i}`} (${s.toFixed(4)})`).join(', ')}`);
  }
  return lines.join('\n');
}
