/** Node's zlib for the reader (see ZipCodec): native inflate with an output cap, and zlib's CRC-32 where Node has it. */
import * as zlib from "node:zlib";
import { jsCodec, type ZipCodec } from "../host/xlsx/zip";

type Crc = (data: Uint8Array) => number;
// zlib.crc32 arrived in Node 20.15 / 22.2; older 20.x keep the JS table.
const nativeCrc = (zlib as unknown as { crc32?: Crc }).crc32;

export const nativeZipCodec: ZipCodec = {
  inflateRaw(raw, maxOutput) {
    try {
      return zlib.inflateRawSync(raw, { maxOutputLength: maxOutput });
    } catch (e) {
      // Past the cap: the same outcome as the JS inflater filling its buffer (the caller reports the size).
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return new Uint8Array(maxOutput);
      throw e;
    }
  },
  crc32: nativeCrc ? (data) => nativeCrc(data) >>> 0 : jsCodec.crc32,
};
