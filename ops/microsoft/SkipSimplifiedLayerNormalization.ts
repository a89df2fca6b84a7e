// com.microsoft SkipSimplifiedLayerNormalization: RMSNorm(input + skip + bias) * gamma, the
// residual-add-and-norm of Llama-style decoders (onnxruntime-genai's model builder).
import { skipLayerNormOp } from './skip-layer-norm.js';

export const SkipSimplifiedLayerNormalization = skipLayerNormOp('SkipSimplifiedLayerNormalization', true);
