/**
 * A film's cover from its copy: the poster beside the file (`poster.jpg`, `folder.jpg`,
 * `cover.jpg`, `Title (Year)-poster.jpg`), else its backdrop (`backdrop.jpg`, `fanart.jpg`),
 * else a frame of the video, the one the operator picked or one chosen automatically and not
 * black: ffmpeg's `thumbnail` filter picks the most representative frame of a stretch, and the
 * frame is kept only when its mean luma (sharp's stats) is not dark and not flat; otherwise the
 * next stretch is tried. The image is cut to the covers' 2:3 and written with sharp as AVIF and
 * WebP in two widths, on disk (each node's own cache; the operator's pick is in the database).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export type CoverSourceKind = 'poster' | 'backdrop' | 'picked frame' | 'frame';

export interface CoverSource {
  kind: CoverSourceKind;
  /** The artwork file, for a poster or backdrop. */
  file?: string;
  /** The frame's time in seconds, for a frame. */
  atS?: number;
}

/** Widths written (2:3 covers: 200×300 and 400×600), each as AVIF and WebP. */
export const COVER_WIDTHS = [200, 400] as const;
export const COVER_FORMATS = ['avif', 'webp'] as const;
export type CoverFormat = (typeof COVER_FORMATS)[number];

/** A frame darker than this mean luma (0..255), or flatter than this deviation, is skipped. */
const MIN_LUMA = 40;
const MIN_DEVIATION = 12;
/** Where in the film frames are looked for, in turn (fractions of its length). */
const TRIES = [0.1, 0.25, 0.4, 0.55, 0.7];

function ffmpegFrame(video: string, atS: number, span: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      [
        // -t on the input: the filter sees the stretch end and gives its pick even when the
        // stretch holds fewer than 50 frames
        '-v', 'error', '-nostdin', '-ss', String(Math.max(0, atS)), '-t', String(span),
        '-i', video, '-vf', 'thumbnail=50', '-frames:v', '1',
        '-f', 'image2pipe', '-vcodec', 'png', 'pipe:1',
      ], // prettier-ignore
      { encoding: 'buffer', maxBuffer: 64 << 20, timeout: 60_000 },
      (e, stdout, stderr) => {
        if (e || stdout.length === 0)
          reject(
            new Error(
              `ffmpeg could not take a frame at ${atS.toFixed(1)} s of ${path.basename(video)}: ${String(stderr).trim().split('\n').pop() || e?.message || 'no frame'}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

/** Mean luma and its deviation of an image (Rec. 601 weights over sharp's channel stats). */
export async function lumaOf(image: Buffer): Promise<{ mean: number; deviation: number }> {
  const { channels } = await sharp(image).removeAlpha().stats();
  const [r, g, b] = channels.length >= 3 ? channels : [channels[0]!, channels[0]!, channels[0]!];
  return {
    mean: 0.299 * r!.mean + 0.587 * g!.mean + 0.114 * b!.mean,
    deviation: 0.299 * r!.stdev + 0.587 * g!.stdev + 0.114 * b!.stdev,
  };
}

/**
 * A frame for the cover: at `pickedS` when the operator chose one, else the first stretch of the
 * film whose representative frame is neither dark nor flat. Fails, naming the file, when every
 * try is dark.
 */
export async function chooseFrame(
  video: string,
  durationS: number,
  pickedS?: number,
): Promise<{ image: Buffer; atS: number; picked: boolean }> {
  if (pickedS !== undefined) {
    if (!(pickedS >= 0 && pickedS < durationS))
      throw new Error(
        `the picked frame at ${pickedS} s is outside ${path.basename(video)} (${durationS.toFixed(1)} s long)`,
      );
    return { image: await ffmpegFrame(video, pickedS, 0.5), atS: pickedS, picked: true };
  }
  const span = Math.max(0.5, Math.min(10, durationS / 10));
  for (const f of TRIES) {
    const atS = durationS * f;
    const image = await ffmpegFrame(video, atS, span).catch(() => undefined);
    if (!image) continue;
    const { mean, deviation } = await lumaOf(image);
    if (mean >= MIN_LUMA && deviation >= MIN_DEVIATION) return { image, atS, picked: false };
  }
  throw new Error(`every frame tried in ${path.basename(video)} is dark or flat: no cover made`);
}

/** The file name of one rendition of a cover. */
export function coverFileName(width: number, format: CoverFormat): string {
  return `w${width}.${format}`;
}

/**
 * Writes the cover renditions of `input` (a file path or image bytes) into `dir`, replacing what
 * was there, and `source.json` saying where the cover came from.
 */
export async function writeCover(
  input: string | Buffer,
  dir: string,
  source: CoverSource,
): Promise<void> {
  // a name of its own: another process (the CLI beside the server) may be writing the same cover
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  try {
    const base = sharp(input, { failOn: 'error' }).rotate(); // EXIF orientation
    for (const width of COVER_WIDTHS) {
      const sized = base
        .clone()
        .resize({ width, height: width * 1.5, fit: 'cover', position: sharp.strategy.attention });
      await sized
        .clone()
        .avif({ quality: 55 })
        .toFile(path.join(tmp, coverFileName(width, 'avif')));
      await sized
        .clone()
        .webp({ quality: 78 })
        .toFile(path.join(tmp, coverFileName(width, 'webp')));
    }
    await fs.writeFile(path.join(tmp, 'source.json'), JSON.stringify(source));
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(tmp, dir).catch(async () => {
      // the other writer's cover landed between the two calls: this one, newer, replaces it
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rename(tmp, dir);
    });
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    const what = typeof input === 'string' ? path.basename(input) : 'the frame';
    throw new Error(`could not make a cover from ${what}: ${(e as Error).message}`, { cause: e });
  }
}

/** Where a cover came from, or undefined when there is none in `dir`. */
export async function readCoverSource(dir: string): Promise<CoverSource | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, 'source.json'), 'utf8')) as CoverSource;
  } catch {
    return undefined;
  }
}
