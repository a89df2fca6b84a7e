// onnxruntime's SimplifiedLayerNormalization (RMS norm: X / sqrt(mean(X²) + epsilon) * scale),
// registered in ai.onnx since opset 1 as onnxruntime does; LLM exports write it there.
import { axisLayerNormOp } from './axis-layer-norm.js';

export const SimplifiedLayerNormalization = axisLayerNormOp('SimplifiedLayerNormalization', true);
