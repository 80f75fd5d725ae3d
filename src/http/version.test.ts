import { describe, expect, it } from 'vitest';
import { NotifiedVersion } from './version.ts';

/** A version store that counts its reads, and a subscription the test drives by hand. */
function setup() {
  let stored = 'v1';
  let reads = 0;
  const read = async () => {
    reads++;
    return stored;
  };
  let onChange: (v: string) => void = () => {};
  let onState: (up: boolean) => void = () => {};
  let closed = false;
  const version = new NotifiedVersion(read, 60_000);
  const listen = () =>
    version.listen(async (c, s) => {
      onChange = c;
      onState = s;
      return { close: async () => void (closed = true) };
    });
  return {
    version,
    listen,
    set: (v: string) => (stored = v),
    reads: () => reads,
    notify: (v: string) => onChange(v),
    state: (up: boolean) => onState(up),
    closed: () => closed,
  };
}

describe('NotifiedVersion', () => {
  it('while listening, reads once and then follows notifications without reading', async () => {
    const t = setup();
    await t.listen();
    t.state(true);
    expect(await t.version.current()).toBe('v1');
    expect(await t.version.current()).toBe('v1');
    expect(t.reads()).toBe(1);
    t.set('v2');
    t.notify('v2');
    expect(await t.version.current()).toBe('v2');
    expect(t.version.peek()).toBe('v2');
    expect(t.reads()).toBe(1);
  });

  it('when the connection drops, falls back to the poll and re-reads when it is back', async () => {
    const t = setup();
    await t.listen();
    t.state(true);
    await t.version.current();
    t.state(false);
    t.set('v3'); // committed while nobody listened
    expect(t.version.isListening).toBe(false);
    expect(await t.version.current()).toBe('v3');
    expect(t.reads()).toBe(2);
    t.set('v4');
    t.state(true);
    expect(await t.version.current()).toBe('v4');
    expect(t.reads()).toBe(3);
  });

  it('forgets on invalidate (its own write) and closes the subscription', async () => {
    const t = setup();
    await t.listen();
    t.state(true);
    await t.version.current();
    t.set('v5');
    t.version.invalidate();
    expect(await t.version.current()).toBe('v5');
    await t.version.close();
    expect(t.closed()).toBe(true);
    expect(t.version.isListening).toBe(false);
  });
});
