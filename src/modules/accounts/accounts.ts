/**
 * Accounts: roles and what each may do, the password policy, and the pure helpers on tokens.
 * Nothing here touches the database, the clock or randomness.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Problem } from '../../lib/errors.ts';

/** Ordered: each role may do everything the roles before it may. */
export const ROLES = ['curator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The least role each action needs. */
export const ACTIONS = {
  'draft.write': 'curator',
  'source.attach': 'curator',
  'review.submit': 'curator',
  'review.decide': 'reviewer',
  'collection.publish': 'reviewer',
  'publish.override': 'reviewer',
  'users.manage': 'admin',
  'audit.read': 'admin',
  'settings.manage': 'admin',
} as const satisfies Record<string, Role>;
export type Action = keyof typeof ACTIONS;

export interface User {
  id: number;
  email: string;
  username: string;
  role: Role;
  createdAt: string;
  /** When an admin disabled the account; null (or absent) while it is active. */
  disabledAt?: string | null;
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a user (or nobody) may perform an action. */
export function can(user: Pick<User, 'role'> | null | undefined, action: Action): boolean {
  if (!user) return false;
  return roleRank(user.role) >= roleRank(ACTIONS[action]);
}

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 accepts long input, but an unbounded one is a cheap denial of service. */
export const PASSWORD_MAX_LENGTH = 1024;

/** Problems with a new password; empty when it is acceptable. Length counts code points. */
export function passwordProblems(password: string): Problem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return [
      {
        where: 'password',
        message: `must be at least ${PASSWORD_MIN_LENGTH} characters (got ${length})`,
      },
    ];
  if (length > PASSWORD_MAX_LENGTH)
    return [{ where: 'password', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  return [];
}

export const newUserSchema = z.object({
  email: z.string().trim().pipe(z.email()),
  username: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{1,39}$/u, '2–40 letters, digits, dot, dash or underscore'),
  password: z.string(),
  role: z.enum(ROLES).default('curator'),
});
export type NewUser = z.input<typeof newUserSchema>;

/** The form uniqueness is decided on: case-insensitive, Unicode-normalised. */
export function identityKey(value: string): string {
  return value.trim().normalize('NFKC').toLowerCase();
}

/** SHA-256 hex: secrets are stored as this, so a copy of the database yields no live secret. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two strings (false on different lengths). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const API_TOKEN_PREFIX = 'kt_';

/** Minutes to wait, rounded up, shown in "try again in N minutes". */
export function minutesUntil(nowMs: number, untilMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 60_000));
}
