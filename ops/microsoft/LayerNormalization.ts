// onnxruntime's LayerNormalization, registered in ai.onnx since opset 1 (ONNX's own arrives
// at 17 and takes over there): models exported for opsets below 17 by onnxruntime's tools use it.
import { axisLayerNormOp } from './axis-layer-norm.js';

export const LayerNormalization = axisLayerNormOp('LayerNormalization', false);
