import { describe, expect, it } from 'vitest';
import { compareAwards, eventKey, findEvent, sameEvent, splitAwardName } from './vocabulary.ts';

describe('events', () => {
  it('gives one key to the ways of naming an event', () => {
    expect(eventKey('Cannes Film Festival')).toBe('cannes');
    expect(eventKey('Festival de Cannes')).toBe('cannes');
    expect(eventKey('Cannes Film Festival (11th)')).toBe('cannes');
    expect(sameEvent('Academy Awards', 'Oscars')).toBe(true);
    expect(sameEvent('Berlinale', 'Berlin International Film Festival')).toBe(true);
    expect(sameEvent('Melbourne International Film Festival', 'Melbourne Film Festival')).toBe(
      true,
    );
    expect(sameEvent('Cannes Film Festival', 'Venice Film Festival')).toBe(false);
  });

  it('treats a bare city as an event only when asked to', () => {
    expect(findEvent('Moscow')?.key).toBe('moscow');
    expect(findEvent('a family in Moscow', { weak: false })).toBeUndefined();
    expect(findEvent("the Palme d'Or", { weak: false })?.key).toBe('cannes');
  });
});

describe('compareAwards', () => {
  it('matches loosely named prizes', () => {
    expect(
      compareAwards(
        'Best Original Screenplay',
        'Best Writing, Story and Screenplay – Written Directly for the Screen',
      ),
    ).toBe('same');
    expect(compareAwards('Best Foreign Language Film', 'Best International Feature Film')).toBe(
      'same',
    );
    expect(compareAwards("Palme d'Or", 'Golden Palm')).toBe('same');
    expect(compareAwards('Golden Prize', 'Gold Prize')).toBe('same');
    expect(compareAwards('Best Director', 'Silver Bear for Best Director')).toBe('same');
  });

  it('keeps different prizes apart, and flags look-alikes as near', () => {
    expect(compareAwards('Special Jury Prize', 'Special Prize (Prix spécial)')).toBe('near');
    expect(compareAwards('Best Original Screenplay', 'Best Adapted Screenplay')).toBe('different');
    expect(compareAwards("Palme d'Or", 'Golden Prize')).toBe('different');
    expect(compareAwards('Best Actor', 'Best Actress')).toBe('different');
  });
});

describe('splitAwardName', () => {
  it('separates the event from a Wikidata-style award label', () => {
    expect(splitAwardName('Academy Award for Best Director')).toEqual({
      event: 'Academy Awards',
      award: 'Best Director',
    });
    expect(splitAwardName('BAFTA Award for Best Film')).toEqual({
      event: 'BAFTA Film Awards',
      award: 'Best Film',
    });
    expect(splitAwardName("Palme d'Or")).toEqual({
      event: 'Cannes Film Festival',
      award: "Palme d'Or",
    });
    expect(splitAwardName('Lenin Prize')).toEqual({ award: 'Lenin Prize' });
  });
});
