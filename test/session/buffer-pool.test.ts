// The pool of freed intermediate buffers: size classes a quarter-power of two apart, reuse
// within a class, and a cap on idle bytes.
import { describe, expect, it } from 'vitest';
import { BufferPool, sizeClass } from '../../src/session/buffer-pool.js';

describe('BufferPool', () => {
  it('rounds sizes up to classes at most 25% larger, a quarter-power of two apart', () => {
    expect(sizeClass(1)).toBe(64);
    expect(sizeClass(1000)).toBe(1024);
    expect(sizeClass(1025)).toBe(1280);
    expect(sizeClass(1280)).toBe(1280);
    for (const n of [65, 999, 4097, 123_457, 10_000_001]) {
      const c = sizeClass(n);
      expect(c).toBeGreaterThanOrEqual(n);
      expect(c / n).toBeLessThanOrEqual(1.25);
      expect(sizeClass(c)).toBe(c);
    }
  });

  it('hands a freed buffer back for any size of its class, once', () => {
    const pool = new BufferPool(1 << 20);
    const buf = pool.create(1000);
    expect(pool.take(900)).toBeUndefined();
    pool.put(buf);
    expect(pool.take(1100)).toBeUndefined(); // another class
    expect(pool.take(900)).toBe(buf);
    expect(pool.take(900)).toBeUndefined();
  });

  it('keeps no more idle bytes than its cap, and nothing when turned off', () => {
    const pool = new BufferPool(2048);
    const [a, b, c] = [pool.create(1024), pool.create(1024), pool.create(1024)];
    [a, b, c].forEach((x) => pool.put(x));
    expect([pool.take(1024), pool.take(1024), pool.take(1024)].filter(Boolean)).toHaveLength(2);
    const off = new BufferPool(0);
    expect(off.enabled).toBe(false);
    off.put(off.create(64));
    expect(off.take(64)).toBeUndefined();
  });
});
