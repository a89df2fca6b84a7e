// com.microsoft normalizations, activations and onnxruntime's own fusions.
import type { OpDefinition } from '../types.js';

export const layerOps: OpDefinition[] = [];
