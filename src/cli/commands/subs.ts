/**
 * `kinoteka subs …`: detect, convert, clean, shift, scale, cut and sync subtitle files. Thin edge: parse
 * arguments, call the subtitles module, print. Exit codes: 0 success, 1 bad input or failure,
 * 3 sync refused as not confident, or the text encoding unsure (the output file is not
 * written). One function per
 * subcommand; what they share (input options, reading, writing, errors) is in subs-io.ts.
 */
import type { Command } from 'commander';
import {
  createFfmpegAudioRepository,
  insertGap,
  mergeOverlapping,
  removeGap,
  scaleCues,
  shiftCuesReport,
  stripHearingImpaired,
  syncToAudio,
  syncToReference,
} from '../../modules/subtitles/index.ts';
import type { Cue, LoadedSubtitles, SyncResult } from '../../modules/subtitles/index.ts';
import { CliError } from '../errors.ts';
import type { InputOptions } from './subs-io.ts';
import {
  inputOptions,
  load,
  num,
  outputFormat,
  outputOption,
  printJson,
  run,
  save,
  wrote,
} from './subs-io.ts';

interface OutputOptions extends InputOptions {
  output: string;
}

export function registerSubsCommands(program: Command): void {
  const subs = program.command('subs').description('read, convert, retime and sync subtitle files');
  detectCommand(subs);
  convertCommand(subs);
  cleanCommand(subs);
  shiftCommand(subs);
  scaleCommand(subs);
  cutCommand(subs);
  syncCommand(subs);
}

function detectCommand(subs: Command): void {
  const cmd = subs
    .command('detect')
    .argument('<file>', 'subtitle file')
    .option('--json', 'print JSON');
  inputOptions(cmd)
    .description('show format, encoding, language, cue count and problems')
    .action(
      run(async (file: string, opts: InputOptions & { json?: boolean }) => {
        const s = await load(file, opts);
        if (opts.json) printJson(detectReport(file, s));
        else process.stdout.write(`${detectText(file, s).join('\n')}\n`);
      }),
    );
}

function detectReport(file: string, s: LoadedSubtitles): Record<string, unknown> {
  return {
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
}

function detectText(file: string, s: LoadedSubtitles): string[] {
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
  return lines;
}

function convertCommand(subs: Command): void {
  const cmd = subs.command('convert').argument('<file>', 'subtitle file in any supported format');
  inputOptions(outputOption(cmd))
    .description('convert to WebVTT or SRT (UTF-8)')
    .action(
      run(async (file: string, opts: OutputOptions) => {
        outputFormat(opts.output);
        const s = await load(file, opts);
        await save(opts.output, s.cues, s.vtt);
        process.stderr.write(
          `wrote ${opts.output}: ${s.cues.length} cues from ${s.format} (${s.encoding})\n`,
        );
      }),
    );
}

function cleanCommand(subs: Command): void {
  const cmd = outputOption(
    subs.command('clean').argument('<file>', 'subtitle file in any supported format'),
  )
    .option('--strip-hi', 'remove hearing-impaired annotations ([door slams], (sighs), JOHN:, ♪)')
    .option('--merge-overlaps', 'merge cues that overlap in time into one cue');
  inputOptions(cmd)
    .description('write a repaired copy (UTF-8), optionally without SDH notes or overlaps')
    .action(
      run(
        async (
          file: string,
          opts: OutputOptions & { stripHi?: boolean; mergeOverlaps?: boolean },
        ) => {
          outputFormat(opts.output);
          const s = await load(file, opts);
          let cues = s.cues;
          const notes: string[] = [];
          const repaired = s.problems.filter((p) => p.repaired).reduce((n, p) => n + p.count, 0);
          if (repaired > 0) notes.push(`${repaired} repairs`);
          if (opts.stripHi) {
            const stripped = stripEachCue(cues);
            cues = stripped.cues;
            notes.push(
              `hearing-impaired notes removed from ${stripped.changed} cues, ${stripped.dropped} of them left empty and dropped`,
            );
          }
          if (opts.mergeOverlaps) {
            const before = cues.length;
            cues = mergeOverlapping(cues);
            notes.push(`${before - cues.length} overlapping cues merged`);
          }
          await save(opts.output, cues);
          wrote(opts.output, cues.length, notes);
        },
      ),
    );
}

/** Cue by cue, to count what changed: the transform drops cues left empty. */
function stripEachCue(cues: Cue[]): { cues: Cue[]; changed: number; dropped: number } {
  const each = cues.map((c) => stripHearingImpaired([c]));
  const changed = each.filter(
    (r, i) => r[0]?.lines.join('\n') !== cues[i]!.lines.join('\n'),
  ).length;
  const dropped = each.filter((r) => r.length === 0).length;
  return { cues: each.flat(), changed, dropped };
}

function shiftCommand(subs: Command): void {
  const cmd = subs
    .command('shift')
    .argument('<file>', 'subtitle file')
    .requiredOption('--by <seconds>', 'offset in seconds, negative = earlier (use --by=-2.5)');
  inputOptions(outputOption(cmd))
    .option('--json', 'print what was written, dropped and clamped as JSON')
    .option('--strict', 'refuse (write nothing) if any cue would move before zero')
    .description('move every cue by an offset; cues pushed before zero are dropped or clamped')
    .action(
      run(
        async (
          file: string,
          opts: OutputOptions & { by: string; json?: boolean; strict?: boolean },
        ) => {
          outputFormat(opts.output);
          const by = num('--by', opts.by);
          const s = await load(file, opts);
          const r = shiftCuesReport(s.cues, by * 1000);
          const summary = {
            output: opts.output,
            cues: r.cues.length,
            dropped: r.dropped,
            clamped: r.clamped,
            written: !(opts.strict && r.dropped + r.clamped > 0),
          };
          if (opts.json) printJson(summary);
          if (!summary.written) {
            throw new CliError(
              `${r.dropped + r.clamped} cues would move before zero (${r.dropped} dropped, ${r.clamped} clamped); nothing written (--strict)`,
            );
          }
          await save(opts.output, r.cues, s.vtt);
          const notes: string[] = [];
          if (r.dropped > 0) notes.push(`${r.dropped} pushed before zero dropped`);
          if (r.clamped > 0) notes.push(`${r.clamped} clamped to start at zero`);
          if (!opts.json) wrote(opts.output, r.cues.length, notes);
        },
      ),
    );
}

function scaleCommand(subs: Command): void {
  const cmd = subs
    .command('scale')
    .argument('<file>', 'subtitle file')
    .requiredOption('--from <fps>', 'frame rate the file is timed for')
    .requiredOption('--to <fps>', 'frame rate of the video');
  inputOptions(outputOption(cmd))
    .description('retime between frame rates (23.976, 24, 25, 29.97)')
    .action(
      run(async (file: string, opts: OutputOptions & { from: string; to: string }) => {
        outputFormat(opts.output);
        const from = num('--from', opts.from);
        const to = num('--to', opts.to);
        if (from <= 0 || to <= 0) throw new CliError('frame rates must be positive');
        const s = await load(file, opts);
        await save(opts.output, scaleCues(s.cues, from, to));
      }),
    );
}

function cutCommand(subs: Command): void {
  const cmd = subs
    .command('cut')
    .argument('<file>', 'subtitle file')
    .requiredOption('--at <seconds>', 'where the video gained or lost material (file time)')
    .option(
      '--remove <seconds>',
      'the video lacks this much from --at: drop those cues, pull later ones in',
    )
    .option('--insert <seconds>', 'the video has this much extra at --at: push later cues out');
  inputOptions(outputOption(cmd))
    .description('remove or insert a gap (a cut scene, a longer intro)')
    .action(
      run(
        async (
          file: string,
          opts: OutputOptions & { at: string; remove?: string; insert?: string },
        ) => {
          if ((opts.remove === undefined) === (opts.insert === undefined))
            throw new CliError('give exactly one of --remove or --insert');
          outputFormat(opts.output);
          const at = num('--at', opts.at);
          if (at < 0) throw new CliError('--at must not be negative');
          const length =
            opts.remove !== undefined
              ? num('--remove', opts.remove)
              : num('--insert', opts.insert!);
          if (!(length > 0)) throw new CliError('the gap length must be positive');
          const s = await load(file, opts);
          const atMs = Math.round(at * 1000);
          const ms = Math.round(length * 1000);
          const cues =
            opts.remove !== undefined ? removeGap(s.cues, atMs, ms) : insertGap(s.cues, atMs, ms);
          await save(opts.output, cues);
          const dropped = s.cues.length - cues.length;
          wrote(
            opts.output,
            cues.length,
            dropped > 0 ? [`${dropped} inside the removed part dropped`] : [],
          );
        },
      ),
    );
}

interface SyncOptions extends OutputOptions {
  ref?: string;
  audio?: string;
  json?: boolean;
  minConfidence?: string;
  splits: boolean;
}

function syncCommand(subs: Command): void {
  const cmd = subs
    .command('sync')
    .argument('<file>', 'subtitle file to fix')
    .option('--ref <ref>', 'subtitle file already timed for the video')
    .option('--audio <media>', 'the video or audio file to align to');
  outputOption(cmd)
    .option('--json', 'print the result as JSON')
    .option('--min-confidence <x>', 'refuse below this confidence (0..1)')
    .option('--no-splits', 'one offset for the whole file (no reel changes or cuts)');
  inputOptions(cmd, 'override encoding detection for FILE')
    .description('synchronise to a reference track or to the audio; refuses when unsure')
    .action(
      run(async (file: string, opts: SyncOptions) => {
        if (!!opts.ref === !!opts.audio) throw new CliError('give exactly one of --ref or --audio');
        outputFormat(opts.output);
        const s = await load(file, opts);
        const result = await syncOnce(s.cues, opts);
        if (opts.json) {
          const { cues: _cues, ...rest } = result;
          const extra = 'speech' in rest ? { speech: undefined } : {};
          printJson({ ...rest, ...extra, cueCount: s.cues.length });
        }
        if (!result.accepted)
          throw new CliError(result.reason ?? 'not confident enough, file left unchanged', 3);
        await save(opts.output, result.cues);
        if (!opts.json) process.stderr.write(`synced: ${describeSync(result)}\n`);
      }),
    );
}

async function syncOnce(cues: Cue[], opts: SyncOptions): Promise<SyncResult> {
  const syncOpts = {
    ...(opts.minConfidence ? { minConfidence: num('--min-confidence', opts.minConfidence) } : {}),
    ...(opts.splits ? {} : { splitPenaltyMs: Infinity }),
  };
  if (opts.ref) {
    const ref = await load(opts.ref, {});
    return syncToReference(cues, ref.cues, syncOpts);
  }
  const onProgress = progress('decoding audio');
  const result = await syncToAudio(
    cues,
    opts.audio!,
    { audio: createFfmpegAudioRepository(), ...(onProgress ? { onProgress } : {}) },
    syncOpts,
  );
  if (onProgress) process.stderr.write('\n');
  return result;
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
