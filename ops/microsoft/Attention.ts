// com.microsoft Attention: the BERT/GPT-2 attention block onnxruntime's optimizer fuses, with
// the Q/K/V projection inside (input x weights + bias), mask_index in its 1-D, 2-D and 3-D
// forms, the GPT-2 past state (2, batch, heads, past, head size) and a causal mask.
import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { floatData, floatTensor } from '../helpers/float-data.js';
import { matmulF64 } from '../helpers/matmul-f64.js';
import { outputRequested } from '../helpers/requested-outputs.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { OpDefinition } from '../types.js';
import { gatherHeads, rowHeads } from './attention-heads.js';
import { attentionBiasView, maskScores } from './attention-mask.js';
import { appendToCache } from './kv-cache.js';
import { maskedAttention } from './masked-attention.js';

const OP = 'Attention';

function fail(message: string, input: string): never {
  throw new InvalidInputError(`${OP}: ${message}`, input);
}

/** input (batch * seq, inHidden) x weights (inHidden, width) + bias, as (batch * seq, width). */
function project(x: ArrayLike<number>, rows: number, inHidden: number, w: ArrayLike<number>, width: number, bias: ArrayLike<number> | undefined): Float64Array {
  const y = new Float64Array(rows * width);
  if (bias) for (let r = 0; r < rows; r++) for (let j = 0; j < width; j++) y[r * width + j] = bias[j];
  matmulF64(x, 0, w, 0, y, 0, rows, inHidden, width, false, true);
  return y;
}

export const Attention: OpDefinition = defineOp(OP, 1, (ctx) => {
  const { attrs } = ctx;
  const heads = attrs.required('num_heads', attrs.int('num_heads'));
  if (heads <= 0) throw attrs.error(`num_heads must be positive, got ${heads}`, 'num_heads');
  const filterValue = attrs.float('mask_filter_value', -10000);
  const scaleAttr = attrs.float('scale', 0);
  const unidirectional = attrs.int('unidirectional', 0) !== 0;
  const sizes = attrs.ints('qkv_hidden_sizes');
  if (sizes && (sizes.length !== 3 || sizes[0] !== sizes[1] || sizes.some((s) => s <= 0 || s % heads !== 0))) {
    throw attrs.error(`qkv_hidden_sizes must be [D, D, Dv] with D and Dv positive multiples of num_heads ${heads}, got [${sizes}]`, 'qkv_hidden_sizes');
  }
  if (attrs.int('do_rotary', 0) !== 0) throw attrs.error('do_rotary is not supported (onnxruntime CPU does not run it either)', 'do_rotary');
  if (attrs.int('past_present_share_buffer', 0) !== 0) {
    throw attrs.error('past_present_share_buffer is not supported: past and present are separate tensors here', 'past_present_share_buffer');
  }
  const wantPresent = outputRequested(ctx.node, 1);
  return (inputs) => {
    const x = tensorInput(inputs, 0, `${OP} input`);
    const w = tensorInput(inputs, 1, `${OP} weights`);
    const biasT = optionalTensorInput(inputs, 2);
    const maskT = optionalTensorInput(inputs, 3);
    const past = optionalTensorInput(inputs, 4);
    const attnBias = optionalTensorInput(inputs, 5);
    if (optionalTensorInput(inputs, 6)) fail('past_sequence_length (shared past/present buffers) is not supported', 'past_sequence_length');
    for (const [t, what] of [[w, 'weights'], [biasT, 'bias'], [past, 'past'], [attnBias, 'attention_bias']] as const) {
      if (t && t.type !== x.type) fail(`${what} must be ${x.type} like input, got ${t.type}`, what);
    }
    if (x.dims.length !== 3) fail(`input must be 3-D (batch, sequence, hidden), got [${x.dims}]`, 'input');
    const [batch, seq, inHidden] = x.dims;
    if (w.dims.length !== 2 || w.dims[0] !== inHidden) fail(`weights must be (${inHidden}, 3 * hidden), got [${w.dims}]`, 'weights');
    const width = w.dims[1];
    const [qkHidden, , vHidden] = sizes ?? [width / 3, width / 3, width / 3];
    if (2 * qkHidden + vHidden !== width || !Number.isInteger(qkHidden)) {
      fail(`weights width ${width} is not ${sizes ? `the sum of qkv_hidden_sizes [${sizes}]` : 'three equal hidden sizes'}`, 'weights');
    }
    if (qkHidden % heads !== 0 || vHidden % heads !== 0) fail(`hidden sizes ${qkHidden}/${vHidden} are not divisible by num_heads ${heads}`, 'weights');
    if (biasT && (biasT.dims.length !== 1 || biasT.dims[0] !== width)) fail(`bias must be (${width}), got [${biasT.dims}]`, 'bias');
    const headSize = qkHidden / heads, vHeadSize = vHidden / heads;
    let pastLen = 0;
    if (past) {
      if (qkHidden !== vHidden) fail('past state needs Q, K and V of one hidden size', 'past');
      const d = past.dims;
      if (d.length !== 5 || d[0] !== 2 || d[1] !== batch || d[2] !== heads || d[4] !== headSize) {
        fail(`past must be (2, ${batch}, ${heads}, past sequence, ${headSize}), got [${d}]`, 'past');
      }
      pastLen = d[3];
    }
    const totalLen = pastLen + seq;

    const qkv = project(floatData(x, 'input'), batch * seq, inHidden, floatData(w, 'weights'), width, biasT && floatData(biasT, 'bias'));
    const q = gatherHeads(qkv, rowHeads(seq, width, 0, headSize), batch, seq, heads, headSize);
    let k = gatherHeads(qkv, rowHeads(seq, width, qkHidden, headSize), batch, seq, heads, headSize);
    let v = gatherHeads(qkv, rowHeads(seq, width, 2 * qkHidden, vHeadSize), batch, seq, heads, vHeadSize);
    if (past) {
      const pastData = floatData(past, 'past');
      const half = batch * heads * pastLen * headSize;
      const append = { batch, heads, headSize, pastRows: pastLen, pastLength: () => pastLen, newRows: seq, presentRows: totalLen };
      k = appendToCache(pastData.subarray(0, half), k, append);
      v = appendToCache(pastData.subarray(half), v, append);
    }
    if (maskT && maskT.dims.length === 4) {
      fail('a 4-D mask_index (Megatron GPT-2) is not supported (onnxruntime CPU does not run it either)', 'mask_index');
    }
    const mask = maskScores(OP, 'mask_index', maskT, { batch, qLen: seq, totalLen, pastLen, filterValue, causal: unidirectional && seq > 1 });
    const biasView = attnBias && attentionBiasView(OP, attnBias, floatData(attnBias, 'attention_bias'), batch, heads, seq, totalLen);
    const y = maskedAttention({
      batch, heads, qLen: seq, totalLen, headSize, vHeadSize, q, k, v,
      scale: scaleAttr !== 0 ? scaleAttr : 1 / Math.sqrt(headSize), mask, bias: biasView,
    });
    let present: Tensor | null = null;
    if (wantPresent) {
      const both = new Float32Array(k.length + v.length);
      both.set(k);
      both.set(v, k.length);
      present = floatTensor(x.type, both, [2, batch, heads, totalLen, headSize]);
    }
    return [floatTensor(x.type, y, [batch, seq, vHidden]), present];
  };
}, MICROSOFT_DOMAIN);
