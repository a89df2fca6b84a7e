// Contrib conformance cases for the attention family, one file per op. Small shapes (batch
// <= 2, heads <= 4, head size <= 16, sequence <= 8), one case per attribute, optional input
// and output, and dtype. See contrib-case.ts and scripts/make-contrib-cases.ts.
import type { ContribCase } from './contrib-case.js';
import { caseRandom, input, int32, out } from './attention-case-data.js';
import { cases as bertAttentionCases } from './bert-attention-cases.js';
import { cases as dmmhaCases } from './dmmha-cases.js';
import { cases as gqaCases } from './gqa-cases.js';
import { cases as mhaCases } from './mha-cases.js';
import { cases as rotaryCases } from './rotary-cases.js';
import { singleNodeCase } from './single-node.js';

/**
 * SparseAttention: onnxruntime's CPU kernel runs only when past and present share one buffer
 * (I/O binding), which a model with separate outputs cannot ask for, so this case records the
 * refusal and onnx-ts does not implement the op.
 */
function sparseAttention(): ContribCase {
  const name = 'test_sparseattention_block_causal';
  const rng = caseRandom(name);
  return singleNodeCase({
    name, op: 'SparseAttention',
    inputs: [
      input('query', rng.float32([1, 4, 32])), input('key', rng.float32([1, 4, 16])), input('value', rng.float32([1, 4, 16])),
      input('past_key', rng.float32([1, 1, 8, 16])), input('past_value', rng.float32([1, 1, 8, 16])),
      input('block_row_indices', int32([0, 1, 3], [1, 3])), input('block_col_indices', int32([0, 0, 1], [1, 3])),
      input('total_sequence_length', int32([4])), input('key_total_sequence_lengths', int32([4])),
    ],
    outputs: [out('output', 'float32'), out('present_key', 'float32'), out('present_value', 'float32')],
    attributes: { num_heads: 2, kv_num_heads: 1, sparse_block_size: 4 },
  });
}

export const cases: ContribCase[] = [...bertAttentionCases, ...mhaCases, ...gqaCases, ...dmmhaCases, ...rotaryCases, sparseAttention()];
