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

const rootsMemo = new Map<string, { at: number; real: string[] }>();
/** How long the roots' real paths are reused: a root is a mount point, not a moving target. */
const ROOTS_TTL_MS = 1000;

/** The media roots as real paths (missing roots are dropped); resolved at most once a second. */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const key = roots.join('\0');
  const hit = rootsMemo.get(key);
  if (hit && Date.now() - hit.at < ROOTS_TTL_MS) return hit.real;
  const out: string[] = [];
  for (const r of roots) {
    const real = await fsp.realpath(path.resolve(r)).catch(() => null);
    if (real) out.push(real);
  }
  rootsMemo.set(key, { at: Date.now(), real: out });
  return out;
}

export interface OpenedFile {
  /** A read-only descriptor; the caller closes it. */
  fd: number;
  absPath: string;
  size: number;
  mtimeMs: number;
}

/**
 * The real path of a library file when it is still inside a configured root, else undefined.
 * Synchronous: one realpath of a path the kernel has cached costs microseconds, far less than a
 * trip through libuv's thread pool, and the byte route makes one per range request.
 */
export function checkedPathSync(
  file: Pick<MediaFile, 'root' | 'path'>,
  roots: readonly string[],
): string | undefined {
  if (!roots.includes(file.root)) return undefined;
  if (file.path.split('/').some((seg) => seg === '..' || seg === '' || seg.includes('\0')))
    return undefined;
  const joined = path.join(file.root, ...file.path.split('/'));
  let real: string;
  try {
    real = fs.realpathSync.native(joined);
  } catch {
    return undefined;
  }
  return roots.some((r) => inside(r, real)) ? real : undefined;
}

/** The real path of a library file when it is still inside a configured root, else undefined. */
export async function checkedPath(
  file: Pick<MediaFile, 'root' | 'path'>,
  roots: readonly string[],
): Promise<string | undefined> {
  return checkedPathSync(file, roots);
}

/** Where the kernel says an open descriptor's file is (Linux), or undefined where it cannot. */
function pathOfDescriptor(fd: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * Opens a library file read-only after the root check; undefined when it may not be served.
 * The check is made again on the descriptor itself: on Linux the kernel's path of the opened
 * file (/proc/self/fd) must lie inside a root, so a folder swapped for a symlink between the
 * realpath and the open is caught; elsewhere the opened file must be the one the real path
 * names (device and inode).
 */
export async function openLibraryFile(
  file: Pick<MediaFile, 'root' | 'path'>,
  roots: readonly string[],
): Promise<OpenedFile | undefined> {
  const real = checkedPathSync(file, roots);
  if (!real) return undefined;
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new Error('not a file');
    const where = pathOfDescriptor(fd);
    if (where !== undefined) {
      if (!roots.some((r) => inside(r, where))) throw new Error('outside the roots');
    } else {
      const named = fs.statSync(real);
      if (opened.ino !== named.ino || opened.dev !== named.dev) throw new Error('swapped');
    }
    return { fd, absPath: real, size: opened.size, mtimeMs: opened.mtimeMs };
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
}
