/**
 * manifest.xml, checked offline: against the XSDs in schemas/manifest (written for this project, see its README),
 * with office-addin-manifest's reader, and against what the build serves.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWith, findProgram } from "../external";
import { RULE_IDS } from "../../src/core/findings";
import { vi } from "../../src/i18n/vi";

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const ROOT = join(__dirname, "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const SCHEMA = join(ROOT, "schemas", "manifest", "OfficeAppManifest.xsd");
const xml = readFileSync(MANIFEST, "utf8");
const xmllint = findProgram(["xmllint"]);

describeWith(xmllint, "xmllint (libxml2-utils)")("the manifest against the schemas", () => {
  const validate = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), "manifest-")), "manifest.xml");
    writeFileSync(file, text);
    return spawnSync(xmllint!, ["--noout", "--schema", SCHEMA, file], { encoding: "utf8" });
  };
  test("manifest.xml validates", () => {
    const r = validate(xml);
    expect(r.stderr).toContain("validates");
    expect(r.status).toBe(0);
  });
  test.each([
    ["a plain-http URL", (s: string) => s.replace("https://localhost:3000/taskpane.html\"/>", "http://localhost:3000/taskpane.html\"/>")],
    ["a missing Permissions element", (s: string) => s.replace("<Permissions>ReadWriteDocument</Permissions>", "")],
    ["a resid that names no resource", (s: string) => s.replace('resid="PhuLuc.Button.Tooltip"', 'resid="PhuLuc.Button.Tooltp"')],
    ["a misspelt action type", (s: string) => s.replace('xsi:type="ShowTaskpane"', 'xsi:type="ShowTaskPane"')],
    ["a label over 125 characters", (s: string) => s.replace('<DisplayName DefaultValue="Phụ lục CCHC">', `<DisplayName DefaultValue="${"x".repeat(126)}">`)],
    ["an Id that is not a GUID", (s: string) => s.replace(/<Id>[^<]+<\/Id>/, "<Id>phuluc</Id>")],
  ])("rejects %s", (_, mutate) => {
    const changed = mutate(xml);
    expect(changed).not.toBe(xml);
    expect(validate(changed).status).not.toBe(0);
  });
});

test("office-addin-manifest reads it", () => {
  const out = execFileSync(process.execPath, [join(ROOT, "node_modules", "office-addin-manifest", "cli.js"), "info", MANIFEST], { encoding: "utf8" });
  expect(out).toContain("Type: TaskPaneApp");
  expect(out).toContain("Permissions: ReadWriteDocument");
  expect(out).toMatch(/AppDomains: *\n/);
});

describe("what the manifest promises", () => {
  test("ExcelApi 1.9, Workbook, the Home tab, Vietnamese with an English override", () => {
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.9"/>');
    expect(xml).toContain('<Host Name="Workbook"/>');
    expect(xml).toContain('<OfficeTab id="TabHome">');
    expect(xml).toContain('<DefaultLocale>vi-VN</DefaultLocale>');
    expect(xml).toMatch(/<DisplayName DefaultValue="Phụ lục CCHC">\s*<Override Locale="en-US"/);
    expect(xml).not.toContain("<AppDomains>");
  });
  test("every URL is on https://localhost:3000 and names a file the build serves", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(urls.length).toBeGreaterThan(5);
    const served = new Set(["taskpane.html", "commands.html", "preview.html", "huong-dan.html", "assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png", "assets/icon-128.png"]);
    for (const u of urls) {
      expect(u.startsWith("https://localhost:3000/")).toBe(true);
      expect(served.has(u.slice("https://localhost:3000/".length))).toBe(true);
    }
  });
  test.each([16, 32, 64, 80, 128])("assets/icon-%i.png is square at that size", (size) => {
    const png = readFileSync(join(ROOT, "assets", `icon-${size}.png`));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  });
  test("SupportUrl and LearnMoreUrl open the user guide, which explains every kind of finding and shows its pictures", () => {
    expect(xml).toContain('<SupportUrl DefaultValue="https://localhost:3000/huong-dan.html"/>');
    expect(xml).toContain('<bt:Url id="PhuLuc.LearnMore.Url" DefaultValue="https://localhost:3000/huong-dan.html"/>');
    const guide = readFileSync(join(ROOT, "docs", "huong-dan.html"), "utf8");
    for (const rule of RULE_IDS) expect(guide).toContain(escapeHtml(vi[`rule.${rule}.title` as keyof typeof vi]));
    for (const src of [...guide.matchAll(/src="([^"]+)"/g)].map((m) => m[1] ?? "")) expect(existsSync(join(ROOT, "docs", src))).toBe(true);
  });
  test("the manifest's version follows package.json", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(xml).toContain(`<Version>${pkg.version}.0</Version>`);
  });
});
