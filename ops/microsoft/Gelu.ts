// com.microsoft Gelu: x·Φ(x) with the exact (erf) normal CDF, onnxruntime's fusion of the
// Div/Erf/Add/Mul pattern from before ONNX had Gelu (opset 20).
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { geluErf } from './gelu-functions.js';
import { mapWithBias } from './last-axis-bias.js';

export const Gelu = defineOp('Gelu', 1, () => (inputs) => [mapWithBias('Gelu', tensorInput(inputs, 0, 'X'), undefined, geluErf)], MICROSOFT_DOMAIN);
