/**
 * The claim checker measured on labelled sentences: `node --import tsx bench/claims/run.ts`.
 *
 * Each sentence in bench/claims/set/*.yaml (development) and bench/claims/held-out.yaml (kept out
 * of development) is checked against the default knowledge base (content/knowledge) as a text
 * about its film. A sentence's verdict is contradicted if any of its claims is, supported if it
 * has checkable claims and all are supported, not-checkable if it has none, and unsupported
 * otherwise. Prints accuracy, false-supported and false-contradicted counts, overall and per
 * claim kind, for both sets. `--list` also prints every sentence the checker gets wrong.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parse } from 'yaml';
import { KnowledgeBase } from '../../src/modules/facts/kb/kb.ts';
import { loadKnowledgeDir } from '../../src/modules/facts/kb/knowledge-dir.ts';
import { checkText } from '../../src/modules/facts/claims/check.ts';
import { VERDICTS, type Verdict } from '../../src/modules/facts/claims/judge.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const EXPECTATIONS = ['supported', 'contradicted', 'undecidable'] as const;
const ACCEPTED: Record<(typeof EXPECTATIONS)[number], Verdict[]> = {
  supported: ['supported'],
  contradicted: ['contradicted'],
  undecidable: ['unsupported', 'not-checkable'],
};

const fileSchema = z.array(
  z.strictObject({
    film: z.string().min(1),
    sentences: z.array(
      z.strictObject({
        kind: z.string().min(1),
        expect: z.enum(EXPECTATIONS),
        accept: z.array(z.enum(VERDICTS)).optional(),
        text: z.string().min(1),
      }),
    ),
  }),
);

export interface Labelled {
  file: string;
  film: string;
  kind: string;
  expect: (typeof EXPECTATIONS)[number];
  accept: Verdict[];
  text: string;
}

export function loadSet(paths: readonly string[]): Labelled[] {
  return paths.flatMap((file) =>
    fileSchema.parse(parse(readFileSync(file, 'utf8'))).flatMap((group) =>
      group.sentences.map((s) => ({
        file,
        film: group.film,
        kind: s.kind,
        expect: s.expect,
        accept: s.accept ?? ACCEPTED[s.expect],
        text: s.text,
      })),
    ),
  );
}

/** One verdict for a sentence, from the verdicts of its claims. */
export function sentenceVerdict(verdicts: readonly Verdict[]): Verdict {
  const checkable = verdicts.filter((v) => v !== 'not-checkable');
  if (checkable.length === 0) return 'not-checkable';
  if (checkable.includes('contradicted')) return 'contradicted';
  if (checkable.every((v) => v === 'supported')) return 'supported';
  return 'unsupported';
}

export interface Outcome extends Labelled {
  verdict: Verdict;
  right: boolean;
  falseSupported: boolean;
  falseContradicted: boolean;
}

export function judgeSet(set: readonly Labelled[], kb: KnowledgeBase): Outcome[] {
  return set.map((s) => {
    const verdict = sentenceVerdict(
      checkText(s.text, s.film, kb).claims.map((c) => c.judgement.verdict),
    );
    return {
      ...s,
      verdict,
      right: s.accept.includes(verdict),
      falseSupported: verdict === 'supported' && !s.accept.includes('supported'),
      falseContradicted: verdict === 'contradicted' && !s.accept.includes('contradicted'),
    };
  });
}

function row(label: string, o: readonly Outcome[]): string[] {
  const right = o.filter((x) => x.right).length;
  return [
    label,
    String(o.length),
    `${((100 * right) / Math.max(1, o.length)).toFixed(1)}%`,
    String(o.filter((x) => x.falseSupported).length),
    String(o.filter((x) => x.falseContradicted).length),
    String(o.filter((x) => x.expect === 'supported' && x.verdict !== 'supported').length),
    String(o.filter((x) => x.expect === 'contradicted' && x.verdict !== 'contradicted').length),
  ];
}

function table(title: string, o: readonly Outcome[]): string {
  const head = [
    'kind',
    'n',
    'right',
    'false supp.',
    'false contr.',
    'missed supp.',
    'missed contr.',
  ];
  const kinds = [...new Set(o.map((x) => x.kind))].sort();
  const rows = [
    head,
    ...kinds.map((k) =>
      row(
        k,
        o.filter((x) => x.kind === k),
      ),
    ),
    row('all', o),
  ];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [`${title}`, '', line(head), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const kb = new KnowledgeBase(await loadKnowledgeDir(here('../../content/knowledge')));
  const devFiles = readdirSync(here('set'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => here(`set/${f}`));
  const dev = judgeSet(loadSet(devFiles), kb);
  const heldOut = judgeSet(loadSet([here('held-out.yaml')]), kb);
  const all = [...dev, ...heldOut];
  const byExpect = (o: readonly Outcome[]) =>
    EXPECTATIONS.map((e) => `${e} ${o.filter((x) => x.expect === e).length}`).join(', ');
  console.log(`Sentences: ${all.length} (${byExpect(all)}); held out: ${heldOut.length}.\n`);
  console.log(table('Whole set', all));
  console.log('');
  console.log(table('Development set', dev));
  console.log('');
  console.log(table('Held-out tenth', heldOut));
  if (process.argv.includes('--list')) {
    console.log('\nWrong:');
    for (const o of all.filter((x) => !x.right)) {
      console.log(`  [${o.kind}] expected ${o.accept.join('|')}, got ${o.verdict}: ${o.text}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
