import { InvalidInputError } from '../../data/errors.js';
import type { OnnxValue } from '../../data/tensor.js';
import { defineOp } from '../define.js';
import { type FloatArray, allocFloat, floatData, floatTensor } from '../helpers/float-data.js';
import { fromCompute, tensorInput } from '../helpers/values.js';
import type { KernelFn, OpContext } from '../types.js';
import { channelLayout } from './channel-params.js';

/**
 * BatchNormalization across versions:
 * - 1, 6: `is_test` selects inference; `spatial` (default 1) chooses per-channel statistics,
 *   or per-(channel, position) ones with parameters of shape (C x D1 x ...) when 0.
 * - 7: no `is_test`; training when the statistics outputs are requested.
 * - 9: `spatial` removed (always per channel).
 * - 14, 15: `training_mode` attribute; outputs running_mean and running_var.
 * Training normalizes with the batch statistics (population variance) and returns the
 * running estimates input * momentum + batch * (1 - momentum).
 */
function batchNormalization(since: number) {
  return defineOp('BatchNormalization', since, (ctx: OpContext): KernelFn => {
    const epsilon = ctx.attrs.float('epsilon', 1e-5);
    const momentum = ctx.attrs.float('momentum', 0.9);
    const spatial = since < 9 ? ctx.attrs.int('spatial', 1) !== 0 : true;
    const extraOutputs = ctx.node.outputs.slice(1).some((o) => o !== '');
    const training = since >= 14
      ? ctx.attrs.int('training_mode', 0) !== 0
      : extraOutputs && (since >= 7 || ctx.attrs.int('is_test', 0) === 0);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      const { n, c, spatial: size } = channelLayout(x.dims);
      // parameters are per channel, or per channel and position when not spatial
      const perPosition = !spatial && size > 1 && tensorInput(inputs, 1, 'scale').size === c * size;
      const groups = perPosition ? c * size : c;
      const param = (i: number, what: string): FloatArray => {
        const t = tensorInput(inputs, i, what);
        if (t.size !== groups) {
          throw new InvalidInputError(`${what} must have ${groups} elements (${perPosition ? 'C x D1 x ...' : 'one per channel'}), got shape [${t.dims}]`);
        }
        return floatData(t, what);
      };
      const scale = param(1, 'scale');
      const bias = param(2, 'B');
      const meanT = tensorInput(inputs, 3, 'input_mean');
      const varT = tensorInput(inputs, 4, 'input_var');
      let mean: ArrayLike<number> = param(3, 'input_mean');
      let variance: ArrayLike<number> = param(4, 'input_var');
      const xv = floatData(x, 'X');
      const extra: OnnxValue[] = [];
      if (training) {
        const batch = batchStatistics(xv, n, c, size, perPosition);
        const runMean = new Float64Array(groups);
        const runVar = new Float64Array(groups);
        for (let g = 0; g < groups; g++) {
          runMean[g] = mean[g] * momentum + batch.mean[g] * (1 - momentum);
          runVar[g] = variance[g] * momentum + batch.variance[g] * (1 - momentum);
        }
        extra.push(floatTensor(meanT.type, runMean, meanT.dims), floatTensor(varT.type, runVar, varT.dims));
        if (since < 14) {
          extra.push(floatTensor(meanT.type, batch.mean, meanT.dims), floatTensor(varT.type, batch.variance, varT.dims));
        }
        mean = batch.mean;
        variance = batch.variance;
      }
      // y = x * a + shift with a = scale / sqrt(var + eps), shift = B - mean * a
      const a = new Float64Array(groups);
      const shift = new Float64Array(groups);
      for (let g = 0; g < groups; g++) {
        a[g] = scale[g] / Math.sqrt(variance[g] + epsilon);
        shift[g] = bias[g] - mean[g] * a[g];
      }
      const y = allocFloat(x.type, x.size);
      for (let b = 0; b < n; b++) {
        for (let ch = 0; ch < c; ch++) {
          const base = (b * c + ch) * size;
          if (perPosition) {
            const pg = ch * size;
            for (let i = 0; i < size; i++) y[base + i] = xv[base + i] * a[pg + i] + shift[pg + i];
          } else {
            const ac = a[ch], sc = shift[ch];
            for (let i = base; i < base + size; i++) y[i] = xv[i] * ac + sc;
          }
        }
      }
      return [fromCompute(x.type, y, x.dims), ...extra];
    };
  });
}

/** Batch mean and population variance per channel (or per channel and position). */
function batchStatistics(x: ArrayLike<number>, n: number, c: number, size: number, perPosition: boolean) {
  const groups = perPosition ? c * size : c;
  const count = perPosition ? n : n * size;
  const mean = new Float64Array(groups);
  const variance = new Float64Array(groups);
  const group = (ch: number, i: number) => (perPosition ? ch * size + i : ch);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const base = (b * c + ch) * size;
      for (let i = 0; i < size; i++) mean[group(ch, i)] += x[base + i];
    }
  }
  for (let g = 0; g < groups; g++) mean[g] /= count;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const base = (b * c + ch) * size;
      for (let i = 0; i < size; i++) {
        const d = x[base + i] - mean[group(ch, i)];
        variance[group(ch, i)] += d * d;
      }
    }
  }
  for (let g = 0; g < groups; g++) variance[g] /= count;
  return { mean, variance };
}

export const BatchNormalization = [1, 6, 7, 9, 14, 15].map(batchNormalization);
