import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  ROLES,
  can,
  identityKey,
  minutesUntil,
  passwordProblems,
  safeEqual,
  sha256,
} from './accounts.ts';

describe('can', () => {
  it('orders roles curator < reviewer < admin', () => {
    expect(can({ role: 'curator' }, 'draft.write')).toBe(true);
    expect(can({ role: 'curator' }, 'collection.publish')).toBe(false);
    expect(can({ role: 'reviewer' }, 'collection.publish')).toBe(true);
    expect(can({ role: 'reviewer' }, 'users.manage')).toBe(false);
    expect(can({ role: 'admin' }, 'users.manage')).toBe(true);
  });

  it('gives each role exactly the actions of its rank and below, and nobody nothing', () => {
    for (const action of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
      expect(can(null, action)).toBe(false);
      const need = ROLES.indexOf(ACTIONS[action]);
      ROLES.forEach((role, rank) => expect(can({ role }, action)).toBe(rank >= need));
    }
  });
});

describe('password policy', () => {
  it('wants at least 10 characters, counted as code points', () => {
    expect(passwordProblems('123456789')).toMatchObject([{ where: 'password' }]);
    expect(passwordProblems('1234567890')).toEqual([]);
    // Nine astral characters are 18 UTF-16 units but still too short.
    expect(passwordProblems('🎬'.repeat(9))).toHaveLength(1);
    expect(passwordProblems('x'.repeat(1025))).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('keys identities case-insensitively', () => {
    expect(identityKey('  Anna@Example.ORG ')).toBe('anna@example.org');
    expect(identityKey('ЛЕНА')).toBe('лена');
  });

  it('compares secrets exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(sha256('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256('x')).not.toBe(sha256('y'));
  });

  it('rounds the wait up to whole minutes', () => {
    expect(minutesUntil(0, 1)).toBe(1);
    expect(minutesUntil(0, 60_000)).toBe(1);
    expect(minutesUntil(0, 60_001)).toBe(2);
  });
});
