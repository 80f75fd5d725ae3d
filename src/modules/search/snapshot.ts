/**
 * The binary container of a search index snapshot (docs/search.md, "Snapshot"): a magic, a
 * JSON header, then each typed array's bytes, 8-aligned, so reading one back is a view on the
 * file's bytes, not a parse. Lists of strings are stored as one UTF-8 text with the offsets of
 * each string (in UTF-16 units). Pure: no file system (the service reads and writes the file),
 * so the browser reads the same bytes (the static export).
 */

const MAGIC = 'KTKSRCH1';
/** Raised when the layout of the arrays changes, so an older file is rebuilt, not misread. */
export const SNAPSHOT_FORMAT = 1;

type ArrayKind = 'u8' | 'i16' | 'u16' | 'u32' | 'i32';
export type Numeric = Uint8Array | Int16Array | Uint16Array | Uint32Array | Int32Array;

const CTOR = {
  u8: Uint8Array,
  i16: Int16Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
} as const;

function kindOf(a: Numeric): ArrayKind {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Int16Array) return 'i16';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  return 'i32';
}

export interface SnapshotParts {
  /** Small values kept in the header (counts, the caller's metadata). */
  meta: Record<string, unknown>;
  arrays: Record<string, Numeric>;
  strings: Record<string, readonly string[]>;
}

export class SnapshotError extends Error {}

const align = (n: number) => (n + 7) & ~7;

export function encodeSnapshot(parts: SnapshotParts): Uint8Array {
  const enc = new TextEncoder();
  const arrays: [string, Numeric][] = Object.entries(parts.arrays);
  const strings: Record<string, number> = {};
  for (const [name, list] of Object.entries(parts.strings)) {
    const off = new Uint32Array(list.length + 1);
    let n = 0;
    for (let i = 0; i < list.length; i++) {
      n += (list[i] as string).length;
      off[i + 1] = n;
    }
    arrays.push([`${name}#off`, off], [`${name}#text`, enc.encode(list.join(''))]);
    strings[name] = list.length;
  }
  const layout = arrays.map(([name, a]) => ({ name, kind: kindOf(a), length: a.length }));
  const header = enc.encode(
    JSON.stringify({ format: SNAPSHOT_FORMAT, meta: parts.meta, layout, strings }),
  );
  let size = align(MAGIC.length + 4 + header.length);
  for (const [, a] of arrays) size = align(size + a.byteLength);
  const out = new Uint8Array(size);
  out.set(enc.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  let at = align(MAGIC.length + 4 + header.length);
  for (const [, a] of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = align(at + a.byteLength);
  }
  return out;
}

/** The header alone (format and metadata), without reading the arrays. */
export function snapshotMeta(bytes: Uint8Array): Record<string, unknown> {
  return readHeader(bytes).header.meta;
}

interface Header {
  format: number;
  meta: Record<string, unknown>;
  layout: { name: string; kind: ArrayKind; length: number }[];
  strings: Record<string, number>;
}

function readHeader(bytes: Uint8Array): { header: Header; start: number } {
  const dec = new TextDecoder();
  if (bytes.length < MAGIC.length + 4 || dec.decode(bytes.subarray(0, MAGIC.length)) !== MAGIC)
    throw new SnapshotError('not a Kinoteka search snapshot');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + len > bytes.length) throw new SnapshotError('snapshot is truncated');
  const header = JSON.parse(
    dec.decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + len)),
  ) as Header;
  if (header.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`snapshot format ${header.format}, expected ${SNAPSHOT_FORMAT}`);
  return { header, start: align(MAGIC.length + 4 + len) };
}

export function decodeSnapshot(
  input: Uint8Array,
): SnapshotParts & { strings: Record<string, string[]> } {
  // Views need their element alignment; a buffer that starts anywhere else is copied once.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const { header, start } = readHeader(bytes);
  const arrays: Record<string, Numeric> = {};
  let at = start;
  for (const { name, kind, length } of header.layout) {
    const Ctor = CTOR[kind];
    const byteLength = length * Ctor.BYTES_PER_ELEMENT;
    if (bytes.byteOffset + at + byteLength > bytes.byteOffset + bytes.length)
      throw new SnapshotError('snapshot is truncated');
    arrays[name] = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, length);
    at = align(at + byteLength);
  }
  const dec = new TextDecoder();
  const strings: Record<string, string[]> = {};
  for (const [name, count] of Object.entries(header.strings)) {
    const off = arrays[`${name}#off`] as Uint32Array;
    const text = dec.decode(arrays[`${name}#text`] as Uint8Array);
    const list = new Array<string>(count);
    for (let i = 0; i < count; i++) list[i] = text.slice(off[i], off[i + 1]);
    strings[name] = list;
    delete arrays[`${name}#off`];
    delete arrays[`${name}#text`];
  }
  return { meta: header.meta, arrays, strings };
}
