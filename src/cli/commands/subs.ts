/**
 * `kinoteka subs …`: detect, convert, clean, shift, scale, cut and sync subtitle files. Thin edge: parse
 * arguments, call the subtitles module, print. Exit codes: 0 success, 1 bad input or failure,
 * 3 sync refused as not confident (the output file is not written).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  createFfmpegAudioRepository,
  insertGap,
  loadSubtitles,
  mergeOverlapping,
  removeGap,
  scaleCues,
  shiftCues,
  stripHearingImpaired,
  syncToAudio,
  syncToReference,
  writeSubtitles,
} from '../../modules/subtitles/index.ts';
import type { Cue, LoadedSubtitles, SyncResult } from '../../modules/subtitles/index.ts';

class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function num(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new CliFailure(`${name} must be a number, got "${value}"`);
  return n;
}

async function load(
  file: string,
  opts: { encoding?: string; fps?: string },
): Promise<LoadedSubtitles> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new CliFailure(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return loadSubtitles(bytes, {
      file,
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.fps ? { fps: num('--fps', opts.fps) } : {}),
    });
  } catch (e) {
    if (e instanceof RangeError) throw new CliFailure(e.message);
    throw e;
  }
}

function outputFormat(out: string): 'vtt' | 'srt' {
  const ext = out.toLowerCase().split('.').pop();
  if (ext === 'vtt' || ext === 'srt') return ext;
  throw new CliFailure(`output must end in .vtt or .srt: ${out}`);
}

async function save(out: string, cues: Cue[]): Promise<void> {
  const format = outputFormat(out);
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, writeSubtitles(cues, format), 'utf8');
  await rename(tmp, out);
}

function run(action: (...args: never[]) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    try {
      await (action as (...a: unknown[]) => Promise<void>)(...args);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`subs: ${msg.split('\n')[0]}\n`);
      process.exitCode = e instanceof CliFailure ? e.exitCode : 1;
    }
  };
}

function progress(label: string): ((seconds: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (seconds) => process.stderr.write(`\r${label}: ${Math.round(seconds)} s of audio`);
}

function describeSync(r: SyncResult): string {
  const parts = [`offset ${(r.offsetMs / 1000).toFixed(3)} s`];
  if (r.fps) parts.push(`frame rate ${r.fps.from} → ${r.fps.to}`);
  else if (r.ratio !== 1) parts.push(`scale ${r.ratio.toFixed(5)}`);
  if (r.segments.length > 1) parts.push(`${r.segments.length} segments`);
  parts.push(`confidence ${r.confidence.toFixed(2)}`);
  return parts.join(', ');
}

export function registerSubsCommands(program: Command): void {
  const subs = program.command('subs').description('read, convert, retime and sync subtitle files');

  subs
    .command('detect')
    .argument('<file>', 'subtitle file')
    .option('--json', 'print JSON')
    .option('--encoding <name>', 'override encoding detection')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('show format, encoding, language, cue count and problems')
    .action(
      run(async (file: string, opts: { json?: boolean; encoding?: string; fps?: string }) => {
        const s = await load(file, opts);
        const report = {
          file,
          format: s.format,
          encoding: s.encoding,
          encodingConfidence: s.encodingConfidence,
          language: s.language.language,
          languageConfidence: s.language.confidence,
          cues: s.cues.length,
          ...(s.fps ? { fps: s.fps } : {}),
          firstCueMs: s.cues[0]?.start ?? null,
          lastCueMs: s.cues[s.cues.length - 1]?.end ?? null,
          problems: s.problems,
        };
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const lines = [
          `format:    ${s.format}${s.fps ? ` (${s.fps} fps)` : ''}`,
          `encoding:  ${s.encoding} (confidence ${s.encodingConfidence})`,
          `language:  ${s.language.language} (confidence ${s.language.confidence})`,
          `cues:      ${s.cues.length}`,
        ];
        if (s.problems.length === 0) lines.push('problems:  none');
        else {
          lines.push('problems:');
          for (const p of s.problems) {
            lines.push(
              `  ${file}:${p.line}: ${p.message}${p.count > 1 ? ` (×${p.count})` : ''}${p.repaired ? ' [repaired]' : ''}`,
            );
          }
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );

  subs
    .command('convert')
    .argument('<file>', 'subtitle file in any supported format')
    .requiredOption('-o, --output <out>', 'output file (.vtt or .srt)')
    .option('--encoding <name>', 'override encoding detection')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('convert to WebVTT or SRT (UTF-8)')
    .action(
      run(async (file: string, opts: { output: string; encoding?: string; fps?: string }) => {
        outputFormat(opts.output);
        const s = await load(file, opts);
        await save(opts.output, s.cues);
        process.stderr.write(
          `wrote ${opts.output}: ${s.cues.length} cues from ${s.format} (${s.encoding})\n`,
        );
      }),
    );

  subs
    .command('clean')
    .argument('<file>', 'subtitle file in any supported format')
    .requiredOption('-o, --output <out>', 'output file (.vtt or .srt)')
    .option('--strip-hi', 'remove hearing-impaired annotations ([door slams], (sighs), JOHN:, ♪)')
    .option('--merge-overlaps', 'merge cues that overlap in time into one cue')
    .option('--encoding <name>', 'override encoding detection')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('write a repaired copy (UTF-8), optionally without SDH notes or overlaps')
    .action(
      run(
        async (
          file: string,
          opts: {
            output: string;
            stripHi?: boolean;
            mergeOverlaps?: boolean;
            encoding?: string;
            fps?: string;
          },
        ) => {
          outputFormat(opts.output);
          const s = await load(file, opts);
          let cues = s.cues;
          const notes: string[] = [];
          const repaired = s.problems.filter((p) => p.repaired).reduce((n, p) => n + p.count, 0);
          if (repaired > 0) notes.push(`${repaired} repairs`);
          if (opts.stripHi) {
            // Cue by cue, to count what changed: the transform drops cues left empty.
            const each = cues.map((c) => stripHearingImpaired([c]));
            const changed = each.filter(
              (r, i) => r[0]?.lines.join('\n') !== cues[i]!.lines.join('\n'),
            ).length;
            const dropped = each.filter((r) => r.length === 0).length;
            cues = each.flat();
            notes.push(
              `hearing-impaired notes removed from ${changed} cues, ${dropped} of them left empty and dropped`,
            );
          }
          if (opts.mergeOverlaps) {
            const before = cues.length;
            cues = mergeOverlapping(cues);
            notes.push(`${before - cues.length} overlapping cues merged`);
          }
          await save(opts.output, cues);
          process.stderr.write(
            `wrote ${opts.output}: ${cues.length} cues${notes.length ? ` (${notes.join(', ')})` : ''}\n`,
          );
        },
      ),
    );

  subs
    .command('shift')
    .argument('<file>', 'subtitle file')
    .requiredOption('--by <seconds>', 'offset in seconds, negative = earlier (use --by=-2.5)')
    .requiredOption('-o, --output <out>', 'output file (.vtt or .srt)')
    .option('--encoding <name>', 'override encoding detection')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('move every cue by an offset')
    .action(
      run(
        async (
          file: string,
          opts: { by: string; output: string; encoding?: string; fps?: string },
        ) => {
          outputFormat(opts.output);
          const by = num('--by', opts.by);
          const s = await load(file, opts);
          await save(opts.output, shiftCues(s.cues, by * 1000));
        },
      ),
    );

  subs
    .command('scale')
    .argument('<file>', 'subtitle file')
    .requiredOption('--from <fps>', 'frame rate the file is timed for')
    .requiredOption('--to <fps>', 'frame rate of the video')
    .requiredOption('-o, --output <out>', 'output file (.vtt or .srt)')
    .option('--encoding <name>', 'override encoding detection')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('retime between frame rates (23.976, 24, 25, 29.97)')
    .action(
      run(
        async (
          file: string,
          opts: { from: string; to: string; output: string; encoding?: string; fps?: string },
        ) => {
          outputFormat(opts.output);
          const from = num('--from', opts.from);
          const to = num('--to', opts.to);
          if (from <= 0 || to <= 0) throw new CliFailure('frame rates must be positive');
          const s = await load(file, opts);
          await save(opts.output, scaleCues(s.cues, from, to));
        },
      ),
    );

  subs
    .command('cut')
    .argument('<file>', 'subtitle file')
    .requiredOption('--at <seconds>', 'where the video gained or lost material (file time)')
    .option(
      '--remove <seconds>',
      'the video lacks this much from --at: drop those cues, pull later ones in',
    )
    .option('--insert <seconds>', 'the video has this much extra at --at: push later cues out')
    .requiredOption('-o, --output <out>', 'output file (.vtt or .srt)')
    .option('--encoding <name>', 'override encoding detection')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('remove or insert a gap (a cut scene, a longer intro)')
    .action(
      run(
        async (
          file: string,
          opts: {
            at: string;
            remove?: string;
            insert?: string;
            output: string;
            encoding?: string;
            fps?: string;
          },
        ) => {
          if ((opts.remove === undefined) === (opts.insert === undefined))
            throw new CliFailure('give exactly one of --remove or --insert');
          outputFormat(opts.output);
          const at = num('--at', opts.at);
          if (at < 0) throw new CliFailure('--at must not be negative');
          const length =
            opts.remove !== undefined
              ? num('--remove', opts.remove)
              : num('--insert', opts.insert!);
          if (!(length > 0)) throw new CliFailure('the gap length must be positive');
          const s = await load(file, opts);
          const atMs = Math.round(at * 1000);
          const ms = Math.round(length * 1000);
          const cues =
            opts.remove !== undefined ? removeGap(s.cues, atMs, ms) : insertGap(s.cues, atMs, ms);
          await save(opts.output, cues);
          const dropped = s.cues.length - cues.length;
          process.stderr.write(
            `wrote ${opts.output}: ${cues.length} cues${dropped > 0 ? ` (${dropped} inside the removed part dropped)` : ''}\n`,
          );
        },
      ),
    );

  subs
    .command('sync')
    .argument('<file>', 'subtitle file to fix')
    .option('--ref <ref>', 'subtitle file already timed for the video')
    .option('--audio <media>', 'the video or audio file to align to')
    .requiredOption('-o, --output <out>', 'output file (.vtt or .srt)')
    .option('--json', 'print the result as JSON')
    .option('--min-confidence <x>', 'refuse below this confidence (0..1)')
    .option('--no-splits', 'one offset for the whole file (no reel changes or cuts)')
    .option('--encoding <name>', 'override encoding detection for FILE')
    .option('--fps <n>', 'frame rate for MicroDVD files without one')
    .description('synchronise to a reference track or to the audio; refuses when unsure')
    .action(
      run(
        async (
          file: string,
          opts: {
            ref?: string;
            audio?: string;
            output: string;
            json?: boolean;
            minConfidence?: string;
            splits: boolean;
            encoding?: string;
            fps?: string;
          },
        ) => {
          if (!!opts.ref === !!opts.audio)
            throw new CliFailure('give exactly one of --ref or --audio');
          outputFormat(opts.output);
          const s = await load(file, opts);
          const syncOpts = {
            ...(opts.minConfidence
              ? { minConfidence: num('--min-confidence', opts.minConfidence) }
              : {}),
            ...(opts.splits ? {} : { splitPenaltyMs: Infinity }),
          };
          let result: SyncResult;
          if (opts.ref) {
            const ref = await load(opts.ref, {});
            result = syncToReference(s.cues, ref.cues, syncOpts);
          } else {
            const onProgress = progress('decoding audio');
            result = await syncToAudio(
              s.cues,
              opts.audio!,
              { audio: createFfmpegAudioRepository(), ...(onProgress ? { onProgress } : {}) },
              syncOpts,
            );
            if (onProgress) process.stderr.write('\n');
          }
          if (opts.json) {
            const { cues: _cues, ...rest } = result;
            const extra = 'speech' in rest ? { speech: undefined } : {};
            process.stdout.write(
              `${JSON.stringify({ ...rest, ...extra, cueCount: s.cues.length }, null, 2)}\n`,
            );
          }
          if (!result.accepted)
            throw new CliFailure(result.reason ?? 'not confident enough, file left unchanged', 3);
          await save(opts.output, result.cues);
          if (!opts.json) process.stderr.write(`synced: ${describeSync(result)}\n`);
        },
      ),
    );
}
