// Operators of the ai.onnx.preview domain (experimental in ONNX; their schemas may change).
import type { OpDefinition } from '../types.js';
import { FlexAttention } from './FlexAttention.js';

export const previewOps: OpDefinition[] = [...FlexAttention];
