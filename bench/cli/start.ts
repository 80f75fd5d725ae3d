/**
 * CLI start time: `kinoteka --help` against its floor, `node -e 0` (starting Node itself), run
 * alternately as real processes, with medians and their ratio. Also `kinoteka films list --help`
 * (one command module loaded) so a regression in lazy loading shows.
 *
 *   node --import tsx bench/cli/start.ts [--rounds 10]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 10;
const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');

const targets: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'kinoteka --help': [BIN, '--help'],
  'kinoteka films list --help': [BIN, 'films', 'list', '--help'],
};

function once(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const times: Record<string, number[]> = Object.fromEntries(
  Object.keys(targets).map((k) => [k, []]),
);
for (let i = 0; i < rounds; i++) {
  for (const [name, args] of Object.entries(targets)) times[name]!.push(once(args));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor = median(times['node -e 0']!);
console.log(`| command | median ms | ratio to node -e 0 |\n| --- | ---: | ---: |`);
for (const name of Object.keys(targets)) {
  const m = median(times[name]!);
  console.log(`| ${name} | ${m.toFixed(0)} | ${(m / floor).toFixed(2)} |`);
}
