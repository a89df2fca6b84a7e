// Complex FFT of any length, in float64: iterative radix-2 for powers of two, Bluestein's
// chirp-z transform (through a power-of-two FFT) otherwise. Plans are cached per length.

class Radix2 {
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly rev: Uint32Array;

  constructor(readonly n: number) {
    this.cos = new Float64Array(n / 2);
    this.sin = new Float64Array(n / 2);
    for (let k = 0; k < n / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / n);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / n);
    }
    this.rev = new Uint32Array(n);
    const bits = Math.log2(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  /** Forward transform in place (e^{-2πi kn/N}). */
  forward(re: Float64Array, im: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      const j = this.rev[i];
      if (j > i) {
        let t = re[i]; re[i] = re[j]; re[j] = t;
        t = im[i]; im[i] = im[j]; im[j] = t;
      }
    }
    for (let size = 2; size <= n; size *= 2) {
      const half = size / 2;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step];
          const wi = this.sin[k * step];
          const a = start + k;
          const b = a + half;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }
}

class Bluestein {
  private readonly inner: Radix2;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;
  /** FFT of the conjugate chirp, the convolution kernel. */
  private readonly br: Float64Array;
  private readonly bi: Float64Array;
  private readonly ar: Float64Array;
  private readonly ai: Float64Array;

  constructor(readonly n: number) {
    let m = 1;
    while (m < 2 * n - 1) m *= 2;
    this.inner = new Radix2(m);
    this.wr = new Float64Array(n);
    this.wi = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      // k² mod 2n keeps the angle small and exact for large k
      const angle = (Math.PI * ((k * k) % (2 * n))) / n;
      this.wr[k] = Math.cos(angle);
      this.wi[k] = -Math.sin(angle);
    }
    this.br = new Float64Array(m);
    this.bi = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      this.br[k] = this.wr[k];
      this.bi[k] = -this.wi[k];
      if (k > 0) {
        this.br[m - k] = this.wr[k];
        this.bi[m - k] = -this.wi[k];
      }
    }
    this.inner.forward(this.br, this.bi);
    this.ar = new Float64Array(m);
    this.ai = new Float64Array(m);
  }

  forward(re: Float64Array, im: Float64Array): void {
    const { n, ar, ai, wr, wi, br, bi } = this;
    const m = ar.length;
    ar.fill(0);
    ai.fill(0);
    for (let k = 0; k < n; k++) {
      ar[k] = re[k] * wr[k] - im[k] * wi[k];
      ai[k] = re[k] * wi[k] + im[k] * wr[k];
    }
    this.inner.forward(ar, ai);
    for (let k = 0; k < m; k++) {
      const r = ar[k] * br[k] - ai[k] * bi[k];
      const i = ar[k] * bi[k] + ai[k] * br[k];
      // conjugate so the forward FFT below acts as an inverse one
      ar[k] = r;
      ai[k] = -i;
    }
    this.inner.forward(ar, ai);
    for (let k = 0; k < n; k++) {
      const r = ar[k] / m;
      const i = -ai[k] / m;
      re[k] = r * wr[k] - i * wi[k];
      im[k] = r * wi[k] + i * wr[k];
    }
  }
}

const plans = new Map<number, Radix2 | Bluestein>();

function planFor(n: number): Radix2 | Bluestein {
  let p = plans.get(n);
  if (!p) {
    p = (n & (n - 1)) === 0 ? new Radix2(n) : new Bluestein(n);
    if (plans.size > 64) plans.clear();
    plans.set(n, p);
  }
  return p;
}

/** Unnormalized DFT of (re, im) in place; `inverse` flips the exponent's sign (no 1/N). */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n <= 1) return;
  if (inverse) for (let i = 0; i < n; i++) im[i] = -im[i];
  planFor(n).forward(re, im);
  if (inverse) for (let i = 0; i < n; i++) im[i] = -im[i];
}
