import { describe, expect, it } from 'vitest';
import { PolledVersion } from './cache.ts';

describe('PolledVersion', () => {
  it('reads at most once per interval, and again after invalidate()', async () => {
    let now = 0;
    let reads = 0;
    const v = new PolledVersion(
      async () => `v${++reads}`,
      1000,
      () => now,
    );
    expect(v.peek()).toBeUndefined();
    expect(await v.current()).toBe('v1');
    now = 999;
    expect(await v.current()).toBe('v1');
    expect(v.peek()).toBe('v1');
    now = 1001;
    expect(v.peek()).toBeUndefined();
    expect(await v.current()).toBe('v2');
    v.invalidate();
    expect(await v.current()).toBe('v3');
  });
});
