// com.microsoft attention family: Attention, MultiHeadAttention, GroupQueryAttention, RotaryEmbedding.
import type { OpDefinition } from '../types.js';

export const attentionOps: OpDefinition[] = [];
