// com.microsoft NhwcMaxPool: MaxPool on a channels-last tensor [N, spatial..., C] (onnxruntime's
// quantized NHWC transform writes it; its CPU kernel takes int8 and uint8). The pooling is
// ai.onnx MaxPool on the channels-first view.
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { permuteAxes } from '../helpers/strided-copy.js';
import { tensorInput } from '../helpers/values.js';
import { checkRank } from './contrib-checks.js';
import { createOnnxBase, runBase } from './onnx-base-ops.js';

export const NhwcMaxPool = defineOp('NhwcMaxPool', 1, (ctx) => {
  const pool = createOnnxBase(ctx, 'MaxPool', 12, { inputs: 1 });
  return async (inputs) => {
    const x = tensorInput(inputs, 0, 'x');
    checkRank('NhwcMaxPool', 'x', x, [3, 4, 5]);
    const r = x.dims.length;
    const toFirst = [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)];
    const toLast = [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1];
    // the pooled NCHW tensor is an intermediate, so it takes no planned output memory
    const y = await runBase(pool, [permuteAxes(x, toFirst)], undefined);
    return [permuteAxes(y, toLast)];
  };
}, MICROSOFT_DOMAIN);
