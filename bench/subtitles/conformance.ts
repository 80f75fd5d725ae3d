/**
 * Conformance (run: node --import tsx bench/subtitles/conformance.ts [--verbose]).
 *
 * 1. The web-platform-tests WebVTT file-parsing cases (test/fixtures/subtitles/wpt/, transcribed
 *    from the published suite; see NOTICE.md there), run against our WebVTT parser with the
 *    suite's own assertions. Cases about cues and cases about style sheets are counted apart.
 *
 * Prints pass counts and each failure with its first failed assertion.
 */
import { isStyleCase, loadCases, runCase } from '../../test/fixtures/subtitles/wpt-cases.ts';

const verbose = process.argv.includes('--verbose');
const cases = loadCases();
const results = cases.map((c) => ({ c, r: runCase(c) }));
const cue = results.filter(({ c }) => !isStyleCase(c));
const style = results.filter(({ c }) => isStyleCase(c));
const count = (xs: typeof results): string => `${xs.filter(({ r }) => r.pass).length}/${xs.length}`;

console.log('WPT webvtt/parsing/file-parsing');
console.log(`  cue cases:         ${count(cue)}`);
console.log(`  style-sheet cases: ${count(style)}`);
for (const { c, r } of results) {
  if (!r.pass || verbose)
    console.log(`  ${r.pass ? 'pass' : 'FAIL'} ${c.name}: ${r.message ?? ''}`);
}
