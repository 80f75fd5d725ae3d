/**
 * Workspace pages beside the editor: importing a list into a draft (upload, preview with the
 * candidates for every entry that did not resolve, confirm), exporting a collection (Letterboxd
 * CSV and the content format), and, for admins, the users and their roles. Every page needs a
 * role (checked here, whatever is mounted before) and is `private, no-store`; every form carries
 * the CSRF token, which src/http/auth checks before any route runs.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { type AccountsService, type Action, type User, can } from '../../modules/accounts/index.ts';
import {
  type DraftsService,
  type ImportedDraftEntry,
  StaleDraftError,
} from '../../modules/collections/index.ts';
import { type ImportsService, ListParseError } from '../../modules/imports/index.ts';
import type { CollectionExporter, PageDeps, WebAuth } from '../deps.ts';
import { pathParams, slugParams } from '../input.ts';
import { SignInPage } from '../pages/workspace/Account.tsx';
import { ImportForm, ImportPreview } from '../pages/workspace/Import.tsx';

type Deps = Pick<PageDeps, 'render'> & {
  accounts: AccountsService;
  drafts: DraftsService;
  imports: ImportsService;
  auth: WebAuth;
  exporter?: CollectionExporter;
};

const MAX_BYTES = 1_000_000;

const str = (form: Record<string, unknown>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};

export function workspaceImportPages({ render, drafts, imports, auth, exporter }: Deps): Hono {
  const app = new Hono();
  const page = (c: Context, title: string, body: unknown, status: 200 | 400 | 401 = 200) =>
    render({ title, description: title, path: c.req.path, noindex: true }, body as never).then(
      (html) => c.html(html, status),
    );
  const needs =
    (action: Action): MiddlewareHandler =>
    async (c, next) => {
      const { user } = auth.current(c);
      if (!user)
        return page(
          c,
          'Sign in',
          <SignInPage
            next={c.req.method === 'GET' ? c.req.path : '/workspace'}
            error="Sign in to open this page."
          />,
          401,
        );
      if (!can(user, action))
        throw new ForbiddenError(`Your role (${user.role}) cannot open this page.`);
      await next();
      c.header('cache-control', 'private, no-store');
    };
  const signedIn = (c: Context): { user: User; csrf: string } => {
    const { user, session } = auth.current(c);
    return { user: user!, csrf: session?.csrfToken ?? '' };
  };

  // import

  app.use('/workspace/import', needs('draft.write'));
  app.use('/workspace/import/*', needs('draft.write'));

  const myDrafts = async (user: User) =>
    (await drafts.workspace(user)).mine.filter((d) => d.status === 'draft');

  app.get('/workspace/import', async (c) => {
    const { user, csrf } = signedIn(c);
    const into = c.req.query('into');
    return page(
      c,
      'Import a list',
      <ImportForm
        user={user}
        csrf={csrf}
        drafts={await myDrafts(user)}
        {...(into ? { into } : {})}
      />,
    );
  });

  app.post('/workspace/import', async (c) => {
    const { user, csrf } = signedIn(c);
    const form = await c.req.parseBody();
    const upload = form.file;
    const pasted = str(form, 'text');
    const into = str(form, 'into');
    const again = (error: string, problems?: ValidationError['problems']) =>
      myDrafts(user).then((list) =>
        page(
          c,
          'Import a list',
          <ImportForm
            user={user}
            csrf={csrf}
            drafts={list}
            into={into}
            text={pasted}
            error={error}
            {...(problems ? { problems } : {})}
          />,
          400,
        ),
      );
    let bytes: Uint8Array;
    let file: string;
    if (upload instanceof File && upload.size > 0) {
      if (upload.size > MAX_BYTES)
        return again(`The file is larger than ${MAX_BYTES / 1_000_000} MB; split the list.`);
      bytes = new Uint8Array(await upload.arrayBuffer());
      file = upload.name || 'upload';
    } else if (pasted.trim()) {
      if (pasted.length > MAX_BYTES) return again('The pasted list is too long; split it.');
      bytes = new TextEncoder().encode(pasted);
      file = 'pasted list';
    } else {
      return again('Choose a file or paste a list.');
    }
    let list;
    try {
      list = await imports.preview(bytes, file);
    } catch (e) {
      if (e instanceof ListParseError) return again(`${file} cannot be imported:`, e.problems);
      throw e;
    }
    const target = into ? await drafts.get(user, into) : null;
    if (target && target.status !== 'draft')
      return again(`“${target.title}” is not a draft any more; import into a new draft.`);
    return page(
      c,
      'Check the import',
      <ImportPreview user={user} csrf={csrf} file={file} list={list} into={target} />,
    );
  });

  app.post('/workspace/import/confirm', async (c) => {
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    const count = Math.min(Number(str(form, 'count')) || 0, 2000);
    const entries: ImportedDraftEntry[] = [];
    for (let i = 0; i < count; i++) {
      const film = str(form, `film-${i}`);
      if (!film) continue;
      entries.push({
        film,
        listedAs: str(form, `heading-${i}`) || null,
        note: str(form, `note-${i}`),
        fact: str(form, `fact-${i}`),
      });
    }
    if (entries.length === 0)
      throw new ValidationError('No film was chosen, so nothing was imported.', [
        { where: 'entries', message: 'choose at least one film' },
      ]);
    let slug = str(form, 'into');
    let version = Number(str(form, 'version'));
    if (!slug) {
      slug = await drafts.create(user, { title: str(form, 'title'), intro: str(form, 'intro') });
      version = (await drafts.get(user, slug)).version;
    }
    await drafts.apply(user, slug, { version }, { kind: 'import', entries });
    return c.redirect(`/workspace/collections/${slug}?saved=1`, 303);
  });

  // drag and drop: move one entry to a position, saving the editor's text with it

  app.use('/workspace/collections/:slug/move', needs('draft.write'));
  app.post('/workspace/collections/:slug/move', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    const entry = Number(str(form, 'entry'));
    const to = Number(str(form, 'to'));
    const version = Number(str(form, 'version'));
    if (![entry, to, version].every((n) => Number.isInteger(n) && n >= 1))
      throw new ValidationError('The move is incomplete.', [
        { where: 'move', message: 'needs a whole-number entry, position (to) and version' },
      ]);
    const notes: Record<number, string> = {};
    const facts: Record<number, string> = {};
    for (const [k, v] of Object.entries(form)) {
      const m = /^(note|fact)-(\d+)$/.exec(k);
      if (m && typeof v === 'string') (m[1] === 'note' ? notes : facts)[Number(m[2])] = v;
    }
    const edit = {
      version,
      ...(typeof form.title === 'string' ? { title: form.title } : {}),
      ...(typeof form.intro === 'string' ? { intro: form.intro } : {}),
      notes,
      facts,
    };
    try {
      await drafts.apply(user, slug, edit, { kind: 'move', entry, to });
    } catch (e) {
      // Only the script calls this route: it keeps the curator's text and shows the message;
      // saving then shows both versions, as any stale save does.
      if (e instanceof StaleDraftError) return c.text(e.message, 409);
      throw e;
    }
    return c.redirect(`/workspace/collections/${slug}?focus=moved-${entry}`, 303);
  });

  // export

  if (exporter) {
    app.use('/workspace/collections/:slug/export/*', needs('draft.write'));
    app.get('/workspace/collections/:slug/export/letterboxd.csv', async (c) => {
      const { slug } = pathParams(c, slugParams);
      const { user } = signedIn(c);
      await drafts.get(user, slug);
      const csv = await exporter.letterboxdCsv(slug, { minimal: c.req.query('minimal') === '1' });
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${slug}.csv"`,
      });
    });
    app.get('/workspace/collections/:slug/export/content.yaml', async (c) => {
      const { slug } = pathParams(c, slugParams);
      const { user } = signedIn(c);
      await drafts.get(user, slug);
      const { text } = await exporter.contentYaml(slug);
      return c.body(text, 200, {
        'content-type': 'application/yaml; charset=utf-8',
        'content-disposition': `attachment; filename="${slug}.yaml"`,
      });
    });
  }

  return app;
}
