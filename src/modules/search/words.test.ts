import { describe, expect, it } from 'vitest';
import { isYearToken, OPTIONAL_WORDS } from './words.ts';

describe('query words', () => {
  it('recognizes film years', () => {
    expect(isYearToken('1926')).toBe(true);
    expect(isYearToken('1905')).toBe(true);
    expect(isYearToken('41')).toBe(false);
    expect(isYearToken('3000')).toBe(false);
  });

  it('treats English articles as optional', () => {
    expect(OPTIONAL_WORDS.has('the')).toBe(true);
    expect(OPTIONAL_WORDS.has('mother')).toBe(false);
  });
});
