/**
 * A small generated library for trying the player (`kinoteka media demo DIR`): test-card video
 * labelled as demo media, espeak-ng speech in Russian and English, named for catalogue films
 * the way Jellyfin and Plex name them. Everything is made here by ffmpeg and espeak-ng; no
 * film footage is involved.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { encodeText } from '../subtitles/index.ts';

const exec = promisify(execFile);

export interface DemoLibrary {
  root: string;
  files: string[];
}

const LABEL = 'Kinoteka demo media - not the film';

const RU_LINES = ['Это демонстрационная запись.', 'Фильм здесь не показан.'];
const EN_LINES = ['This is demo media.', 'The film itself is not shown.'];

function srt(lines: readonly string[], starts: readonly number[], span = 2.5): string {
  const t = (s: number) => {
    const ms = Math.round(s * 1000);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
  };
  return lines
    .map((l, i) => `${i + 1}\n${t(starts[i]!)} --> ${t(starts[i]! + span)}\n${l}\n`)
    .join('\n');
}

async function ffmpeg(bin: string, args: string[]): Promise<void> {
  await exec(bin, ['-v', 'error', '-nostdin', '-y', ...args]);
}

export async function writeDemoLibrary(
  dir: string,
  opts: { ffmpeg?: string; espeak?: string; seconds?: number } = {},
): Promise<DemoLibrary> {
  const bin = opts.ffmpeg ?? 'ffmpeg';
  const espeak = opts.espeak ?? 'espeak-ng';
  const seconds = opts.seconds ?? 6;
  const root = path.resolve(dir);
  const work = fs.mkdtempSync(path.join(root, '.demo-work-'));
  const files: string[] = [];
  try {
    const speech = async (lang: 'ru' | 'en', lines: readonly string[]) => {
      const file = path.join(work, `${lang}.wav`);
      await exec(espeak, ['-v', lang, '-s', '140', '-g', '30', '-w', file, lines.join(' ')]);
      return file;
    };
    const [ru, en] = await Promise.all([speech('ru', RU_LINES), speech('en', EN_LINES)]);
    const starts = [0.5, 3];
    const embedded = path.join(work, 'en.srt');
    fs.writeFileSync(embedded, srt(EN_LINES, starts));

    // The label is drawn on the picture when drawtext (freetype) is there; the file names and
    // the README say it either way.
    const card = `testsrc2=size=320x180:rate=24:duration=${seconds}`;
    const labelled = `${card},drawtext=text='${LABEL}':fontcolor=white:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h-th-8:fontsize=12`;
    const video = async (args: (input: string) => string[]) => {
      try {
        await ffmpeg(bin, args(labelled));
      } catch {
        await ffmpeg(bin, args(card));
      }
    };
    const h264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
    const aac = ['-c:a', 'aac', '-b:a', '64k', '-af', `apad=whole_dur=${seconds}`];

    const mother = path.join(root, 'Mother (1926)');
    fs.mkdirSync(mother, { recursive: true });
    const mkv = path.join(mother, 'Mother (1926).mkv');
    const cranes = path.join(root, 'The Cranes Are Flying (1957)');
    fs.mkdirSync(cranes, { recursive: true });
    const mp4 = path.join(cranes, 'The Cranes Are Flying (1957).mp4');
    await Promise.all([
      video((v) => [
        '-f',
        'lavfi',
        '-i',
        v,
        '-i',
        ru,
        '-i',
        en,
        '-i',
        embedded,
        '-map',
        '0:v',
        '-map',
        '1:a',
        '-map',
        '2:a',
        '-map',
        '3:s',
        ...h264,
        ...aac,
        '-c:s',
        'srt',
        '-t',
        String(seconds),
        '-metadata',
        `title=${LABEL}`,
        '-metadata:s:a:0',
        'language=rus',
        '-metadata:s:a:0',
        'title=Russian original',
        '-metadata:s:a:1',
        'language=eng',
        '-metadata:s:a:1',
        'title=English dub',
        '-metadata:s:s:0',
        'language=eng',
        '-metadata:s:s:0',
        'title=English',
        '-disposition:a:0',
        'default',
        '-disposition:a:1',
        '0',
        mkv,
      ]),
      video((v) => [
        '-f',
        'lavfi',
        '-i',
        v,
        '-i',
        ru,
        '-map',
        '0:v',
        '-map',
        '1:a',
        ...h264,
        ...aac,
        '-t',
        String(seconds),
        '-metadata',
        `title=${LABEL}`,
        '-metadata:s:a:0',
        'language=rus',
        '-movflags',
        '+faststart',
        mp4,
      ]),
      video((v) => ['-f', 'lavfi', '-i', v, '-frames:v', '1', path.join(mother, 'poster.jpg')]),
    ]);
    files.push(mkv, mp4, path.join(mother, 'poster.jpg'));

    const sidecars: [string, string | Uint8Array][] = [
      // Windows-1251, the encoding most Russian subtitle files found in the wild still use
      [
        path.join(mother, 'Mother (1926).ru.srt'),
        encodeText(srt(RU_LINES, starts).replace(/\n/g, '\r\n'), 'windows-1251'),
      ],
      [path.join(mother, 'Mother (1926).en.forced.srt'), srt(['[DEMO]'], [0.2], 1.5)],
      [path.join(cranes, 'The Cranes Are Flying (1957).en.srt'), srt(EN_LINES, starts)],
    ];
    for (const [file, body] of sidecars) {
      fs.writeFileSync(file, body);
      files.push(file);
    }
    const readme = path.join(root, 'DEMO-MEDIA.txt');
    fs.writeFileSync(
      readme,
      `${LABEL}.\n\nGenerated by \`kinoteka media demo\`: test-card video, espeak-ng speech and\n` +
        'subtitles, named for films in the catalogue so that a scan matches them. Delete freely.\n',
    );
    files.push(readme);
    return { root, files };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
