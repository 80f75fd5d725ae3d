/** Request shapes of claim checking and list import (responses: src/presenters/check.dto.ts). */
import { z } from 'zod';

export const checkClaimBody = z.strictObject({
  film: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'film must be a film slug')
    .nullable()
    .describe('The film the text is about (a slug), or null for a film the catalogue lacks.'),
  text: z
    .string()
    .min(1, 'text must not be empty')
    .max(20_000, 'text is too long (20,000 characters at most)'),
});

export const importBody = z.strictObject({
  filename: z.string().min(1).max(200).default('list.txt'),
  text: z
    .string()
    .min(1, 'text must not be empty')
    .max(1_000_000, 'the list is too long (1 MB at most)'),
  title: z.string().min(1).max(200).optional(),
});
