/** The import-direction rule catches what DESIGN.md forbids, and lets the rest through. */
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers from '../../tools/eslint-layers.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

function lint(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser as Linter.Parser },
          plugins: { layers },
          rules: { 'layers/direction': 'error' },
        },
      ],
      path.join(SRC, file),
    )
    .map((m) => m.message);
}

describe('layers/direction', () => {
  it('forbids a module importing the HTTP layer', () => {
    expect(lint('modules/catalog/x.ts', "import { a } from '../../http/app.ts';")).toEqual([
      expect.stringMatching(/modules must not import http/),
    ]);
  });
  it('forbids reaching into another module past its index.ts', () => {
    expect(
      lint('modules/collections/x.ts', "import { a } from '../catalog/catalog.repository.ts';"),
    ).toEqual([expect.stringMatching(/only through its index.ts/)]);
    expect(lint('web/x.ts', "import { a } from '../modules/catalog/catalog.ts';")).toHaveLength(1);
  });
  it('forbids lib importing anything else from src', () => {
    expect(lint('lib/x.ts', "import { a } from '../db/index.ts';")).toHaveLength(1);
  });
  it('allows the directions the design allows', () => {
    expect(lint('modules/collections/x.ts', "import { a } from '../catalog/index.ts';")).toEqual(
      [],
    );
    expect(lint('modules/subtitles/parse/srt.ts', "import { a } from '../cue.ts';")).toEqual([]);
    expect(lint('http/x.ts', "import { a } from '../modules/catalog/index.ts';")).toEqual([]);
    expect(lint('cli/main.ts', "import { a } from '../main.ts';")).toEqual([]);
  });
});
