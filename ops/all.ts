// Every reference (plain JavaScript) op implementation, registered by family.
import { castOps } from './cast/index.js';
import { fusedOps } from './fused/fused-ops.js';
import { controlOps } from './control/index.js';
import { mathOps } from './math/index.js';
import { mlOps } from './ml/index.js';
import { nnOps } from './nn/index.js';
import { reduceOps } from './reduce/index.js';
import { OpRegistry } from './registry.js';
import { signalOps } from './signal/index.js';
import { tensorOps } from './tensor/index.js';
import { imageOps } from './image/index.js';
import { randomOps } from './random/index.js';
import { trainingOps } from './training/index.js';
import { textOps } from './text/index.js';
import { previewOps } from './preview/index.js';
import { microsoftOps } from './microsoft/index.js';

export const referenceOps = new OpRegistry().register(
  ...mathOps, ...tensorOps, ...nnOps, ...reduceOps, ...castOps, ...controlOps, ...mlOps, ...signalOps, ...textOps,
  ...imageOps, ...randomOps, ...trainingOps, ...previewOps, ...microsoftOps,
);

// fused ops run the ONNX ops they were made from, resolved from this same registry
referenceOps.register(...fusedOps((opType, opset) => referenceOps.resolve('', opType, opset)));
