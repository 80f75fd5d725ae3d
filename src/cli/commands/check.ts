/**
 * `kinoteka import list`, `kinoteka check collection|claim`, `kinoteka kb load-wikidata|stats`:
 * the curator's side of fact checking.
 */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import {
  presentCheckedText,
  presentCollectionCheck,
  presentImport,
} from '../../presenters/index.ts';
import {
  type CheckedClaim,
  type CheckedText,
  describeEvidence,
  evidenceWeaklySourced,
  SOURCE_KIND_LABEL,
} from '../../modules/facts/index.ts';
import { withApp } from '../app.ts';
import { CliError } from '../errors.ts';
import { fileErrorText, printJson, table, terminalWidth, wrapText } from '../format.ts';
import { progressBar } from '../progress.ts';
import { registerImportImdbCommand } from './import-imdb.ts';

const MARK: Record<string, string> = {
  supported: 'supported',
  contradicted: 'CONTRADICTED',
  unsupported: 'unsupported',
  'not-checkable': 'not checkable',
};

/** The evidence of a claim whose every source is a mirror copy or a user-written page. */
function weakEvidence(c: CheckedClaim): string[] {
  return c.judgement.evidence.filter(evidenceWeaklySourced).map(describeEvidence);
}

function claimRows(label: string, t: CheckedText): string[][] {
  return t.claims
    .filter((c) => c.judgement.verdict !== 'not-checkable')
    .map((c) => {
      const weak = weakEvidence(c);
      return [
        label,
        `${MARK[c.judgement.verdict] ?? c.judgement.verdict}${weak.length ? ', weakly sourced' : ''}`,
        c.text,
        `${c.judgement.explanation}${
          weak.length
            ? ` Weakly sourced (only mirror copies or user-written pages): ${weak.join('; ')}.`
            : ''
        }`,
      ];
    });
}

export function registerCheckCommands(program: Command): void {
  const imp = program
    .command('import')
    .description("Import a curator's list as a draft collection, or IMDb's dataset files.");
  registerImportImdbCommand(imp);
  const importAction =
    (format: 'auto' | 'letterboxd') =>
    async (file: string, opts: { title?: string; json?: boolean }) => {
      const bytes = await fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read ${file}: ${fileErrorText(e)}`);
      });
      await withApp(async (app) => {
        const result = await app.services.imports.importList(new Uint8Array(bytes), file, {
          ...(opts.title ? { title: opts.title } : {}),
          format,
        });
        if (opts.json) return printJson(presentImport(result));
        console.log(
          table(
            ['line', 'listed as', 'status', 'film', 'evidence or candidates'],
            result.list.entries.map((e) => [
              e.line,
              e.heading,
              e.resolution.status,
              e.resolution.status === 'resolved' ? e.resolution.slug : '',
              e.resolution.status === 'resolved'
                ? `${e.resolution.evidence.match} match on "${e.resolution.evidence.matchedTitle}"${
                    e.resolution.evidence.yearDelta
                      ? `, year ${e.resolution.evidence.yearDelta > 0 ? '+' : ''}${e.resolution.evidence.yearDelta}`
                      : ''
                  }`
                : e.resolution.candidates
                    .slice(0, 3)
                    .map((c) => `${c.slug} (${c.score.toFixed(2)})`)
                    .join(', '),
            ]),
          ),
        );
        const { resolved, ambiguous, unresolved } = result.list.counts;
        console.log(
          `\ndraft collection "${result.collection.slug}": ${resolved} resolved, ${ambiguous} ambiguous, ${unresolved} unresolved`,
        );
        console.log(`check it with: kinoteka check collection ${result.collection.slug}`);
      });
    };
  imp
    .command('list <file>')
    .description(
      'Read a list (plain text, numbered, Markdown, or a Letterboxd CSV), resolve its films, and save a draft collection.',
    )
    .option('--title <title>', 'title of the draft collection')
    .option('--json', 'print the whole result as JSON')
    .action(importAction('auto'));
  imp
    .command('letterboxd <file>')
    .description(
      'Read a Letterboxd list export (CSV, v7) or a Name,Year CSV, resolve its films, and save a draft collection.',
    )
    .option('--title <title>', 'title of the draft collection (default: the list name)')
    .option('--json', 'print the whole result as JSON')
    .action(importAction('letterboxd'));

  const check = program.command('check').description('Check claims against the knowledge base.');
  check
    .command('collection <slug>')
    .description("Judge every claim in a collection's descriptions and facts (drafts included).")
    .option('--all', 'also list what is not checkable')
    .option('--json', 'print JSON')
    .action(async (slug: string, opts: { all?: boolean; json?: boolean }) => {
      await withApp(async (app) => {
        const result = await app.services.collections.factCheck(slug, { includeDrafts: true });
        if (opts.json) return printJson(presentCollectionCheck(result));
        const rows = result.entries.flatMap((e) => {
          const label = `${e.position}. ${e.filmTitle} (${e.year})`;
          const r = [
            ...claimRows(`${label} description`, e.description),
            ...claimRows(`${label} fact`, e.fact),
          ];
          if (opts.all) {
            for (const t of [e.description, e.fact]) {
              for (const c of t.claims.filter((x) => x.judgement.verdict === 'not-checkable')) {
                r.push([label, 'not checkable', c.text, c.judgement.explanation]);
              }
            }
          }
          return r;
        });
        console.log(`${result.title} (${result.status})\n`);
        // The entry, claim and why columns wrap to fit the terminal (80 columns when piped).
        console.log(
          table(['entry', 'verdict', 'claim', 'why'], rows, {
            width: terminalWidth(),
            wrap: [0, 2, 3],
          }),
        );
        const counts = presentCollectionCheck(result).counts;
        console.log(
          `\n${counts.supported} supported, ${counts.contradicted} contradicted, ${counts.unsupported} unsupported, ${counts['not-checkable']} not checkable`,
        );
        const weak = result.entries
          .flatMap((e) => [...e.description.claims, ...e.fact.claims])
          .filter((c) => weakEvidence(c).length > 0).length;
        if (weak > 0) {
          const note = `${weak === 1 ? '1 claim rests' : `${weak} claims rest`} on weakly sourced records (only mirror copies or user-written pages): find the original source.`;
          console.log(wrapText(note, terminalWidth()).join('\n'));
        }
        if (counts.contradicted > 0) process.exitCode = 1;
      });
    });
  check
    .command('claim <sentence>')
    .description('Judge one sentence about a film.')
    .requiredOption('--film <slug>', 'the film the sentence is about')
    .option('--json', 'print JSON')
    .action(async (sentence: string, opts: { film: string; json?: boolean }) => {
      await withApp(async (app) => {
        const result = await app.services.knowledge.check(sentence, opts.film);
        if (opts.json) return printJson(presentCheckedText(result));
        if (result.claims.length === 0) console.log('no claims found');
        for (const c of result.claims) {
          console.log(`${MARK[c.judgement.verdict]}: ${c.text}\n  ${c.judgement.explanation}`);
          for (const ev of presentCheckedText({ ...result, claims: [c] }).claims[0]!.evidence) {
            const first = ev.sources[0];
            console.log(
              `  - ${ev.summary}${first ? ` <${first.url}> (${SOURCE_KIND_LABEL[first.kind]})` : ''}${ev.weakly_sourced ? ' [weakly sourced]' : ''}`,
            );
          }
        }
      });
    });

  const kb = program.command('kb').description('The knowledge base behind claim checking.');
  kb.command('load-wikidata <file>')
    .description('Load films from a Wikidata JSON dump (.json, .jsonl, .gz or .bz2), streaming.')
    .option('--only <ids...>', 'load only these items, e.g. Q183543 Q1122580')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { only?: string[]; json?: boolean }) => {
      await withApp(async (app) => {
        const bar = progressBar();
        const report = await app.services.knowledge.loadWikidata(file, {
          ...(opts.only ? { only: opts.only.flatMap((x) => x.split(',')).filter(Boolean) } : {}),
          onProgress: (p) =>
            bar.update(
              Math.round(p.bytesRead / 1024),
              Math.round((p.totalBytes ?? p.bytesRead) / 1024),
              `pass ${p.pass} KiB`,
            ),
        });
        bar.done();
        if (opts.json) return printJson(report);
        console.log(
          `loaded ${report.films} films, ${report.statements} statements and ${report.editions} editions from ${report.entities} entities in ${file}`,
        );
      });
    });
  kb.command('stats')
    .description('Count what the knowledge base holds, by layer.')
    .action(async () => {
      await withApp(async (app) => {
        const counts = await app.services.knowledge.counts();
        console.log(table(['layer.kind', 'records'], Object.entries(counts)));
      });
    });
}
