/**
 * What every `kinoteka subs …` command shares: the input options (`--encoding`, `--fps`),
 * reading a subtitle file, writing the output atomically in the format its extension names,
 * number options, and the wrapper that turns a failure into `subs: <message>` and an exit code
 * (3 when the text encoding cannot be told: nothing is written, `--encoding` is suggested).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SubtitleError, loadSubtitles, writeSubtitles } from '../../modules/subtitles/index.ts';
import type { Cue, LoadedSubtitles, VttHeader } from '../../modules/subtitles/index.ts';
import { CliError } from '../errors.ts';

/** The options that say how to read the input file. */
export interface InputOptions {
  encoding?: string;
  fps?: string;
}

/** Adds `--encoding` and `--fps`, the options of every command that reads a subtitle file. */
export function inputOptions(cmd: Command, encodingHelp = 'override encoding detection'): Command {
  return cmd
    .option('--encoding <name>', encodingHelp)
    .option('--fps <n>', 'frame rate for MicroDVD files without one');
}

/** Adds the required `-o, --output`, checked before any work is done (see outputFormat). */
export function outputOption(cmd: Command): Command {
  return cmd.requiredOption('-o, --output <out>', 'output file (.vtt or .srt)');
}

export function num(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new CliError(`${name} must be a number, got "${value}"`);
  return n;
}

export async function load(file: string, opts: InputOptions): Promise<LoadedSubtitles> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return loadSubtitles(bytes, {
      file,
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.fps ? { fps: num('--fps', opts.fps) } : {}),
    });
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(e.message);
    // Exit 3, like a refused sync: nothing is written, and --encoding settles it.
    if (e instanceof SubtitleError && e.reason === 'encoding-unsure')
      throw new CliError(e.message, 3);
    throw e;
  }
}

export function outputFormat(out: string): 'vtt' | 'srt' {
  const ext = out.toLowerCase().split('.').pop();
  if (ext === 'vtt' || ext === 'srt') return ext;
  throw new CliError(`output must end in .vtt or .srt: ${out}`);
}

/** Writes beside the target and renames, so a failed run never leaves half a file. */
export async function save(out: string, cues: Cue[], header?: VttHeader): Promise<void> {
  const format = outputFormat(out);
  const tmp = `${out}.tmp-${process.pid}`;
  await writeFile(tmp, writeSubtitles(cues, format, header), 'utf8');
  await rename(tmp, out);
}

/** Runs a command's action; a failure prints `subs: <first line>` and sets the exit code. */
export function run(
  action: (...args: never[]) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    try {
      await (action as (...a: unknown[]) => Promise<void>)(...args);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`subs: ${msg.split('\n')[0]}\n`);
      process.exitCode = e instanceof CliError ? e.exitCode : 1;
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A line on stderr saying what was written, with notes in brackets when there are any. */
export function wrote(out: string, cues: number, notes: string[] = []): void {
  process.stderr.write(
    `wrote ${out}: ${cues} cues${notes.length ? ` (${notes.join(', ')})` : ''}\n`,
  );
}
