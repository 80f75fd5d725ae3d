/**
 * `kinoteka media scan|list|demo` and `kinoteka jobs list|retry`: the media library under the
 * configured roots (KINOTEKA_MEDIA_ROOTS) and the background jobs that probe it.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { languageName, writeDemoLibrary } from '../../modules/media/index.ts';
import { withApp } from '../app.ts';
import { usageError } from '../errors.ts';
import { printJson, table } from '../format.ts';
import { progressBar } from '../progress.ts';

const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;

function duration(s: number | null): string {
  if (s === null) return '';
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.round(s % 60)).padStart(2, '0')}`;
}

export function registerMediaCommands(program: Command): void {
  const media = program
    .command('media')
    .description('The media library: copies of films under the media roots.');

  media
    .command('scan')
    .description(
      'Scan the media roots (KINOTEKA_MEDIA_ROOTS, or --root), match files to films, and probe new or changed ones.',
    )
    .option('-r, --root <dir...>', 'media roots to scan (instead of the configured ones)')
    .option('--no-probe', 'only scan and match; leave the probes queued for the server')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { root?: string[]; probe: boolean; json?: boolean }) => {
      await withApp(async (app) => {
        const roots = opts.root ?? app.config.media.roots;
        if (roots.length === 0)
          throw usageError('no media roots: set KINOTEKA_MEDIA_ROOTS or pass --root DIR');
        const bar = progressBar();
        const report = await app.services.media.scan(roots, (done, total) =>
          bar.update(done, total, 'scanning'),
        );
        bar.done();
        let jobs = 0;
        if (opts.probe) {
          const total = (await app.jobs.queue.counts()).queued;
          jobs = await app.jobs.drain((done) => bar.update(done, Math.max(total, done), 'probing'));
          bar.done();
        }
        if (opts.json) return printJson({ ...report, jobs });
        console.log(
          table(
            ['files', 'added', 'changed', 'unchanged', 'removed', 'matched', 'unmatched'],
            [
              [
                report.files,
                report.added,
                report.changed,
                report.unchanged,
                report.removed,
                report.matched,
                report.unmatched.length,
              ],
            ],
          ),
        );
        for (const u of report.unmatched) {
          const near = u.candidates.map((c) => `${c.slug}`).join(', ');
          console.log(`unmatched: ${u.path}${near ? ` (nearest: ${near})` : ''}`);
        }
        for (const r of report.refused)
          console.log(`refused: ${r.root}${r.path ? `/${r.path}` : ''}: ${r.reason}`);
        if (opts.probe) {
          const failed = await app.jobs.queue.list({ state: 'failed', limit: 20 });
          console.log(`${jobs} job(s) run${failed.length ? `, ${failed.length} failed` : ''}`);
          for (const j of failed) console.log(`failed: job ${j.id} ${j.kind}: ${j.error}`);
        }
      });
    });

  media
    .command('list')
    .description('The videos in the library, with their film, probe state and tracks.')
    .option('--unmatched', 'only videos matched to no film')
    .option('--film <slug>', 'only the copies of one film')
    .option('--json', 'print the files as JSON')
    .action(async (opts: { unmatched?: boolean; film?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const files = await app.services.media.listFiles({
          kind: 'video',
          ...(opts.unmatched ? { unmatched: true } : {}),
          ...(opts.film ? { filmSlug: opts.film } : {}),
        });
        const details = await Promise.all(files.map((f) => app.services.media.fileDetail(f.id)));
        const rows = files.map((f, i) => {
          const d = details[i];
          const audio = d?.streams.filter((s) => s.type === 'audio') ?? [];
          return {
            id: f.id,
            film: f.filmSlug,
            path: f.path,
            root: f.root,
            probe: f.probeState,
            codec: f.videoCodec,
            duration_s: f.durationS,
            audio: audio.map((a) => a.title ?? languageName(a.language)),
            subtitles: (d?.subtitles ?? []).map(
              (t) => `${t.language ?? 'und'}${t.forced ? ' forced' : ''}${t.sdh ? ' sdh' : ''}`,
            ),
          };
        });
        if (opts.json) return printJson(rows);
        if (rows.length === 0) return console.log('no videos in the library');
        console.log(
          table(
            ['id', 'film', 'path', 'probe', 'codec', 'length', 'audio', 'subtitles'],
            rows.map((r) => [
              r.id,
              r.film ?? '(unmatched)',
              r.path,
              r.probe,
              r.codec,
              duration(r.duration_s),
              r.audio.join(', '),
              r.subtitles.join(', '),
            ]),
          ),
        );
      });
    });

  media
    .command('cover')
    .description(
      'Make the cover of a video again (poster, backdrop, else a frame); --at SECONDS picks the frame, kept in the database for every node; --auto forgets the pick.',
    )
    .argument('<id>', "the video's library id (kinoteka media list)")
    .option('--at <seconds>', 'the frame to use, for a copy without poster or backdrop')
    .option('--auto', 'forget the picked frame: choose one automatically again')
    .action(async (idArg: string, opts: { at?: string; auto?: boolean }) => {
      const id = Number(idArg);
      if (!Number.isInteger(id) || id <= 0) throw usageError(`not a library id: ${idArg}`);
      const at = opts.at === undefined ? undefined : Number(opts.at);
      if (at !== undefined && !(at >= 0)) throw usageError(`--at wants seconds, not ${opts.at}`);
      if (at !== undefined && opts.auto) throw usageError('--at and --auto cannot go together');
      await withApp(async (app) => {
        if (at !== undefined) {
          const pick = await app.services.media.pickCoverFrame(
            id,
            at,
            `cli:${os.userInfo().username}`,
          );
          console.log(
            `picked ${pick.atS} s for the cover of ${id} (${pick.pickedBy}, ${pick.pickedAt})`,
          );
        }
        if (opts.auto && !(await app.services.media.clearCoverPick(id)))
          console.log(`${id} had no picked frame`);
        const source = await app.services.media.makeCover(id);
        console.log(
          `cover of ${id} made from ${source.kind}${source.file ? ` ${source.file}` : ''}${source.atS !== undefined ? ` at ${source.atS.toFixed(1)} s` : ''}`,
        );
      });
    });

  media
    .command('demo')
    .description(
      'Write a small generated demo library (test card, espeak-ng speech) named for catalogue films.',
    )
    .argument('<dir>', 'folder to write it in (created if missing)')
    .option('--seconds <n>', 'length of each video in seconds', '6')
    .action(async (dir: string, opts: { seconds: string }) => {
      const seconds = Number(opts.seconds);
      if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600)
        throw usageError('--seconds must be a number from 1 to 600');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      const lib = await writeDemoLibrary(dir, { seconds });
      for (const f of lib.files) console.log(f);
      console.log(
        `demo library written to ${lib.root}\nnext: KINOTEKA_MEDIA_ROOTS=${lib.root} kinoteka media scan && KINOTEKA_MEDIA_ROOTS=${lib.root} kinoteka serve`,
      );
    });

  const jobs = program
    .command('jobs')
    .description('Background jobs (probes, subtitle extraction).');
  jobs
    .command('list')
    .description('Jobs, newest first, with state, progress and failure messages.')
    .option('--state <state>', `only jobs in this state (${JOB_STATES.join(', ')})`)
    .option('--kind <kind>', 'only jobs of this kind (media.probe, media.subtitles)')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print the jobs as JSON')
    .action(async (opts: { state?: string; kind?: string; limit: string; json?: boolean }) => {
      if (opts.state && !(JOB_STATES as readonly string[]).includes(opts.state))
        throw usageError(`--state must be one of ${JOB_STATES.join(', ')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw usageError('--limit must be a whole number from 1 to 10000');
      await withApp(async (app) => {
        const list = await app.jobs.queue.list({
          ...(opts.state ? { state: opts.state as (typeof JOB_STATES)[number] } : {}),
          ...(opts.kind ? { kind: opts.kind } : {}),
          limit,
        });
        if (opts.json) return printJson(list);
        const counts = await app.jobs.queue.counts();
        console.log(JOB_STATES.map((s) => `${s}: ${counts[s]}`).join('  '));
        if (list.length === 0) return;
        console.log(
          table(
            ['id', 'kind', 'payload', 'state', 'progress', 'attempts', 'error'],
            list.map((j) => [
              j.id,
              j.kind,
              JSON.stringify(j.payload),
              j.state,
              `${Math.round(j.progress * 100)}%`,
              `${j.attempts}/${j.maxAttempts}`,
              j.error ?? '',
            ]),
          ),
        );
      });
    });
  jobs
    .command('retry')
    .description('Queue a failed job again.')
    .argument('<id>', 'job id')
    .action(async (id: string) => {
      if (!/^[1-9][0-9]*$/.test(id)) throw usageError('the job id is a positive whole number');
      await withApp(async (app) => {
        if (!(await app.jobs.queue.retry(Number(id))))
          throw usageError(`job ${id} is not a failed job`);
        console.log(`job ${id} queued again`);
      });
    });
}
