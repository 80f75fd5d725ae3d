/**
 * Revision history, review and corrections over HTTP, on SQLite and PostgreSQL: the API lists
 * revisions, diffs two and restores one; the pages show the history, a revision and the review
 * page (diff against the published version, fact-check summary); sending back needs a comment
 * that the curator then sees; a published collection is edited through a working copy and a
 * changed fact is printed for readers as a dated correction with its reason, on the page and
 * in the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

const BASE = 'http://kinoteka.test';
const PASSWORD = 'correct horse battery';
const CRANES = 'the-cranes-are-flying-1957';
const MOTHER = 'mother-1926';
const TRUE_FACT = "It won the Palme d'Or at Cannes in 1958.";
const FALSE_FACT = "It won the Palme d'Or in 1960.";

interface Client {
  cookie: string;
  csrf: string;
  token: string;
}

describe.each(DIALECTS)('history, review and corrections over HTTP (%s)', (dialect) => {
  let app: TestApp;
  let curator: Client;
  let reviewer: Client;

  const req = (path: string, init: RequestInit = {}) => app.http().request(`${BASE}${path}`, init);
  const api = async (c: Client, path: string, body?: unknown) => {
    const res = await req(`/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as { data: any; error?: any } };
  };
  const post = (c: Client, path: string, fields: Record<string, string>) =>
    req(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c.cookie },
      body: new URLSearchParams({ ...fields, _csrf: c.csrf }).toString(),
    });
  const get = (c: Client, path: string) => req(path, { headers: { cookie: c.cookie } });

  async function client(role: 'curator' | 'reviewer'): Promise<Client> {
    const user = await app.services.accounts.addUserFromCli({
      email: `${role}@kinoteka.test`,
      username: role,
      password: PASSWORD,
      role,
    });
    const s = await app.services.accounts.signIn({
      login: role,
      password: PASSWORD,
      address: '127.0.0.1',
    });
    const cookie = `kt_session=${s.sessionToken}`;
    const page = await (await req('/account', { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const { token } = await app.services.accounts.createApiToken(user, `${role} script`);
    return { cookie, csrf, token };
  }

  beforeAll(async () => {
    app = await createTestApp(dialect);
    curator = await client('curator');
    reviewer = await client('reviewer');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists revisions, diffs two and restores one through the API', async () => {
    const made = await api(curator, '/drafts', { title: 'API history', intro: 'First intro.' });
    const slug = made.json.data.slug as string;
    let d = (await api(curator, `/drafts/${slug}`, { version: 1, add_film: CRANES })).json.data;
    d = (
      await api(curator, `/drafts/${slug}`, { version: d.version, intro: 'Second intro, longer.' })
    ).json.data;
    const h = await api(curator, `/drafts/${slug}/revisions`);
    expect(h.status).toBe(200);
    expect(h.json.data.revisions.map((r: { number: number }) => r.number)).toEqual([3, 2, 1]);
    const diff = await api(curator, `/drafts/${slug}/diff?from=1&to=3`);
    expect(diff.status).toBe(200);
    expect(diff.json.data.diff.added).toEqual([{ film: CRANES, position: 1 }]);
    expect(diff.json.data.diff.intro.after).toBe('Second intro, longer.');
    expect(diff.json.data.films[CRANES].title).toBe('The Cranes Are Flying');
    expect((await api(curator, `/drafts/${slug}/diff?from=1&to=99`)).status).toBe(404);
    const one = await api(curator, `/drafts/${slug}/revisions/1`);
    expect(one.json.data.snapshot).toMatchObject({ intro: 'First intro.', entries: [] });
    const restored = await api(curator, `/drafts/${slug}/restore`, {
      version: d.version,
      revision: 1,
    });
    expect(restored.status).toBe(200);
    expect(restored.json.data.intro).toBe('First intro.');
    expect(restored.json.data.entries).toEqual([]);
    const stale = await api(curator, `/drafts/${slug}/restore`, {
      version: d.version,
      revision: 2,
    });
    expect(stale.status).toBe(409);
    const after = await api(curator, `/drafts/${slug}/revisions`);
    expect(after.json.data.revisions[0]).toMatchObject({
      number: 4,
      kind: 'restore',
      author: 'curator',
    });
  });

  it('shows the history page with a diff, a revision page with Restore, and restores from the form', async () => {
    const made = await api(curator, '/drafts', { title: 'Page history' });
    const slug = made.json.data.slug as string;
    const d = (await api(curator, `/drafts/${slug}`, { version: 1, add_film: MOTHER })).json.data;
    const page = await get(curator, `/workspace/collections/${slug}/history?from=1&to=2`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    expect(html).toContain('History of “Page history”');
    expect(html).toMatch(/Added Mother \(1926\) at 1/);
    const rev = await (await get(curator, `/workspace/collections/${slug}/revisions/1`)).text();
    expect(rev).toContain('Restore revision 1 as a new draft revision');
    const restore = await post(curator, `/workspace/collections/${slug}/restore`, {
      version: String(d.version),
      revision: '1',
    });
    expect(restore.status).toBe(303);
    const back = (await api(curator, `/drafts/${slug}`)).json.data;
    expect(back.entries).toEqual([]);
    expect((await get(curator, `/workspace/collections/${slug}/revisions/77`)).status).toBe(404);
  });

  it('shows the reviewer the diff and the fact-check summary; sending back needs a comment the curator sees', async () => {
    const slug = (await api(curator, '/drafts', { title: 'Review me' })).json.data.slug as string;
    let d = (await api(curator, `/drafts/${slug}`, { version: 1, add_film: CRANES })).json.data;
    d = (
      await api(curator, `/drafts/${slug}`, {
        version: d.version,
        facts: { [d.entries[0].id]: FALSE_FACT },
      })
    ).json.data;
    d = (await api(curator, `/drafts/${slug}/submit`, { version: d.version })).json.data;
    const html = await (await get(reviewer, `/workspace/collections/${slug}/review`)).text();
    expect(html).toContain('Everything is new');
    expect(html).toContain('Added The Cranes Are Flying (1957) at 1');
    expect(html).toMatch(/Contradicted<\/span>:\s*1/);
    expect(html).toContain('Approve and publish');
    // A curator may look, but gets no decision forms.
    const asCurator = await (await get(curator, `/workspace/collections/${slug}/review`)).text();
    expect(asCurator).not.toContain('Approve and publish');

    const empty = await post(reviewer, `/workspace/collections/${slug}/send-back`, {
      version: String(d.version),
      comment: ' ',
    });
    expect(empty.status).toBe(303);
    expect(empty.headers.get('location')).toContain(`/workspace/collections/${slug}/review?error=`);
    expect((await api(curator, `/drafts/${slug}`)).json.data.status).toBe('review');
    const apiEmpty = await api(reviewer, `/drafts/${slug}/send-back`, {
      version: d.version,
      comment: '',
    });
    expect(apiEmpty.status).toBe(400);
    const sent = await post(reviewer, `/workspace/collections/${slug}/send-back`, {
      version: String(d.version),
      comment: 'The award year is wrong: check the Cannes record.',
    });
    expect(sent.status).toBe(303);
    const editor = await (await get(curator, `/workspace/collections/${slug}`)).text();
    expect(editor).toContain('Sent back by reviewer');
    expect(editor).toContain('The award year is wrong: check the Cannes record.');
    expect((await api(curator, `/drafts/${slug}`)).json.data.sent_back.comment).toBe(
      'The award year is wrong: check the Cannes record.',
    );
  });

  it('edits a published collection in a working copy and prints the correction for readers', async () => {
    const slug = (await api(curator, '/drafts', { title: 'Cannes winners' })).json.data
      .slug as string;
    let d = (await api(curator, `/drafts/${slug}`, { version: 1, add_film: CRANES })).json.data;
    d = (
      await api(curator, `/drafts/${slug}`, {
        version: d.version,
        facts: { [d.entries[0].id]: TRUE_FACT },
      })
    ).json.data;
    d = (await api(curator, `/drafts/${slug}/submit`, { version: d.version })).json.data;
    expect((await api(reviewer, `/drafts/${slug}/publish`, { version: d.version })).status).toBe(
      200,
    );

    const reopen = await post(curator, `/workspace/collections/${slug}/reopen`, {});
    expect(reopen.status).toBe(303);
    const copy = reopen.headers.get('location')!.split('/').pop()!;
    expect(copy).toBe(`${slug}-edit`);
    let wc = (await api(curator, `/drafts/${copy}`)).json.data;
    expect(wc.revises).toBe(slug);
    wc = (
      await api(curator, `/drafts/${copy}`, {
        version: wc.version,
        facts: { [wc.entries[0].id]: "It won the Palme d'Or at the 1958 Cannes Film Festival." },
      })
    ).json.data;
    wc = (await api(curator, `/drafts/${copy}/submit`, { version: wc.version })).json.data;
    // Readers still read the published fact, and never the working copy.
    expect(await (await req(`/collections/${slug}`)).text()).toContain('at Cannes in 1958.');
    expect((await req(`/collections/${copy}`)).status).toBe(404);

    const review = await api(reviewer, `/drafts/${copy}/review`);
    expect(review.json.data.against).toBe('published');
    expect(review.json.data.corrections).toEqual([
      expect.objectContaining({ key: `${CRANES}:fact`, was: TRUE_FACT }),
    ]);
    const reviewPage = await (await get(reviewer, `/workspace/collections/${copy}/review`)).text();
    expect(reviewPage).toContain('Corrections readers will see');
    expect(reviewPage).toContain(`name="reason:${CRANES}:fact"`);
    // Without the reason, nothing is published.
    const refused = await post(reviewer, `/workspace/collections/${copy}/publish`, {
      version: String(wc.version),
    });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toContain('/review?error=');
    const published = await post(reviewer, `/workspace/collections/${copy}/publish`, {
      version: String(wc.version),
      [`reason:${CRANES}:fact`]: 'We now give the festival its full name.',
    });
    expect(published.status).toBe(303);

    const pageHtml = await (await req(`/collections/${slug}`)).text();
    expect(pageHtml).toContain('Corrections since publication');
    expect(pageHtml).toMatch(
      /Correction, <time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} \w+ \d{4}<\/time>/,
    );
    expect(pageHtml).toContain('We now give the festival its full name.');
    expect(pageHtml).toContain('Cannes Film Festival.');
    const dto = (await (await req(`/api/v1/collections/${slug}`)).json()) as { data: any };
    expect(dto.data.published_corrections).toEqual([
      expect.objectContaining({
        field: 'fact',
        was: TRUE_FACT,
        now: "It won the Palme d'Or at the 1958 Cannes Film Festival.",
        reason: 'We now give the festival its full name.',
      }),
    ]);
    expect(dto.data.published_corrections[0].film.slug).toBe(CRANES);
    const history = (await api(curator, `/drafts/${slug}/revisions`)).json.data;
    expect(history.revisions[0]).toMatchObject({
      kind: 'publish',
      author: 'reviewer',
      summary: 'published with 1 correction',
    });
  });
});
