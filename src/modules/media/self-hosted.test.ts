import { describe, expect, it } from 'vitest';
import { selfHostedKinds } from './media.ts';

describe('selfHostedKinds: what a copy gives the access filter', () => {
  const ru = ['ru'];

  it('counts an English subtitle track, full or SDH, but not a forced one alone', () => {
    expect(selfHostedKinds([{ kind: 'subtitle', title: null }], ru)).toEqual(['subtitles']);
    expect(selfHostedKinds([{ kind: 'subtitle', title: null, forced: true }], ru)).toEqual([]);
    expect(
      selfHostedKinds(
        [
          { kind: 'subtitle', title: null, forced: true },
          { kind: 'subtitle', title: 'SDH', forced: false },
        ],
        ru,
      ),
    ).toEqual(['subtitles']);
  });

  it('counts English audio as a dub or a voice-over by its role', () => {
    expect(selfHostedKinds([{ kind: 'audio', title: 'English dub' }], ru)).toEqual(['dub']);
    expect(selfHostedKinds([{ kind: 'audio', title: null }], ru)).toEqual(['dub']);
    expect(selfHostedKinds([{ kind: 'audio', title: 'English voice-over' }], ru)).toEqual([
      'voice-over',
    ]);
    expect(
      selfHostedKinds(
        [
          { kind: 'audio', title: 'Voice-over' },
          { kind: 'subtitle', title: null },
          { kind: 'audio', title: 'Dubbed' },
        ],
        ru,
      ),
    ).toEqual(['subtitles', 'dub', 'voice-over']);
  });

  it('does not count a commentary or an English original as a dub', () => {
    expect(selfHostedKinds([{ kind: 'audio', title: 'Director commentary' }], ru)).toEqual([]);
    expect(selfHostedKinds([{ kind: 'audio', title: null }], ['en'])).toEqual([]);
    expect(selfHostedKinds([], ru)).toEqual([]);
  });
});
