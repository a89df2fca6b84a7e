// Netpbm images: P1/P4 bitmaps, P2/P5 graymaps, P3/P6 pixmaps (ASCII and binary), maxval up
// to 65535 (scaled to 8 bits).
import { type DecodedImage, checkImageSize, truncated } from './decoded-image.js';

export function isPnm(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0x50 && b[1] >= 0x31 && b[1] <= 0x36 && /\s/.test(String.fromCharCode(b[2]));
}

export function decodePnm(b: Uint8Array): DecodedImage {
  const kind = b[1] - 0x30;
  let at = 2;
  const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
  /** The next decimal number, skipping whitespace and # comments. */
  const nextInt = (): number => {
    for (;;) {
      while (at < b.length && isSpace(b[at])) at++;
      if (b[at] !== 0x23) break;
      while (at < b.length && b[at] !== 0x0a && b[at] !== 0x0d) at++;
    }
    const start = at;
    let v = 0;
    while (at < b.length && b[at] >= 0x30 && b[at] <= 0x39) v = v * 10 + (b[at++] - 0x30);
    if (at === start) throw truncated('PNM');
    return v;
  };
  const width = nextInt();
  const height = nextInt();
  checkImageSize('PNM', width, height);
  const bitmap = kind === 1 || kind === 4;
  const maxval = bitmap ? 1 : nextInt();
  if (maxval < 1 || maxval > 65535) throw truncated('PNM');
  const channels = kind === 3 || kind === 6 ? 3 : 1;
  const n = width * height * channels;
  const out = new Uint8Array(n);
  const scale = (v: number) => (bitmap ? (v ? 0 : 255) : Math.round((Math.min(v, maxval) * 255) / maxval));
  if (kind <= 3) {
    for (let i = 0; i < n; i++) {
      if (kind === 1) {
        // plain bitmaps may run their digits together
        while (at < b.length && (isSpace(b[at]) || b[at] === 0x23)) {
          if (b[at] === 0x23) while (at < b.length && b[at] !== 0x0a) at++;
          else at++;
        }
        if (at >= b.length) throw truncated('PNM');
        out[i] = scale(b[at++] - 0x30);
      } else out[i] = scale(nextInt());
    }
  } else {
    at++; // the single whitespace byte ending the header
    if (kind === 4) {
      const rowBytes = Math.ceil(width / 8);
      if (at + rowBytes * height > b.length) throw truncated('PNM');
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) out[y * width + x] = scale((b[at + y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1);
      }
    } else {
      const wide = maxval > 255;
      if (at + n * (wide ? 2 : 1) > b.length) throw truncated('PNM');
      for (let i = 0; i < n; i++) out[i] = scale(wide ? (b[at + 2 * i] << 8) | b[at + 2 * i + 1] : b[at + i]);
    }
  }
  return { width, height, channels, data: out };
}
