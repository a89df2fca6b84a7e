// MT19937 with numpy's legacy RandomState seeding and its 53-bit uniform doubles, so that a
// seeded op reproduces the streams of numpy-based references (np.random.seed(s); uniform()).

const N = 624;
const M = 397;

export class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** numpy's RandomState.seed(int): the seed reduced to 32 bits initializes the state. */
  seed(seed: number): void {
    const mt = this.mt;
    mt[0] = Number(BigInt.asUintN(32, BigInt(Math.trunc(seed))));
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i in 32-bit arithmetic, split to stay exact in doubles
      mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
    this.index = N;
  }

  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (numpy's random_sample). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

/** A seed for generators whose op gives none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
