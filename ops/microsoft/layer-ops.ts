// com.microsoft normalizations, activations and onnxruntime's own fusions, plus the two
// normalizations onnxruntime registers in ai.onnx (LayerNormalization before opset 17,
// SimplifiedLayerNormalization).
import type { OpDefinition } from '../types.js';
import { BiasAdd } from './BiasAdd.js';
import { BiasGelu } from './BiasGelu.js';
import { BiasSoftmax } from './BiasSoftmax.js';
import { BiasSplitGelu } from './BiasSplitGelu.js';
import { EmbedLayerNormalization } from './EmbedLayerNormalization.js';
import { FastGelu } from './FastGelu.js';
import { FusedConv } from './FusedConv.js';
import { FusedGemm } from './FusedGemm.js';
import { FusedMatMul } from './FusedMatMul.js';
import { Gelu } from './Gelu.js';
import { LayerNormalization } from './LayerNormalization.js';
import { NhwcMaxPool } from './NhwcMaxPool.js';
import { QuickGelu } from './QuickGelu.js';
import { SimplifiedLayerNormalization } from './SimplifiedLayerNormalization.js';
import { SkipLayerNormalization } from './SkipLayerNormalization.js';
import { SkipSimplifiedLayerNormalization } from './SkipSimplifiedLayerNormalization.js';

export const layerOps: OpDefinition[] = [
  SkipLayerNormalization, SkipSimplifiedLayerNormalization, SimplifiedLayerNormalization, LayerNormalization,
  EmbedLayerNormalization,
  Gelu, BiasGelu, FastGelu, QuickGelu, BiasAdd, BiasSplitGelu, BiasSoftmax,
  FusedConv, FusedMatMul, FusedGemm, NhwcMaxPool,
];
