// Attributes and input checks common to MaxPool, AveragePool and LpPool.
import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { sameDims } from '../helpers/shape.js';
import type { OpContext } from '../types.js';
import type { WindowGeometry } from '../../data/window-geometry.js';
import { type WindowAttributes, readWindowAttributes, resolveWindow } from './conv-geometry.js';
import { type PoolPlan, planPool } from './pool-plan.js';

export interface PoolOptions {
  window: WindowAttributes;
  kernel: number[];
  ceilMode: boolean;
}

export function readPoolOptions(ctx: OpContext): PoolOptions {
  const window = readWindowAttributes(ctx);
  const kernel = ctx.attrs.required('kernel_shape', window.kernelShape);
  return { window, kernel, ceilMode: ctx.attrs.int('ceil_mode', 0) !== 0 };
}

/** Splits X [N, C, ...spatial] for a pool; `op` names it in errors. */
export function poolInput(op: string, x: Tensor): { batch: number; channels: number; inShape: number[] } {
  if (x.dims.length < 3) throw new InvalidInputError(`${op}: X must be N x C x D1 x ... (rank >= 3), got shape [${x.dims}]`);
  const [batch, channels, ...inShape] = x.dims;
  return { batch, channels, inShape };
}

/** Resolves the windows for an input shape, keeping the last plan (shapes rarely change between runs). */
export class PoolPlanner {
  private last?: { inShape: number[]; geometry: WindowGeometry; plan: PoolPlan };
  constructor(private readonly o: PoolOptions) {}

  plan(inShape: number[]): { geometry: WindowGeometry; plan: PoolPlan } {
    if (!this.last || !sameDims(this.last.inShape, inShape)) {
      const geometry = resolveWindow(this.o.window, inShape, this.o.kernel, this.o.ceilMode);
      this.last = { inShape, geometry, plan: planPool(inShape, geometry) };
    }
    return this.last;
  }
}
