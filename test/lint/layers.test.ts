/** The import-direction rule catches what DESIGN.md forbids, and lets the rest through. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import layers from '../../tools/eslint-layers.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(REPO, 'src');

function lint(file: string, code: string, src = SRC): string[] {
  const linter = new Linter({ configType: 'flat', cwd: src });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: { parser: tseslint.parser as Linter.Parser },
          plugins: { layers },
          rules: { 'layers/direction': ['error', { src }] },
        },
      ],
      path.join(src, file),
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
    expect(lint('lib/x.ts', "import { a } from '../db/index.ts';")).toEqual([
      expect.stringMatching(/lib must not import db/),
    ]);
  });
  it('forbids the CLI importing the HTTP layer or the database', () => {
    expect(lint('cli/commands/search.ts', "import { a } from '../../http/presenters.ts';")).toEqual(
      [expect.stringMatching(/cli must not import http/)],
    );
    expect(lint('cli/app.ts', "import { migrateToLatest } from '../db/index.ts';")).toEqual([
      expect.stringMatching(/cli must not import db/),
    ]);
    expect(lint('cli/x.ts', "export * from '../db/migrate.ts';")).toHaveLength(1);
    expect(lint('cli/x.ts', "const m = await import('../http/app.ts');")).toHaveLength(1);
  });
  it('forbids the HTTP layer importing the database', () => {
    expect(lint('http/api/x.routes.ts', "import type { Db } from '../../db/index.ts';")).toEqual([
      expect.stringMatching(/http must not import db/),
    ]);
  });
  it('lets presenters serve the edges, and keeps them above the modules', () => {
    for (const edge of ['http/api/x.routes.ts', 'web/pages/x.tsx', 'cli/commands/x.ts'])
      expect(lint(edge, "import { filmUrl } from '../../presenters/urls.ts';"), edge).toEqual([]);
    expect(lint('presenters/x.ts', "import { a } from '../modules/catalog/index.ts';")).toEqual([]);
    expect(lint('presenters/x.ts', "import { a } from '../lib/html.ts';")).toEqual([]);
    expect(lint('presenters/x.ts', "import { a } from '../http/app.ts';")).toEqual([
      expect.stringMatching(/presenters must not import http/),
    ]);
    expect(lint('presenters/x.ts', "import { a } from '../db/index.ts';")).toHaveLength(1);
    expect(lint('modules/catalog/x.ts', "import { a } from '../../presenters/x.ts';")).toEqual([
      expect.stringMatching(/modules must not import presenters/),
    ]);
  });
  it('forbids absolute paths and src-rooted aliases', () => {
    expect(lint('modules/catalog/x.ts', `import { a } from '${SRC}/db/index.ts';`)).toEqual([
      expect.stringMatching(/relative path/),
    ]);
    expect(lint('http/x.ts', "import { a } from 'src/db/index.ts';")).toEqual([
      expect.stringMatching(/relative path, not src\/db/),
    ]);
    expect(lint('web/x.ts', "import { a } from '@/modules/catalog/index.ts';")).toHaveLength(1);
    expect(lint('web/x.ts', "import { a } from 'modules/catalog/index.ts';")).toHaveLength(1);
    expect(lint('cli/x.ts', `await import('file://${SRC}/db/index.ts');`)).toHaveLength(1);
    // packages and Node built-ins are not paths
    expect(lint('http/x.ts', "import { Hono } from 'hono'; import http from 'node:http';")).toEqual(
      [],
    );
    expect(lint('web/x.tsx', "import { jsx } from 'hono/jsx';")).toEqual([]);
  });
  it('forbids a computed import(), and lets a literal one through', () => {
    expect(lint('modules/content/x.ts', "const f = '../db/index.ts'; await import(f);")).toEqual([
      expect.stringMatching(/computed specifier/),
    ]);
    expect(lint('cli/x.ts', 'await import(`../modules/${name}/index.ts`);')).toHaveLength(1);
    expect(lint('cli/x.ts', 'await import(`../modules/catalog/index.ts`);')).toEqual([]);
    expect(lint('cli/x.ts', "await import('../modules/catalog/index.ts');")).toEqual([]);
  });
  it('allows the directions the design allows', () => {
    expect(lint('modules/collections/x.ts', "import { a } from '../catalog/index.ts';")).toEqual(
      [],
    );
    expect(lint('modules/subtitles/parse/srt.ts', "import { a } from '../cue.ts';")).toEqual([]);
    expect(lint('http/x.ts', "import { a } from '../modules/catalog/index.ts';")).toEqual([]);
    expect(lint('cli/app.ts', "import { a } from '../main.ts';")).toEqual([]);
    expect(lint('main.ts', "import { a } from './db/index.ts';")).toEqual([]);
  });
});

describe('layers/direction: module cycles', () => {
  // a planted source tree: catalog → facts, facts → access, search → catalog
  let src: string;
  const plant = (file: string, code: string) => {
    fs.mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
    fs.writeFileSync(path.join(src, file), code);
  };
  beforeAll(() => {
    src = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-layers-'));
    plant('modules/catalog/index.ts', "export * from './catalog.service.ts';\n");
    plant(
      'modules/catalog/catalog.service.ts',
      "import type { FactsService } from '../facts/index.ts';\nexport class CatalogService {}\n",
    );
    plant('modules/facts/index.ts', "export { FactsService } from './facts.service.ts';\n");
    plant(
      'modules/facts/facts.service.ts',
      "import {\n  AccessService,\n} from '../access/index.ts';\nexport class FactsService {}\n",
    );
    plant('modules/access/index.ts', 'export class AccessService {}\n');
    plant('modules/search/index.ts', "import '../catalog/index.ts';\n");
    // a test importing back creates no cycle at run time
    plant('modules/access/access.test.ts', "import { a } from '../catalog/index.ts';\n");
  });
  afterAll(() => fs.rmSync(src, { recursive: true, force: true }));

  it('reports the import that closes a cycle of two modules', () => {
    expect(
      lint('modules/facts/facts.presenter.ts', "import { a } from '../catalog/index.ts';", src),
    ).toEqual([expect.stringMatching(/module cycle: facts → catalog → facts/)]);
  });
  it('reports a longer cycle, found across files read from disk', () => {
    expect(
      lint('modules/access/access.ts', "export { a } from '../search/index.ts';", src),
    ).toEqual([expect.stringMatching(/module cycle: access → search → catalog → facts → access/)]);
    expect(
      lint('modules/access/access.ts', "const m = await import('../catalog/index.ts');", src),
    ).toEqual([expect.stringMatching(/module cycle: access → catalog → facts → access/)]);
  });
  it('lets an import through that closes no cycle', () => {
    expect(lint('modules/search/x.ts', "import { a } from '../facts/index.ts';", src)).toEqual([]);
    expect(lint('modules/facts/x.ts', "import { a } from '../access/index.ts';", src)).toEqual([]);
    expect(
      lint('modules/catalog/x.test.ts', "import { a } from '../search/index.ts';", src),
    ).toEqual([]);
  });
});

describe('the repository under the rule', () => {
  it('the real sources form no module cycle, and a planted one in them is caught', () => {
    // catalog imports facts in the real tree: facts importing catalog back closes the cycle
    expect(
      lint('modules/facts/planted.ts', "import { CatalogService } from '../catalog/index.ts';"),
    ).toEqual([expect.stringMatching(/module cycle: facts → catalog → (.+ → )?facts/)]);
  });
  it('eslint.config.js applies the rule to src', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const config = (await eslint.calculateConfigForFile(path.join(SRC, 'cli/x.ts'))) as {
      rules: Record<string, unknown>;
    };
    expect(config.rules['layers/direction']).toEqual([2]);
  });
});
