/**
 * Keyframe times of a video stream read from the container's own index, so that the HLS
 * segment plan of a remuxed video does not need a pass over every packet of the file:
 *
 * - Matroska / WebM: the Cues element (CuePoint: CueTime × TimestampScale of the Info element,
 *   kept when one of its CueTrackPositions names the video's TrackNumber). Found through the
 *   SeekHead (ffmpeg writes the Cues after the clusters, mkvmerge often before them), or by
 *   walking the Segment's top-level elements. Cues are optional and a muxer may write them
 *   sparsely, so cues that leave a gap longer than MAX_CUE_GAP_S are not trusted.
 * - MP4 / MOV (ISO/IEC 14496-12): moov → trak → mdia → minf → stbl: `stss` (sync samples; no
 *   stss means every sample is one), `stts` (decode times), `ctts` (composition offsets) and the
 *   track's edit list (`edts/elst`), combined the way FFmpeg's mov demuxer does, so the times are
 *   the `pts_time` of the key packets ffprobe lists. Fragmented files (`mvex`) are not indexed.
 *
 * Only the bytes needed are read, at offsets (the header and the index elements, never the
 * clusters or the media data), from the one path the caller has already checked. Anything that
 * is not one of these containers, is malformed, truncated, or uses what this reader does not
 * follow (several edits, partial sync samples, random-access sample groups) gives
 * `{ times: null, why }`: the caller then falls back to the packet scan. Never throws.
 */
import fs from 'node:fs/promises';

export type KeyframeIndex =
  { times: number[]; from: 'matroska-cues' | 'mp4-stss' } | { times: null; why: string };

/** Cues further apart than this (or this far from either end) are too sparse to cut on. */
export const MAX_CUE_GAP_S = 12;
/** An index element larger than this is not read (a feature film's Cues or moov is a few MB). */
const MAX_ELEMENT = 64 * 1024 * 1024;
/** Top-level elements walked before giving up (each is one small read). */
const MAX_WALK = 4096;

class Unreadable extends Error {}
function fail(why: string): never {
  throw new Unreadable(why);
}

/** Positioned reads of one open file, bounded by its size. */
class Reader {
  constructor(
    private readonly fh: fs.FileHandle,
    readonly size: number,
  ) {}

  async at(pos: number, length: number): Promise<Buffer> {
    if (pos < 0 || length < 0 || pos + length > this.size) fail(`read past the end at ${pos}`);
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.fh.read(buf, done, length - done, pos + done);
      if (bytesRead === 0) fail(`file shorter than its size at ${pos + done}`);
      done += bytesRead;
    }
    return buf;
  }

  /** Up to `length` bytes at `pos` (fewer at the end of the file). */
  head(pos: number, length: number): Promise<Buffer> {
    return this.at(pos, Math.max(0, Math.min(length, this.size - pos)));
  }
}

export async function containerKeyframes(
  absPath: string,
  streamIndex: number,
  durationS: number,
): Promise<KeyframeIndex> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(absPath, 'r');
    const st = await fh.stat();
    if (!st.isFile()) return { times: null, why: 'not a regular file' };
    const r = new Reader(fh, st.size);
    const magic = await r.head(0, 12);
    if (magic.length >= 4 && magic.readUInt32BE(0) === 0x1a45dfa3) {
      const times = await matroskaCues(r, streamIndex);
      const gap = largestGap(times, durationS);
      if (gap > MAX_CUE_GAP_S)
        return { times: null, why: `cues too sparse (a gap of ${gap.toFixed(1)} s)` };
      return { times, from: 'matroska-cues' };
    }
    const type = magic.length >= 8 ? magic.toString('latin1', 4, 8) : '';
    if (['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot'].includes(type)) {
      const times = await mp4SyncSamples(r, streamIndex);
      if (times.length === 0) return { times: null, why: 'no sync samples' };
      return { times, from: 'mp4-stss' };
    }
    return { times: null, why: 'neither Matroska nor MP4' };
  } catch (e) {
    return { times: null, why: e instanceof Unreadable ? e.message : String(e) };
  } finally {
    await fh?.close().catch(() => {});
  }
}

/** The largest distance between neighbouring times, counting from 0 and up to the end. */
function largestGap(times: readonly number[], durationS: number): number {
  if (times.length === 0) return Infinity;
  let gap = Math.max(times[0]!, Number.isFinite(durationS) ? durationS - times.at(-1)! : 0);
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i]! - times[i - 1]!);
  return gap;
}

// ---------------------------------------------------------------------------------------------
// Matroska (RFC 9559): EBML elements are an ID (a VINT keeping its length marker), a size (a
// VINT without it; all value bits set means "unknown") and the content.

const EBML = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const SEEK_HEAD = 0x114d9b74;
const SEEK = 0x4dbb;
const SEEK_ID = 0x53ab;
const SEEK_POSITION = 0x53ac;
const INFO = 0x1549a966;
const TIMESTAMP_SCALE = 0x2ad7b1;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const TRACK_TIMESTAMP_SCALE = 0x23314f;
const CODEC_ID = 0x86;
const CLUSTER = 0x1f43b675;
const CUES = 0x1c53bb6b;
const CUE_POINT = 0xbb;
const CUE_TIME = 0xb3;
const CUE_TRACK_POSITIONS = 0xb7;
const CUE_TRACK = 0xf7;

interface Header {
  id: number;
  /** null: unknown size */
  size: number | null;
  /** bytes of ID and size */
  length: number;
}

function vint(
  b: Buffer,
  off: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } {
  if (off >= b.length) fail('element header cut short');
  const first = b[off]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || (keepMarker && length > 4)) fail(`bad element header at byte ${off}`);
  if (off + length > b.length) fail('element header cut short');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[off + i]!;
    if (b[off + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function header(b: Buffer, off: number): Header {
  const id = vint(b, off, true);
  const size = vint(b, off + id.length, false);
  return { id: id.value, size: size.unknown ? null : size.value, length: id.length + size.length };
}

/** The children of a master element's content. */
function* children(b: Buffer): Generator<{ id: number; data: Buffer }> {
  let off = 0;
  while (off < b.length) {
    const h = header(b, off);
    if (h.size === null) fail('an element of unknown size inside an index element');
    const start = off + h.length;
    if (start + h.size > b.length) fail('an element runs past its parent');
    yield { id: h.id, data: b.subarray(start, start + h.size) };
    off = start + h.size;
  }
}

function uint(b: Buffer): number {
  if (b.length > 7) fail('integer too large');
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

function float(b: Buffer): number {
  if (b.length === 4) return b.readFloatBE(0);
  if (b.length === 8) return b.readDoubleBE(0);
  if (b.length === 0) return 0;
  return fail('bad float');
}

async function matroskaCues(r: Reader, streamIndex: number): Promise<number[]> {
  const start = await r.head(0, 4096);
  const ebml = header(start, 0);
  if (ebml.id !== EBML || ebml.size === null || ebml.length + ebml.size > start.length)
    fail('bad EBML header');
  let docType = '';
  for (const c of children(start.subarray(ebml.length, ebml.length + ebml.size)))
    if (c.id === DOC_TYPE) docType = c.data.toString('latin1').replace(/\0+$/, '');
  if (docType !== 'matroska' && docType !== 'webm') fail(`DocType ${docType || 'missing'}`);
  const segPos = ebml.length + ebml.size;
  const seg = header(await r.head(segPos, 16), 0);
  if (seg.id !== SEGMENT) fail('no Segment after the EBML header');
  const segData = segPos + seg.length;
  const segEnd = seg.size === null ? r.size : Math.min(r.size, segData + seg.size);

  const found = new Map<number, Buffer>();
  const seeks = new Map<number, number[]>();
  const readSeekHead = (b: Buffer) => {
    for (const s of children(b)) {
      if (s.id !== SEEK) continue;
      let id = 0;
      let pos = -1;
      for (const c of children(s.data)) {
        if (c.id === SEEK_ID) id = uint(c.data);
        else if (c.id === SEEK_POSITION) pos = uint(c.data);
      }
      if (id && pos >= 0) seeks.set(id, [...(seeks.get(id) ?? []), segData + pos]);
    }
  };
  const wanted = [INFO, TRACKS, CUES];
  const have = () => wanted.every((id) => found.has(id));
  const seenSeekHeads = new Set<number>();
  /** Reads the element at `pos` if it is one of ours; its header, or null at the end. */
  const visit = async (pos: number): Promise<Header | null> => {
    if (pos + 2 > segEnd) return null;
    const h = header(await r.head(pos, 16), 0);
    if (h.size !== null && pos + h.length + h.size > segEnd)
      fail('an element runs past the Segment');
    const id = h.id;
    if (id === SEEK_HEAD || (wanted.includes(id) && !found.has(id))) {
      if (h.size === null) fail('an index element of unknown size');
      if (h.size > MAX_ELEMENT) fail('an index element too large to read');
      const data = await r.at(pos + h.length, h.size);
      if (id === SEEK_HEAD) {
        if (!seenSeekHeads.has(pos)) readSeekHead(data);
        seenSeekHeads.add(pos);
      } else found.set(id, data);
    }
    return h;
  };

  // Walk the top level up to the first cluster (SeekHead, Info, Tracks and maybe Cues are there).
  let pos = segData;
  for (let n = 0; n < MAX_WALK && !have(); n++) {
    const h = await visit(pos);
    if (!h || h.id === CLUSTER || h.size === null) break;
    pos += h.length + h.size;
  }
  // Then follow the SeekHead (also a second SeekHead it points to).
  for (let round = 0; round < 2 && !have(); round++) {
    for (const at of seeks.get(SEEK_HEAD) ?? []) if (!seenSeekHeads.has(at)) await visit(at);
    for (const id of wanted)
      for (const at of seeks.get(id) ?? []) {
        if (found.has(id)) break;
        const h = header(await r.head(at, 16), 0);
        if (h.id === id) await visit(at);
      }
  }
  // No SeekHead entry for the Cues: skip over the clusters by their sizes, one header each.
  if (!found.has(CUES) && pos < segEnd) {
    for (let n = 0; n < MAX_WALK; n++) {
      const h = await visit(pos);
      if (!h || h.size === null) break;
      if (found.has(CUES)) break;
      pos += h.length + h.size;
    }
  }
  const info = found.get(INFO);
  const tracks = found.get(TRACKS);
  const cues = found.get(CUES);
  if (!info || !tracks) fail('no Info or Tracks element');
  if (!cues) fail('no Cues element');

  let scale = 1_000_000;
  for (const c of children(info!)) if (c.id === TIMESTAMP_SCALE) scale = uint(c.data);
  if (!scale) fail('TimestampScale 0');

  // FFmpeg makes one stream per TrackEntry of a type it knows, in order.
  const entries: { number: number; type: number; scale: number; codec: boolean }[] = [];
  for (const e of children(tracks!)) {
    if (e.id !== TRACK_ENTRY) continue;
    const t = { number: 0, type: 0, scale: 1, codec: false };
    for (const c of children(e.data)) {
      if (c.id === TRACK_NUMBER) t.number = uint(c.data);
      else if (c.id === TRACK_TYPE) t.type = uint(c.data);
      else if (c.id === TRACK_TIMESTAMP_SCALE) t.scale = float(c.data);
      else if (c.id === CODEC_ID) t.codec = c.data.length > 0;
    }
    entries.push(t);
  }
  // (a track without a CodecID, or of another type, is skipped by FFmpeg: the indices would shift)
  if (entries.slice(0, streamIndex + 1).some((t) => !t.codec || ![1, 2, 0x11].includes(t.type)))
    fail('a track FFmpeg may not count as a stream');
  const track = entries[streamIndex];
  if (!track || track.type !== 1 || !track.number)
    fail(`stream ${streamIndex} is not a video track`);
  if (track!.scale !== 1) fail('a TrackTimestampScale other than 1');

  const times: number[] = [];
  for (const p of children(cues!)) {
    if (p.id !== CUE_POINT) continue;
    let time = -1;
    let ours = false;
    for (const c of children(p.data)) {
      if (c.id === CUE_TIME) time = uint(c.data);
      else if (c.id === CUE_TRACK_POSITIONS)
        for (const t of children(c.data))
          if (t.id === CUE_TRACK && uint(t.data) === track!.number) ours = true;
    }
    if (ours && time >= 0) times.push((time * scale) / 1e9);
  }
  return sortedUnique(times);
}

function sortedUnique(times: number[]): number[] {
  const s = [...times].sort((a, b) => a - b);
  return s.filter((t, i) => i === 0 || t !== s[i - 1]);
}

// ---------------------------------------------------------------------------------------------
// MP4 / MOV: boxes are a 32-bit size (1: a 64-bit size follows the type; 0: to the end), a
// four-character type and the content.

interface Box {
  type: string;
  data: Buffer;
}

function* boxes(b: Buffer): Generator<Box> {
  let off = 0;
  while (off + 8 <= b.length) {
    let size = b.readUInt32BE(off);
    const type = b.toString('latin1', off + 4, off + 8);
    let head = 8;
    if (size === 1) {
      if (off + 16 > b.length) fail(`${type} box cut short`);
      size = Number(b.readBigUInt64BE(off + 8));
      head = 16;
    } else if (size === 0) size = b.length - off;
    if (size < head || off + size > b.length) fail(`${type} box runs past its parent`);
    yield { type, data: b.subarray(off + head, off + size) };
    off += size;
  }
}

function child(b: Buffer, type: string): Buffer | undefined {
  for (const x of boxes(b)) if (x.type === type) return x.data;
  return undefined;
}

function need(b: Buffer | undefined, type: string): Buffer {
  return b ?? fail(`no ${type} box`);
}

/** The content of a full box's table after version and flags: entry count and the entries. */
function table(
  b: Buffer,
  entryBytes: number,
  type: string,
): { version: number; count: number; body: Buffer } {
  if (b.length < 8) fail(`${type} box cut short`);
  const count = b.readUInt32BE(4);
  if (8 + count * entryBytes > b.length) fail(`${type} box shorter than its entries`);
  return { version: b[0]!, count, body: b.subarray(8) };
}

async function mp4SyncSamples(r: Reader, streamIndex: number): Promise<number[]> {
  let moov: Buffer | undefined;
  for (let pos = 0, n = 0; pos + 8 <= r.size && n < MAX_WALK; n++) {
    const h = await r.head(pos, 16);
    let size = h.readUInt32BE(0);
    const type = h.toString('latin1', 4, 8);
    let head = 8;
    if (size === 1) {
      if (h.length < 16) fail('box header cut short');
      size = Number(h.readBigUInt64BE(8));
      head = 16;
    } else if (size === 0) size = r.size - pos;
    if (size < head || pos + size > r.size) fail(`${type} box at ${pos} runs past the end`);
    if (type === 'moof') fail('fragmented MP4');
    if (type === 'moov') {
      if (size > MAX_ELEMENT) fail('moov too large to read');
      moov = await r.at(pos + head, size - head);
      break;
    }
    pos += size;
  }
  if (!moov) fail('no moov box');
  if (child(moov!, 'mvex')) fail('fragmented MP4');
  if (child(moov!, 'cmov')) fail('compressed moov');
  const mvhd = need(child(moov!, 'mvhd'), 'mvhd');
  if (mvhd.length < 24) fail('mvhd cut short');
  const movieScale = mvhd[0] === 1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);

  // FFmpeg makes one stream per trak, in order.
  const traks = [...boxes(moov!)].filter((x) => x.type === 'trak');
  const trak = traks[streamIndex]?.data ?? fail(`no trak for stream ${streamIndex}`);
  const mdia = need(child(trak, 'mdia'), 'mdia');
  const hdlr = need(child(mdia, 'hdlr'), 'hdlr');
  if (hdlr.length < 12 || hdlr.toString('latin1', 8, 12) !== 'vide')
    fail(`stream ${streamIndex} is not a video track`);
  const mdhd = need(child(mdia, 'mdhd'), 'mdhd');
  if (mdhd.length < 24) fail('mdhd cut short');
  const scale = mdhd[0] === 1 ? mdhd.readUInt32BE(20) : mdhd.readUInt32BE(12);
  if (!scale) fail('media timescale 0');
  const stbl = need(child(need(child(mdia, 'minf'), 'minf'), 'stbl'), 'stbl');
  if (child(stbl, 'stps')) fail('partial sync samples (stps)');
  for (const x of boxes(stbl))
    if (x.type === 'sbgp' && x.data.length >= 8 && x.data.toString('latin1', 4, 8) === 'rap ')
      fail('random-access sample group');

  // The edit list: an empty edit first (media_time -1) starts the track later; then one media
  // edit says where in the media the presentation starts and how long it lasts.
  let edit: { empty: number; mediaTime: number; duration: number } | null = null;
  const edts = child(trak, 'edts');
  const elst = edts && child(edts, 'elst');
  if (elst) {
    const v1 = elst[0] === 1;
    const t = table(elst, v1 ? 20 : 12, 'elst');
    let empty = 0;
    let media: { time: number; duration: number } | null = null;
    for (let i = 0; i < t.count; i++) {
      const o = i * (v1 ? 20 : 12);
      const dur = v1 ? Number(t.body.readBigUInt64BE(o)) : t.body.readUInt32BE(o);
      const time = v1 ? Number(t.body.readBigInt64BE(o + 8)) : t.body.readInt32BE(o + 4);
      const rate = t.body.readInt32BE(o + (v1 ? 16 : 8));
      if (i === 0 && time === -1) empty = dur;
      else if (!media && time >= 0) {
        if (rate !== 0x10000) fail('an edit with a rate other than 1');
        media = { time, duration: dur };
      } else fail('an edit list of several media edits');
    }
    if (t.count > 0) {
      if (!movieScale) fail('movie timescale 0');
      // FFmpeg rescales movie-timescale durations to the media timescale (av_rescale: rounded)
      const ticks = (d: number) => Math.round((d * scale) / movieScale);
      const duration = media ? ticks(media.duration) : 0;
      if (media && duration <= 0) fail('a media edit of no duration');
      edit = { empty: ticks(empty), mediaTime: media?.time ?? 0, duration };
    }
  }

  const stts = table(need(child(stbl, 'stts'), 'stts'), 8, 'stts');
  const sttsRuns: [number, number][] = [];
  let samples = 0;
  for (let i = 0; i < stts.count; i++) {
    const n = stts.body.readUInt32BE(i * 8);
    sttsRuns.push([n, stts.body.readUInt32BE(i * 8 + 4)]);
    samples += n;
  }
  if (samples > 50_000_000) fail('too many samples');
  const stsz = child(stbl, 'stsz');
  if (stsz && stsz.length >= 12 && stsz.readUInt32BE(8) !== samples)
    fail('stts and stsz disagree on the sample count');

  const cttsBox = child(stbl, 'ctts');
  const cttsRuns: [number, number][] = [];
  if (cttsBox) {
    const c = table(cttsBox, 8, 'ctts');
    // FFmpeg reads the offsets as signed whatever the box version says.
    for (let i = 0; i < c.count; i++)
      cttsRuns.push([c.body.readUInt32BE(i * 8), c.body.readInt32BE(i * 8 + 4)]);
  }

  // 1-based sample numbers (FFmpeg takes a table starting at 0 as 0-based); none: all are sync.
  let sync: Set<number> | null = null;
  const stssBox = child(stbl, 'stss');
  if (stssBox) {
    const s = table(stssBox, 4, 'stss');
    if (s.count === 0) fail('an empty stss');
    const first = s.body.readUInt32BE(0);
    const off = first === 0 ? 0 : 1;
    sync = new Set();
    for (let i = 0; i < s.count; i++) sync.add(s.body.readUInt32BE(i * 4) - off);
  }

  // Every sample's pts relative to the edit's start (dts + ctts − media_time), in media ticks.
  const pts = new Float64Array(samples);
  const key = new Uint8Array(samples);
  {
    let n = 0;
    let dts = 0;
    let ci = 0;
    let ciLeft = cttsRuns[0]?.[0] ?? 0;
    const base = edit?.mediaTime ?? 0;
    for (const [count, delta] of sttsRuns) {
      for (let k = 0; k < count; k++, n++, dts += delta) {
        while (ci < cttsRuns.length && ciLeft === 0) ciLeft = cttsRuns[++ci]?.[0] ?? 0;
        const offset = ci < cttsRuns.length ? cttsRuns[ci]![1] : 0;
        if (ci < cttsRuns.length) ciLeft--;
        pts[n] = dts + offset - base;
        key[n] = !sync || sync.has(n) ? 1 : 0;
      }
    }
  }

  let keys: number[] = [];
  for (let n = 0; n < samples; n++) if (key[n]) keys.push(pts[n]!);
  keys = sortedUnique(keys);
  if (edit) {
    // What FFmpeg's mov demuxer does with an edit (mov_fix_index): the packets start at the last
    // keyframe at or before the edit's start (earlier ones are dropped), keyframes past its end
    // are dropped, and a video whose earliest presented frame is after the start is moved back
    // so that frame is at 0 ("Offset DTS … to make first pts zero"); then the empty edit.
    const inEdit = (t: number) => t >= 0 && t < edit!.duration;
    let firstPresented = Infinity;
    for (let n = 0; n < samples; n++)
      if (inEdit(pts[n]!)) firstPresented = Math.min(firstPresented, pts[n]!);
    const back = Number.isFinite(firstPresented) && firstPresented > 0 ? firstPresented : 0;
    const from = keys.findIndex((t) => t >= 0);
    const start = from === -1 ? keys.length - 1 : from > 0 && keys[from]! > 0 ? from - 1 : from;
    keys = keys
      .slice(Math.max(0, start))
      .filter((t) => !edit!.duration || t < edit!.duration)
      .map((t) => t - back + edit!.empty);
  }
  return keys.map((t) => t / scale);
}
