"use strict";
// Loads the bundled CLI (dist/cli/phuluc.js) as Node would load a CommonJS file, but through vm.Script with the V8
// code cache written beside it at build time (dist/cli/phuluc.js.cache, by scripts/cliCache.ts): V8 then skips
// parsing and compiling what the cache holds.
//
// V8 checks a cache only loosely in release builds (its version, flags and the source's length; not a checksum), and
// a damaged cache can crash the process. So the cache file starts with our own header — a magic, the CRC-32 of the
// bundle it was made from, the CRC-32 of the cache — and is handed to V8 only when both match. A cache that does not
// match, or that V8 rejects (another Node version, other V8 flags), is ignored and the bundle is compiled as usual.
// Nothing is written at run time.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const zlib = require("node:zlib");
const { createRequire, wrap } = require("node:module");

const MAGIC = 0x43434c50; // "PLCC"
const HEADER = 12;

/** CRC-32 (zlib.crc32 where Node has it, ≥ 20.15). */
function crc32(bytes) {
  if (typeof zlib.crc32 === "function") return zlib.crc32(bytes) >>> 0;
  let c = ~0;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i];
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The cache for `source` in `file`, or undefined when there is none or it was not made from this source. */
function readCache(file, source) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { data: undefined, state: "none" };
  }
  if (bytes.length <= HEADER || bytes.readUInt32LE(0) !== MAGIC) return { data: undefined, state: "rejected" };
  const data = bytes.subarray(HEADER);
  if (bytes.readUInt32LE(4) !== crc32(source) || bytes.readUInt32LE(8) !== crc32(data)) return { data: undefined, state: "rejected" };
  return { data, state: "used" };
}

/** Save V8's cache of `script` (everything compiled so far) for the bundle `file` of bytes `source`. */
function writeCache(file, source, script) {
  const data = script.createCachedData();
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(crc32(source), 4);
  header.writeUInt32LE(crc32(data), 8);
  const tmp = `${file}.cache.${process.pid}`;
  fs.writeFileSync(tmp, Buffer.concat([header, data]));
  fs.renameSync(tmp, `${file}.cache`);
  return data.length;
}

/** @returns {{ exports: any, script: import("node:vm").Script, source: Buffer, cache: "used" | "rejected" | "none" }} */
function loadBundle(file) {
  const source = fs.readFileSync(file);
  const cached = readCache(`${file}.cache`, source);
  const script = new vm.Script(wrap(source.toString("utf8")), { filename: file, cachedData: cached.data });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  const cache = cached.state === "used" && script.cachedDataRejected ? "rejected" : cached.state;
  return { exports: mod.exports, script, source, cache };
}

module.exports = { loadBundle, writeCache, BUNDLE: path.join(__dirname, "..", "dist", "cli", "phuluc.js") };
