// RotaryEmbedding cases: 3-D and 4-D input, interleaved or split halves, position_ids as
// (batch, sequence) or one start position, partial rotary_embedding_dim with num_heads,
// float16.
import { type AttributeInput, floatAttr } from '../../graph/graph-builder.js';
import type { ContribCase } from './contrib-case.js';
import { type Float, caseRandom, input, int64, out } from './attention-case-data.js';
import { rotaryCaches } from './gqa-cases.js';
import { singleNodeCase } from './single-node.js';

interface RotarySpec {
  variant: string;
  type?: Float;
  /** (batch, sequence, hidden) or (batch, heads, sequence, head size). */
  dims: number[];
  positions: { values: number[]; dims: number[] };
  rotaryDim: number;
  rows?: number;
  attributes?: Record<string, AttributeInput>;
}

function rotary(s: RotarySpec): ContribCase {
  const name = `test_rotaryembedding_${s.variant}`;
  const rng = caseRandom(name);
  const type = s.type ?? 'float32';
  const [cos, sin] = rotaryCaches(type, s.rows ?? 16, s.rotaryDim);
  return singleNodeCase({
    name, op: 'RotaryEmbedding',
    inputs: [input('input', rng.floats(type, s.dims)), input('position_ids', int64(s.positions.values, s.positions.dims)),
      input('cos_cache', cos, true), input('sin_cache', sin, true)],
    outputs: [out('output', type)],
    attributes: s.attributes,
  });
}

const grid = (batch: number, seq: number, f: (b: number, s: number) => number) =>
  ({ values: Array.from({ length: batch * seq }, (_, i) => f(Math.floor(i / seq), i % seq)), dims: [batch, seq] });

export const cases: ContribCase[] = [
  rotary({ variant: '3d', dims: [2, 3, 32], positions: grid(2, 3, (b, s) => b + s), rotaryDim: 16, attributes: { num_heads: 2 } }),
  rotary({ variant: '3d_from_caches', dims: [2, 3, 32], positions: grid(2, 3, (b, s) => 2 * s + b), rotaryDim: 16 }),
  rotary({ variant: '3d_interleaved', dims: [2, 3, 32], positions: grid(2, 3, (b, s) => 3 * b + s), rotaryDim: 16, attributes: { interleaved: 1 } }),
  rotary({ variant: '4d', dims: [2, 2, 3, 16], positions: grid(2, 3, (b, s) => 5 - s - b), rotaryDim: 16 }),
  rotary({ variant: '4d_interleaved', dims: [1, 4, 4, 16], positions: grid(1, 4, (_, s) => 8 + s), rotaryDim: 16, attributes: { interleaved: 1 } }),
  rotary({ variant: 'start_position', dims: [2, 4, 32], positions: { values: [5], dims: [1] }, rotaryDim: 16 }),
  rotary({ variant: 'partial', dims: [2, 3, 64], positions: grid(2, 3, (b, s) => b * 3 + s), rotaryDim: 16, attributes: { num_heads: 2, rotary_embedding_dim: 16 } }),
  rotary({ variant: 'partial_interleaved', dims: [1, 2, 3, 32], positions: grid(1, 3, (_, s) => 4 + s), rotaryDim: 16, attributes: { num_heads: 2, rotary_embedding_dim: 16, interleaved: 1 } }),
  rotary({ variant: 'float16', type: 'float16', dims: [2, 3, 32], positions: grid(2, 3, (b, s) => b + 2 * s), rotaryDim: 16 }),
  rotary({ variant: 'float16_4d_interleaved', type: 'float16', dims: [1, 2, 4, 16], positions: { values: [2], dims: [1] }, rotaryDim: 16, attributes: { interleaved: 1 } }),
  rotary({ variant: 'scale', dims: [1, 3, 32], positions: grid(1, 3, (_, s) => s), rotaryDim: 16, attributes: { scale: floatAttr(2.5) } }),
  rotary({ variant: 'packed_batching', dims: [2, 3, 32], positions: grid(2, 3, (b, s) => b + s), rotaryDim: 16, attributes: { is_packed_batching: 1 } }),
];
