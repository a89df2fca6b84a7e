// com.microsoft SkipLayerNormalization: LayerNorm(input + skip + bias) * gamma + beta.
import { skipLayerNormOp } from './skip-layer-norm.js';

export const SkipLayerNormalization = skipLayerNormOp('SkipLayerNormalization', false);
