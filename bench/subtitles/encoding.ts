/**
 * Encoding detection (run: node --import tsx bench/subtitles/encoding.ts [--verbose] [--held-out]).
 *
 * SRT files of 300, 60, 8 and 2 cues are assembled from our own sentences in each language
 * (test/fixtures/subtitles/encoding-corpus.ts), encoded with iconv-lite in each code page that
 * language is written in, and detected by ours and by jschardet (chardet's JavaScript port),
 * the same bytes for both. A file is right when the decoded text is the original (two code
 * pages that give the same text count as right), unsure when the detector says so (ours: the
 * CLI exits 3 and asks for --encoding; jschardet: no answer or confidence under 0.5, the
 * threshold ours uses), and confident-wrong otherwise — the one outcome that must not happen.
 * Files in code pages outside the models must come back unsure.
 * Goal: ≥ 95% right over the encodings of issue 12, 0 confident-wrong everywhere.
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { decodeSubtitleBytes } from '../../src/modules/subtitles/index.ts';
import { FILES, SIZES, encodedFile } from '../../test/fixtures/subtitles/encoding-corpus.ts';

const verbose = process.argv.includes('--verbose');
/** --held-out: the other dialogue (HELD_OUT), never used to tune the models. */
const heldOut = process.argv.includes('--held-out');
const SEEDS = 3;

interface Verdict {
  outcome: 'right' | 'unsure' | 'wrong';
  said: string;
}

function ours(bytes: Buffer, expected: string): Verdict {
  const d = decodeSubtitleBytes(bytes);
  const said = `${d.encoding}@${d.confidence}`;
  if (d.unsure) return { outcome: 'unsure', said };
  return { outcome: d.text.normalize('NFC') === expected ? 'right' : 'wrong', said };
}

/** jschardet's names as iconv-lite knows them. */
function iconvName(name: string): string {
  const n = name.toLowerCase();
  if (n === 'ascii') return 'utf-8';
  if (n === 'gb2312') return 'gb18030';
  return n;
}

function peer(bytes: Buffer, expected: string): Verdict {
  const r = jschardet.detect(bytes);
  const said = `${r.encoding}@${Math.round(r.confidence * 1000) / 1000}`;
  if (!r.encoding || r.confidence < 0.5) return { outcome: 'unsure', said };
  const enc = iconvName(r.encoding);
  if (!iconv.encodingExists(enc)) return { outcome: 'wrong', said };
  const text = iconv.decode(bytes, enc).replace(/^\ufeff/, '');
  return { outcome: text.normalize('NFC') === expected ? 'right' : 'wrong', said };
}

type Tally = { right: number; unsure: number; wrong: number; said: string[] };
const tally = (): Tally => ({ right: 0, unsure: 0, wrong: 0, said: [] });
const totals = { ours: tally(), peer: tally(), oursOut: tally(), peerOut: tally() };
const rows: string[] = [];
const ms = { ours: 0, peer: 0 };

for (const [lang, enc, inModel, bom] of FILES) {
  const t = { ours: tally(), peer: tally() };
  for (const size of SIZES) {
    for (let seed = 0; seed < SEEDS; seed++) {
      const { bytes, expected } = encodedFile(lang, enc, size, seed, bom, heldOut);
      for (const [who, fn] of [
        ['ours', ours],
        ['peer', peer],
      ] as const) {
        const t0 = performance.now();
        const v = fn(bytes, expected);
        ms[who] += performance.now() - t0;
        t[who][v.outcome]++;
        if (v.outcome === 'wrong') t[who].said.push(`${size}:${v.said}`);
        if (v.outcome === 'unsure' && verbose) t[who].said.push(`${size}:${v.said}?`);
      }
    }
  }
  for (const who of ['ours', 'peer'] as const) {
    const into = inModel ? totals[who] : totals[who === 'ours' ? 'oursOut' : 'peerOut'];
    into.right += t[who].right;
    into.unsure += t[who].unsure;
    into.wrong += t[who].wrong;
  }
  const cell = (x: Tally): string =>
    `${String(x.right).padStart(5)} | ${String(x.unsure).padStart(6)} | ${String(x.wrong).padStart(5)}`;
  const name = `${enc}${bom ? ' +BOM' : ''}`;
  rows.push(
    `| ${lang.padEnd(7)} | ${name.padEnd(15)} | ${inModel ? 'yes' : 'no '} | ${cell(t.ours)} | ${cell(t.peer)} |` +
      (t.ours.said.length || t.peer.said.length
        ? ` ours: ${t.ours.said.slice(0, 4).join(' ')} jschardet: ${t.peer.said.slice(0, 4).join(' ')}`
        : ''),
  );
}
const n = SIZES.length * SEEDS;
console.log(
  `Encoding detection${heldOut ? ' (held-out lines)' : ''}, ${SIZES.join('/')}-cue SRT files, ${SEEDS} of each size per encoding (${n} files a row)\n`,
);
console.log(
  '| lang    | encoding        | in issue | ours right | unsure | wrong | jschardet right | unsure | wrong |',
);
console.log(
  '|---------|-----------------|----------|------------|--------|-------|-----------------|--------|-------|',
);
for (const r of rows) console.log(r);
const pct = (x: Tally): string =>
  `${x.right}/${x.right + x.unsure + x.wrong} right (${((x.right / (x.right + x.unsure + x.wrong)) * 100).toFixed(1)}%), ${x.unsure} unsure, ${x.wrong} confident-wrong`;
console.log(`\nencodings of the issue — ours:      ${pct(totals.ours)}`);
console.log(`encodings of the issue — jschardet: ${pct(totals.peer)}`);
console.log(
  `ratio of right answers, ours / jschardet: ${(totals.ours.right / Math.max(1, totals.peer.right)).toFixed(2)}`,
);
console.log(`outside the models (must be unsure) — ours: ${pct(totals.oursOut)}`);
console.log(`outside the models (must be unsure) — jschardet: ${pct(totals.peerOut)}`);
console.log(
  `time, all files: ours ${ms.ours.toFixed(0)} ms, jschardet ${ms.peer.toFixed(0)} ms (ratio ${(ms.ours / ms.peer).toFixed(2)})`,
);
