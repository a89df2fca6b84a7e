// onnxruntime's contrib operators (domain com.microsoft, plus the few it registers in ai.onnx),
// with the semantics of onnxruntime's docs/ContribOperators.md.
import type { OpDefinition } from '../types.js';
import { attentionOps } from './attention-ops.js';
import { layerOps } from './layer-ops.js';
import { quantizedOps } from './quantized-ops.js';

export const microsoftOps: OpDefinition[] = [...layerOps, ...quantizedOps, ...attentionOps];
