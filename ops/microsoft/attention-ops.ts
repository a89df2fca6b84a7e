// com.microsoft attention family: Attention, MultiHeadAttention, GroupQueryAttention,
// DecoderMaskedMultiHeadAttention and RotaryEmbedding.
import type { OpDefinition } from '../types.js';
import { Attention } from './Attention.js';
import { DecoderMaskedMultiHeadAttention } from './DecoderMaskedMultiHeadAttention.js';
import { GroupQueryAttention } from './GroupQueryAttention.js';
import { MultiHeadAttention } from './MultiHeadAttention.js';
import { RotaryEmbedding } from './RotaryEmbedding.js';

export const attentionOps: OpDefinition[] = [Attention, DecoderMaskedMultiHeadAttention, GroupQueryAttention, MultiHeadAttention, RotaryEmbedding];
