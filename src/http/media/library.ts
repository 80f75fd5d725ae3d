/**
 * Opening a library file for serving, by its library id only. The path comes from the library
 * (never from the request) and is checked again at serve time: its real path must lie inside
 * one of the configured media roots (a file swapped for a symlink after the scan is refused),
 * and the descriptor opened is the one checked (same device and inode).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { MediaFile } from '../../modules/media/index.ts';

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  mka: 'audio/x-matroska',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  avi: 'video/x-msvideo',
  mov: 'video/quicktime',
  ts: 'video/mp2t',
};

export function contentTypeOf(file: Pick<MediaFile, 'path'>): string {
  const ext = file.path.toLowerCase().split('.').pop() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The media roots as real paths (missing roots are dropped). */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roots) {
    const real = await fsp.realpath(path.resolve(r)).catch(() => null);
    if (real) out.push(real);
  }
  return out;
}

export interface OpenedFile {
  handle: fsp.FileHandle;
  absPath: string;
  size: number;
  mtimeMs: number;
}

/** The real path of a library file when it is still inside a configured root, else undefined. */
export async function checkedPath(
  file: Pick<MediaFile, 'root' | 'path'>,
  roots: readonly string[],
): Promise<string | undefined> {
  if (!roots.includes(file.root)) return undefined;
  if (file.path.split('/').some((seg) => seg === '..' || seg === '' || seg.includes('\0')))
    return undefined;
  const joined = path.join(file.root, ...file.path.split('/'));
  const real = await fsp.realpath(joined).catch(() => null);
  if (!real || !roots.some((r) => inside(r, real))) return undefined;
  return real;
}

/** Opens a library file read-only after the root check; undefined when it may not be served. */
export async function openLibraryFile(
  file: Pick<MediaFile, 'root' | 'path'>,
  roots: readonly string[],
): Promise<OpenedFile | undefined> {
  const real = await checkedPath(file, roots);
  if (!real) return undefined;
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  const [opened, named] = await Promise.all([handle.stat(), fsp.stat(real).catch(() => null)]);
  if (!opened.isFile() || !named || opened.ino !== named.ino || opened.dev !== named.dev) {
    await handle.close();
    return undefined;
  }
  return { handle, absPath: real, size: opened.size, mtimeMs: opened.mtimeMs };
}
