import { defineOp } from '../define.js';
import { numbersOf, optionalTensorInput, readScalar, tensorInput } from '../helpers/values.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';

/** Corners (y1, x1, y2, x2) with y1 <= y2 and x1 <= x2, from either box encoding. */
function corners(b: ArrayLike<number>, at: number, centerPoint: boolean, out: Float64Array): void {
  if (centerPoint) {
    const [xc, yc, w, h] = [b[at], b[at + 1], b[at + 2], b[at + 3]];
    out[0] = yc - h / 2; out[1] = xc - w / 2; out[2] = yc + h / 2; out[3] = xc + w / 2;
  } else {
    // the diagonal may be given in either direction
    out[0] = Math.min(b[at], b[at + 2]); out[1] = Math.min(b[at + 1], b[at + 3]);
    out[2] = Math.max(b[at], b[at + 2]); out[3] = Math.max(b[at + 1], b[at + 3]);
  }
}

function iou(c: Float64Array, i: number, j: number): number {
  const a = i * 4, b = j * 4;
  const areaA = (c[a + 2] - c[a]) * (c[a + 3] - c[a + 1]);
  const areaB = (c[b + 2] - c[b]) * (c[b + 3] - c[b + 1]);
  if (areaA <= 0 || areaB <= 0) return 0;
  const h = Math.min(c[a + 2], c[b + 2]) - Math.max(c[a], c[b]);
  const w = Math.min(c[a + 3], c[b + 3]) - Math.max(c[a + 1], c[b + 1]);
  if (h <= 0 || w <= 0) return 0;
  const inter = h * w;
  return inter / (areaA + areaB - inter);
}

// Greedy per (batch, class): take boxes by descending score (ties: lower index first) unless
// one already taken overlaps with IoU > iou_threshold. Output rows [batch, class, box].
export const NonMaxSuppression = [10, 11].map((since) =>
  defineOp('NonMaxSuppression', since, (ctx) => {
    const centerPoint = ctx.attrs.int('center_point_box', 0) === 1;
    return (inputs) => {
      const boxes = tensorInput(inputs, 0, 'boxes');
      const scores = tensorInput(inputs, 1, 'scores');
      const maxT = optionalTensorInput(inputs, 2);
      const iouT = optionalTensorInput(inputs, 3);
      const scoreT = optionalTensorInput(inputs, 4);
      if (boxes.dims.length !== 3 || boxes.dims[2] !== 4) throw new InvalidInputError(`NonMaxSuppression: boxes must be [batch, boxes, 4], got [${boxes.dims}]`);
      if (scores.dims.length !== 3 || scores.dims[0] !== boxes.dims[0] || scores.dims[2] !== boxes.dims[1]) {
        throw new InvalidInputError(`NonMaxSuppression: scores must be [batch, classes, boxes] = [${boxes.dims[0]}, C, ${boxes.dims[1]}], got [${scores.dims}]`);
      }
      const [batches, nBoxes] = boxes.dims;
      const classes = scores.dims[1];
      const maxPerClass = maxT && maxT.size ? readScalar(maxT) : 0;
      const iouThreshold = iouT && iouT.size ? readScalar(iouT) : 0;
      const scoreThreshold = scoreT && scoreT.size ? readScalar(scoreT) : undefined;
      const b = numbersOf(boxes);
      const s = numbersOf(scores);
      const selected: number[] = [];
      const c = new Float64Array(nBoxes * 4);
      const tmp = new Float64Array(4);
      for (let n = 0; n < batches && maxPerClass > 0; n++) {
        for (let i = 0; i < nBoxes; i++) {
          corners(b, (n * nBoxes + i) * 4, centerPoint, tmp);
          c.set(tmp, i * 4);
        }
        for (let k = 0; k < classes; k++) {
          const base = (n * classes + k) * nBoxes;
          const order: number[] = [];
          for (let i = 0; i < nBoxes; i++) if (scoreThreshold === undefined || s[base + i] > scoreThreshold) order.push(i);
          order.sort((x, y) => s[base + y] - s[base + x] || x - y);
          const kept: number[] = [];
          for (const i of order) {
            if (kept.length >= maxPerClass) break;
            let suppressed = false;
            for (let q = 0; q < kept.length && !suppressed; q++) suppressed = iou(c, i, kept[q]) > iouThreshold;
            if (!suppressed) kept.push(i);
          }
          for (const i of kept) selected.push(n, k, i);
        }
      }
      return [new Tensor('int64', BigInt64Array.from(selected, BigInt), [selected.length / 3, 3])];
    };
  }),
);
