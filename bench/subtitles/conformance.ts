/**
 * Conformance (run: node --import tsx bench/subtitles/conformance.ts [--verbose]).
 *
 * 1. The web-platform-tests WebVTT file-parsing cases (test/fixtures/subtitles/wpt/, transcribed
 *    from the published suite; see NOTICE.md there), run against our WebVTT parser with the
 *    suite's own assertions. Cases about cues and cases about style sheets are counted apart.
 * 2. The web-platform-tests WebVTT cue text parsing cases (test/fixtures/subtitles/wpt-cue-text/),
 *    each a cue's text with the DOM getCueAsHTML() must give, run against parseCueText.
 * 3. Peer-style fixtures (test/fixtures/subtitles/peers.ts): our own files in the shapes other
 *    readers' test suites exercise, with what a careful reader must make of them.
 *
 * Prints pass counts and each failure with its first failed assertion.
 */
import { PEER_CASES, runPeerCase } from '../../test/fixtures/subtitles/peers.ts';
import { isStyleCase, loadCases, runCase } from '../../test/fixtures/subtitles/wpt-cases.ts';
import { loadCueTextCases, runCueTextCase } from '../../test/fixtures/subtitles/wpt-cue-text.ts';

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

const cueText = loadCueTextCases().map((c) => ({ c, r: runCueTextCase(c) }));
console.log('\nWPT webvtt/parsing/cue-text-parsing');
console.log(`  cases: ${cueText.filter(({ r }) => r.pass).length}/${cueText.length}`);
for (const { c, r } of cueText) {
  if (!r.pass || verbose)
    console.log(
      `  ${r.pass ? 'pass' : 'FAIL'} ${c.name} ${JSON.stringify(c.input)}: got ${JSON.stringify(r.got)}`,
    );
}

const peer = PEER_CASES.map((p) => ({ p, r: runPeerCase(p) }));
console.log('\nPeer-style fixtures (SRT, WebVTT, ASS/SSA, MicroDVD, SubViewer, SBV)');
console.log(`  passed: ${peer.filter(({ r }) => r.pass).length}/${peer.length}`);
for (const { p, r } of peer) {
  if (!r.pass || verbose)
    console.log(`  ${r.pass ? 'pass' : 'FAIL'} ${p.name}: ${r.message ?? ''}`);
}
