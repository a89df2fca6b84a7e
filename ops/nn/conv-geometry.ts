// Sliding-window geometry shared by Conv, DeformConv and the pools: the auto_pad, pads,
// strides, dilations and kernel_shape attributes resolved against an input's spatial shape.
import { InvalidInputError } from '../../data/errors.js';
import type { WindowGeometry } from '../../data/window-geometry.js';
import type { OpContext } from '../types.js';

export type AutoPad = 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';

const AUTO_PADS: readonly string[] = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'];

/** The window attributes as written on the node (per spatial axis, unchecked lengths). */
export interface WindowAttributes {
  autoPad: AutoPad;
  kernelShape?: number[];
  strides?: number[];
  /** [x1_begin, x2_begin, ..., x1_end, x2_end, ...] */
  pads?: number[];
  dilations?: number[];
}

export function readAutoPad(ctx: OpContext): AutoPad {
  const v = ctx.attrs.string('auto_pad', 'NOTSET');
  if (!AUTO_PADS.includes(v)) throw ctx.attrs.error(`auto_pad must be one of ${AUTO_PADS.join(', ')}, got "${v}"`, 'auto_pad');
  return v as AutoPad;
}

export function readWindowAttributes(ctx: OpContext): WindowAttributes {
  const attrs: WindowAttributes = {
    autoPad: readAutoPad(ctx),
    kernelShape: ctx.attrs.ints('kernel_shape'),
    strides: ctx.attrs.ints('strides'),
    pads: ctx.attrs.ints('pads'),
    dilations: ctx.attrs.ints('dilations'),
  };
  for (const [name, v] of [['kernel_shape', attrs.kernelShape], ['strides', attrs.strides], ['dilations', attrs.dilations]] as const) {
    if (v?.some((x) => !Number.isInteger(x) || x < 1)) throw ctx.attrs.error(`${name} must be positive, got [${v}]`, name);
  }
  if (attrs.pads?.some((x) => !Number.isInteger(x) || x < 0)) throw ctx.attrs.error(`pads must be non-negative, got [${attrs.pads}]`, 'pads');
  if (attrs.pads && attrs.pads.length % 2 !== 0) throw ctx.attrs.error(`pads must list a begin and an end per axis, got [${attrs.pads}]`, 'pads');
  return attrs;
}

/** An attribute list checked against the spatial rank, or its default. */
export function perAxis(name: string, value: number[] | undefined, rank: number, def: number): number[] {
  if (value === undefined || value.length === 0) return new Array<number>(rank).fill(def);
  if (value.length !== rank) {
    throw new InvalidInputError(`${name} has ${value.length} values but the input has ${rank} spatial axes`);
  }
  return value;
}

/** The extent a dilated kernel covers. */
export function dilatedExtent(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/**
 * Resolves the geometry of a window slid over `inShape` (spatial dims only). `ceilMode`
 * (pools from opset 10) rounds the output size up, dropping a last window that would start
 * in the end padding.
 */
export function resolveWindow(attrs: WindowAttributes, inShape: readonly number[], kernel: readonly number[], ceilMode = false): WindowGeometry {
  const rank = inShape.length;
  if (kernel.length !== rank) {
    throw new InvalidInputError(`kernel_shape has ${kernel.length} values but the input has ${rank} spatial axes`);
  }
  const strides = perAxis('strides', attrs.strides, rank, 1);
  const dilations = perAxis('dilations', attrs.dilations, rank, 1);
  const padsBegin = new Array<number>(rank).fill(0);
  const padsEnd = new Array<number>(rank).fill(0);
  const outShape = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const inSize = inShape[i], s = strides[i], ext = dilatedExtent(kernel[i], dilations[i]);
    if (attrs.autoPad === 'SAME_UPPER' || attrs.autoPad === 'SAME_LOWER') {
      const out = Math.ceil(inSize / s);
      const total = Math.max(0, (out - 1) * s + ext - inSize);
      // an odd total puts the extra cell at the end (UPPER) or the beginning (LOWER)
      const small = Math.floor(total / 2);
      padsBegin[i] = attrs.autoPad === 'SAME_UPPER' ? small : total - small;
      padsEnd[i] = total - padsBegin[i];
      outShape[i] = out;
      continue;
    }
    if (attrs.autoPad === 'NOTSET' && attrs.pads && attrs.pads.length > 0) {
      if (attrs.pads.length !== 2 * rank) {
        throw new InvalidInputError(`pads has ${attrs.pads.length} values but the input has ${rank} spatial axes (expected ${2 * rank})`);
      }
      padsBegin[i] = attrs.pads[i];
      padsEnd[i] = attrs.pads[i + rank];
    }
    const span = inSize + padsBegin[i] + padsEnd[i] - ext;
    if (span < 0) {
      throw new InvalidInputError(
        `the window (kernel ${kernel[i]}, dilation ${dilations[i]}) is larger than the padded input (${inSize} + pads ${padsBegin[i]}, ${padsEnd[i]}) on spatial axis ${i}`,
      );
    }
    let out = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    if (ceilMode && (out - 1) * s >= inSize + padsBegin[i]) out--;
    outShape[i] = out;
  }
  return { kernel: [...kernel], strides, dilations, padsBegin, padsEnd, outShape };
}
