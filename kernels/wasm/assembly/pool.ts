// wasm_f32_pool_2d: max and average pooling over NCHW planes, and the global average.
// Windows are clipped to the input once per output, so the inner loops carry no checks.

/** Max over each window; dilations allowed. NaNs lose to numbers; an all-NaN window gives NaN. */
export function maxpool_2d(
  x: usize, y: usize, planes: i32, h: i32, w: i32, oh: i32, ow: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, padT: i32, padL: i32, dh: i32, dw: i32,
): void {
  const rowStep = <usize>dh * <usize>w << 2, colStep = <usize>dw << 2;
  // 4 outputs at once where their windows are dense runs of columns (stride 1 or 2): the scalar
  // loop is one chain of compare-and-select per output, latency-bound at ~40 cycles each
  const vectorCols = dw == 1 && (sw == 1 || sw == 2);
  for (let c = 0; c < planes; c++) {
    const src = x + (<usize>c * <usize>h * <usize>w << 2);
    let dst = y + (<usize>c * <usize>oh * <usize>ow << 2);
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - padT;
      const rowsInside = y0 >= 0 && y0 + (kh - 1) * dh < h;
      for (let ox = 0; ox < ow;) {
        const x0 = ox * sw - padL;
        // the last column a 4-wide step reads: two vectors per window column when the stride is 2
        if (rowsInside && vectorCols && ox + 4 <= ow && x0 >= 0 && x0 + kw - 1 + 4 * sw - 1 < w) {
          v128.store(dst, windowMax4(src, w, y0, x0, kh, kw, sw, rowStep, h, dh));
          dst += 16;
          ox += 4;
          continue;
        }
        let m: f32 = -Infinity;
        if (rowsInside && x0 >= 0 && x0 + (kw - 1) * dw < w) {
          // the window lies inside the image: no bounds checks
          let row = src + ((<usize>y0 * <usize>w + <usize>x0) << 2);
          for (let i = 0; i < kh; i++) {
            let p = row;
            for (let j = 0; j < kw; j++) {
              const v = load<f32>(p);
              // branch-free: random data would mispredict a branch half the time
              m = select<f32>(v, m, v > m);
              p += colStep;
            }
            row += rowStep;
          }
          // only a window of NaN and -Infinity leaves m at -Infinity: settle NaN there
          if (m == -Infinity) m = windowMaxChecked(src, h, w, y0, x0, kh, kw, dh, dw);
        } else {
          m = windowMaxChecked(src, h, w, y0, x0, kh, kw, dh, dw);
        }
        store<f32>(dst, m);
        dst += 4;
        ox++;
      }
    }
  }
}

/**
 * The maxima of 4 adjacent windows inside the image (dilation 1 along columns, stride sw of 1
 * or 2), with the scalar loop's rule: NaN is skipped, and a window of only NaN and -Infinity
 * is settled by windowMaxChecked. Each window row has its own accumulator, so rows overlap.
 */
@inline function windowMax4(src: usize, w: i32, y0: i32, x0: i32, kh: i32, kw: i32, sw: i32, rowStep: usize, h: i32, dh: i32): v128 {
  let row = src + ((<usize>y0 * <usize>w + <usize>x0) << 2);
  let m = f32x4.splat(-Infinity);
  for (let i = 0; i < kh; i++) {
    let r = f32x4.splat(-Infinity);
    let p = row;
    for (let j = 0; j < kw; j++) {
      const v = sw == 1 ? v128.load(p) : i32x4.shuffle(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
      r = f32x4.pmax(r, v); // r < v ? v : r: NaN never wins, and the first of equal values stays
      p += 4;
    }
    m = f32x4.pmax(m, r);
    row += rowStep;
  }
  if (v128.any_true(f32x4.eq(m, f32x4.splat(-Infinity)))) {
    if (f32x4.extract_lane(m, 0) == -Infinity) m = f32x4.replace_lane(m, 0, windowMaxChecked(src, h, w, y0, x0, kh, kw, dh, 1));
    if (f32x4.extract_lane(m, 1) == -Infinity) m = f32x4.replace_lane(m, 1, windowMaxChecked(src, h, w, y0, x0 + sw, kh, kw, dh, 1));
    if (f32x4.extract_lane(m, 2) == -Infinity) m = f32x4.replace_lane(m, 2, windowMaxChecked(src, h, w, y0, x0 + 2 * sw, kh, kw, dh, 1));
    if (f32x4.extract_lane(m, 3) == -Infinity) m = f32x4.replace_lane(m, 3, windowMaxChecked(src, h, w, y0, x0 + 3 * sw, kh, kw, dh, 1));
  }
  return m;
}

/** The max of one window clipped to the image, with the NaN rule; -Infinity if it is empty. */
function windowMaxChecked(src: usize, h: i32, w: i32, y0: i32, x0: i32, kh: i32, kw: i32, dh: i32, dw: i32): f32 {
  let m: f32 = -Infinity;
  let cells = 0, numbers = 0;
  for (let i = 0; i < kh; i++) {
    const iy = y0 + i * dh;
    if (iy < 0 || iy >= h) continue;
    const row = src + (<usize>iy * <usize>w << 2);
    for (let j = 0; j < kw; j++) {
      const ix = x0 + j * dw;
      if (ix < 0 || ix >= w) continue;
      const v = load<f32>(row + (<usize>ix << 2));
      cells++;
      if (v == v) numbers++;
      if (v > m) m = v;
    }
  }
  return cells > 0 && numbers == 0 ? NaN : m;
}

/**
 * Mean over each window (dilation 1). With countPad the divisor counts the padding cells
 * inside [-padT, h + padB) x [-padL, w + padR); without, only the input cells.
 */
export function avgpool_2d(
  x: usize, y: usize, planes: i32, h: i32, w: i32, oh: i32, ow: i32, kh: i32, kw: i32,
  sh: i32, sw: i32, padT: i32, padL: i32, padB: i32, padR: i32, countPad: i32,
): void {
  for (let c = 0; c < planes; c++) {
    const src = x + (<usize>c * <usize>h * <usize>w << 2);
    let dst = y + (<usize>c * <usize>oh * <usize>ow << 2);
    for (let oy = 0; oy < oh; oy++) {
      let ys = oy * sh - padT, ye = min(ys + kh, h + padB);
      const padRows = ye - ys;
      ys = max(ys, 0); ye = min(ye, h);
      for (let ox = 0; ox < ow; ox++) {
        let xs = ox * sw - padL, xe = min(xs + kw, w + padR);
        const padCols = xe - xs;
        xs = max(xs, 0); xe = min(xe, w);
        let s: f32 = 0;
        for (let iy = ys; iy < ye; iy++) {
          const row = src + (<usize>iy * <usize>w << 2);
          for (let ix = xs; ix < xe; ix++) s += load<f32>(row + (<usize>ix << 2));
        }
        const count = countPad ? padRows * padCols : (ye - ys) * (xe - xs);
        store<f32>(dst, count > 0 ? s / <f32>count : NaN);
        dst += 4;
      }
    }
  }
}

/** y[c] = mean of plane c (size elements). */
export function global_avgpool(x: usize, y: usize, planes: i32, size: i32): void {
  for (let c = 0; c < planes; c++) {
    const p = x + (<usize>c * <usize>size << 2);
    let acc = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= size; i += 4) acc = f32x4.add(acc, v128.load(p + (<usize>i << 2)));
    let s: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
    for (; i < size; i++) s += load<f32>(p + (<usize>i << 2));
    store<f32>(y + (<usize>c << 2), s / <f32>size);
  }
}
