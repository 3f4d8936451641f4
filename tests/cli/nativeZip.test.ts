import { deflateRawSync } from "node:zlib";
import { nativeZipCodec } from "../../src/cli/nativeZip";
import { inflateEntry, jsCodec, useZipCodec, ZipError, type ZipEntry } from "../../src/host/xlsx/zip";

const entry = (data: Uint8Array, claimed = data.length): ZipEntry => ({
  name: "xl/worksheets/sheet1.xml",
  method: 8,
  flags: 0,
  crc: jsCodec.crc32(data),
  compressedSize: 0,
  size: claimed,
  time: 0,
  date: 0,
  raw: new Uint8Array(deflateRawSync(data)),
});

describe("the CLI's native zip codec agrees with the pure-JS one", () => {
  afterEach(() => useZipCodec(undefined));
  const text = new TextEncoder().encode(`<sheetData>${'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'.repeat(2000)}Điểm</sheetData>`);

  test("same bytes, same CRC-32", () => {
    expect(nativeZipCodec.crc32(text)).toBe(jsCodec.crc32(text));
    expect(nativeZipCodec.crc32(new Uint8Array())).toBe(0);
    useZipCodec(nativeZipCodec);
    const viaNative = inflateEntry(entry(text));
    useZipCodec(undefined);
    const viaJs = inflateEntry(entry(text));
    expect(Buffer.from(viaNative).equals(Buffer.from(text))).toBe(true);
    expect(Buffer.from(viaJs).equals(Buffer.from(text))).toBe(true);
  });

  test.each([
    ["native", nativeZipCodec],
    ["js", jsCodec],
  ])("%s: a part that inflates past what the directory claims is stopped and called damaged", (_name, c) => {
    useZipCodec(c);
    const bomb = new Uint8Array(5_000_000); // zeros: 5 MB from a few KB
    expect(() => inflateEntry(entry(bomb, 1000))).toThrow(ZipError);
    const damaged = entry(text);
    expect(() => inflateEntry({ ...damaged, crc: (damaged.crc ^ 1) >>> 0 })).toThrow(/CRC-32/);
    expect(() => inflateEntry({ ...damaged, raw: damaged.raw.subarray(0, 40) })).toThrow(ZipError);
  });
});
