/**
 * The zip container of an OOXML package: read its directory, inflate one part with bounded memory and a CRC-32
 * check, and write a package back where every part that did not change keeps its compressed bytes exactly.
 *
 * The central directory is the package's table of contents (ECMA-376 part 2 and APPNOTE.TXT 4.3.6); local headers
 * are only trusted for the length of their name and extra field. Inflating uses fflate.
 */
import { deflateSync, inflateSync } from "fflate";

/** Limits on hostile packages. A real appendix is a few MB inflated; a 60,000-row sheet is about 15 MB. */
export const ZIP_LIMITS = {
  /** Largest inflated size of one part. */
  partBytes: 256 * 1024 * 1024,
  /** Largest inflated size of all parts read from one package. */
  totalBytes: 512 * 1024 * 1024,
  /** Largest number of entries in the directory. */
  entries: 20_000,
} as const;

export type ZipProblemCode = "not-zip" | "damaged" | "encrypted" | "too-large" | "unsupported";

export class ZipError extends Error {
  constructor(
    readonly code: ZipProblemCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly time: number;
  readonly date: number;
  /** The compressed bytes, as they are in the file. */
  readonly raw: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/**
 * The inflater and checksum the reader uses. Everywhere: fflate and the table above (pure JS, so the preview page can
 * read files). The CLI installs Node's zlib (`useNativeZip`): native code, no warm-up, several times faster on a batch.
 * `inflateRaw` must stop at `maxOutput` bytes (a zip bomb is cut there, not inflated whole).
 */
export interface ZipCodec {
  readonly inflateRaw: (raw: Uint8Array, maxOutput: number) => Uint8Array;
  readonly crc32: (data: Uint8Array) => number;
}

export const jsCodec: ZipCodec = {
  inflateRaw: (raw, maxOutput) => inflateSync(raw, { out: new Uint8Array(maxOutput) }),
  crc32: jsCrc32,
};
let codec: ZipCodec = jsCodec;

/** Install another codec for this process (the CLI: Node's zlib); `undefined` goes back to the pure-JS one. */
export function useZipCodec(c: ZipCodec | undefined): void {
  codec = c ?? jsCodec;
}

export function crc32(data: Uint8Array): number {
  return codec.crc32(data);
}

function jsCrc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const u16 = (b: Uint8Array, o: number): number => (b[o] as number) | ((b[o + 1] as number) << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

function findEndOfDirectory(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  throw new ZipError("not-zip", "no end of central directory");
}

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8 and not flagged as such: CP437 in theory; part names are ASCII in practice.
    return utf8 ? new TextDecoder("utf-8").decode(bytes) : String.fromCharCode(...bytes);
  }
}

/** The entries of a zip file, in directory order. Throws ZipError for anything that is not a sound zip. */
export function readZip(b: Uint8Array): ZipEntry[] {
  if (b.length < 22) throw new ZipError("not-zip", "too short");
  const eocd = findEndOfDirectory(b);
  let count = u16(b, eocd + 10);
  let dirSize = u32(b, eocd + 12);
  let dirOffset = u32(b, eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    // Zip64: the locator sits just before the classic record.
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new ZipError("damaged", "zip64 locator missing");
    const rec = u64(b, loc + 8);
    if (rec + 56 > b.length || u32(b, rec) !== 0x06064b50) throw new ZipError("damaged", "zip64 record missing");
    count = u64(b, rec + 32);
    dirSize = u64(b, rec + 40);
    dirOffset = u64(b, rec + 48);
  }
  if (count > ZIP_LIMITS.entries) throw new ZipError("too-large", `${count} entries`);
  if (dirOffset + dirSize > b.length) throw new ZipError("damaged", "central directory beyond end of file");
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipError("damaged", `central directory entry ${i}`);
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const time = u16(b, p + 12);
    const date = u16(b, p + 14);
    const crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let local = u32(b, p + 42);
    const name = decodeName(b.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
    // Zip64 sizes and offset live in extra field 0x0001, in this order, only for the fields that overflowed.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) (size = u64(b, q)), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(b, q)), (q += 8);
        if (local === 0xffffffff) local = u64(b, q);
      }
      e += 4 + len;
    }
    p = extraEnd + commentLen;
    if (name.endsWith("/") || name.endsWith("\\")) continue; // a folder entry
    const key = name.replace(/\\/g, "/").toLowerCase();
    if (seen.has(key)) throw new ZipError("damaged", `duplicate entry ${name}`);
    seen.add(key);
    if (flags & 0x1) throw new ZipError("encrypted", name);
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw new ZipError("damaged", `local header of ${name}`);
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (start + compressedSize > b.length) throw new ZipError("damaged", `${name} is cut short`);
    entries.push({ name, method, flags, crc, compressedSize, size, time, date, raw: b.subarray(start, start + compressedSize) });
  }
  return entries;
}

/** Inflate one entry: at most `limit` bytes, then the size and CRC-32 the directory promised are checked. */
export function inflateEntry(entry: ZipEntry, limit: number = ZIP_LIMITS.partBytes): Uint8Array {
  if (entry.size > limit) throw new ZipError("too-large", `${entry.name}: ${entry.size} bytes`);
  let data: Uint8Array;
  if (entry.method === 0) data = entry.raw;
  else if (entry.method === 8) {
    try {
      // One byte more than promised: output that fills it is longer than the directory says (a bomb is cut here).
      data = codec.inflateRaw(entry.raw, entry.size + 1);
    } catch (e) {
      throw new ZipError("damaged", `${entry.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else throw new ZipError("unsupported", `${entry.name}: compression method ${entry.method}`);
  if (data.length !== entry.size) throw new ZipError("damaged", `${entry.name}: size ${data.length}, directory says ${entry.size}`);
  if (crc32(data) !== entry.crc) throw new ZipError("damaged", `${entry.name}: CRC-32 mismatch`);
  return data;
}

/** A part to write: an entry copied as it is, or new content (deflated here). */
export type ZipOutput = { readonly copy: ZipEntry } | { readonly name: string; readonly data: Uint8Array };

const DOS_EPOCH = { time: 0, date: (1980 - 1980) << 9 | 1 << 5 | 1 };

/** A raw-deflate compressor; the CLI passes Node's zlib (native, several times faster), others get fflate's. */
export type Deflater = (data: Uint8Array) => Uint8Array;
const fflateDeflate: Deflater = (data) => deflateSync(data, { level: 6 });

/** Write a zip: copied entries keep their compressed bytes; local headers are written fresh, without data descriptors. */
export function writeZip(outputs: ReadonlyArray<ZipOutput>, when: Date = new Date(), deflate: Deflater = fflateDeflate): Uint8Array {
  const stamp = {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | Math.floor(when.getSeconds() / 2),
    date: (((when.getFullYear() - 1980) & 0x7f) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
  };
  if (when.getFullYear() < 1980) Object.assign(stamp, DOS_EPOCH);
  const records: Array<{ name: Uint8Array; method: number; crc: number; csize: number; size: number; time: number; date: number; raw: Uint8Array; offset: number }> = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const o of outputs) {
    let rec;
    if ("copy" in o) {
      const e = o.copy;
      rec = { name: enc.encode(e.name), method: e.method, crc: e.crc, csize: e.compressedSize, size: e.size, time: e.time, date: e.date, raw: e.raw, offset };
    } else {
      const raw = deflate(o.data);
      rec = { name: enc.encode(o.name), method: 8, crc: crc32(o.data), csize: raw.length, size: o.data.length, ...stamp, raw, offset };
    }
    if (rec.csize >= 0xffffffff || rec.size >= 0xffffffff || offset >= 0xffffffff) throw new ZipError("too-large", "copy would need zip64");
    const h = new Uint8Array(30 + rec.name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x800, true);
    v.setUint16(8, rec.method, true);
    v.setUint16(10, rec.time, true);
    v.setUint16(12, rec.date, true);
    v.setUint32(14, rec.crc, true);
    v.setUint32(18, rec.csize, true);
    v.setUint32(22, rec.size, true);
    v.setUint16(26, rec.name.length, true);
    h.set(rec.name, 30);
    chunks.push(h, rec.raw);
    offset += h.length + rec.raw.length;
    records.push(rec);
  }
  const dirStart = offset;
  for (const r of records) {
    const h = new Uint8Array(46 + r.name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(8, 0x800, true);
    v.setUint16(10, r.method, true);
    v.setUint16(12, r.time, true);
    v.setUint16(14, r.date, true);
    v.setUint32(16, r.crc, true);
    v.setUint32(20, r.csize, true);
    v.setUint32(24, r.size, true);
    v.setUint16(28, r.name.length, true);
    v.setUint32(42, r.offset, true);
    h.set(r.name, 46);
    chunks.push(h);
    offset += h.length;
  }
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, records.length, true);
  v.setUint16(10, records.length, true);
  v.setUint32(12, offset - dirStart, true);
  v.setUint32(16, dirStart, true);
  chunks.push(end);
  const out = new Uint8Array(offset + 22);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
