/** Prints the claims and verdicts for one sentence: `node --import tsx bench/claims/debug.ts FILM "SENTENCE"`. */
import { fileURLToPath } from 'node:url';
import { KnowledgeBase } from '../../src/modules/facts/kb/kb.ts';
import { loadKnowledgeDir } from '../../src/modules/facts/kb/knowledge-dir.ts';
import { checkText } from '../../src/modules/facts/claims/check.ts';

const kb = new KnowledgeBase(
  await loadKnowledgeDir(fileURLToPath(new URL('../../content/knowledge', import.meta.url))),
);
const [film, ...rest] = process.argv.slice(2);
for (const text of rest) {
  console.log(`# ${text}`);
  for (const c of checkText(text, film, kb).claims) {
    const { judgement, span: _s, sentence: _t, id: _i, ...claim } = c;
    console.log(`  ${JSON.stringify(claim)}\n    → ${judgement.verdict}: ${judgement.explanation}`);
  }
}
