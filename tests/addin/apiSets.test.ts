/**
 * Issue 9 §5: real Excel cannot run here, so what can be proven statically is: every Excel API member the Office
 * host uses is in the manifest's minimum requirement set (ExcelApi 1.9), or sits behind an `isSetSupported` check
 * (`supports("1.x")`) of at least its own set, with a fallback. Read from the `[Api set: …]` annotations of
 * @types/office-js through the TypeScript checker, so a new call to a newer API fails here before it fails a user.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { MIN_EXCEL_API } from "../../src/host/office/excelHost";

const ROOT = join(__dirname, "..", "..");
const HOST_FILES = ["src/host/office/excelHost.ts", "src/host/office/convert.ts", "src/commands/commands.ts", "src/taskpane/index.tsx"].map((f) => join(ROOT, f));

const version = (v: string): number[] => v.split(".").map(Number);
const atLeast = (a: string, b: string): boolean => {
  const [x, y] = [version(a), version(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
};

interface Use {
  readonly member: string;
  readonly set: string;
  readonly where: string;
  readonly guard: string | null;
}

function uses(): Use[] {
  const program = ts.createProgram(HOST_FILES, { strict: true, jsx: ts.JsxEmit.ReactJSX, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: ["office-js"], skipLibCheck: true });
  const checker = program.getTypeChecker();
  const out: Use[] = [];
  for (const file of HOST_FILES) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not compiled: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) || (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent))) {
        // A member read or called (range.getCellProperties), or set in an options object ({ mergeUndoGroup: true }).
        const symbol = ts.isPropertyAccessExpression(node) ? checker.getSymbolAtLocation(node.name) : checker.getContextualType(node.parent as ts.ObjectLiteralExpression)?.getProperty(node.name.getText(sf));
        for (const d of symbol?.declarations ?? []) {
          if (!d.getSourceFile().fileName.includes("@types/office-js")) continue;
          const doc = d.getFullText().slice(0, d.getLeadingTriviaWidth());
          const m = /\[Api set: ExcelApi (\d+\.\d+)\]/.exec(doc) ?? /\[Api set: (ExcelApi\w+[^\]]*)\]/.exec(doc);
          if (!m) continue;
          const set = m[1]!;
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          out.push({ member: node.getText(sf).slice(0, 80), set, where: `${file.slice(ROOT.length + 1)}:${line + 1}`, guard: guardOf(node, sf) });
          break;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** The version of the nearest `supports("x")` condition this node runs under, if any. */
function guardOf(node: ts.Node, sf: ts.SourceFile): string | null {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    const condition = ts.isConditionalExpression(p) && n === p.whenTrue ? p.condition : ts.isIfStatement(p) && n === p.thenStatement ? p.expression : ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && n === p.right ? p.left : null;
    const m = condition ? /supports\("(\d+\.\d+)"\)/.exec(condition.getText(sf)) : null;
    if (m) return m[1]!;
  }
  return null;
}

test("the manifest asks for the minimum the host is written against", () => {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  expect(manifest).toContain(`<Set Name="ExcelApi" MinVersion="${MIN_EXCEL_API}"/>`);
});

test("every Excel API member used is in ExcelApi 1.9, or behind a check of its own set", () => {
  const all = uses();
  if (process.env["API_SETS_DEBUG"]) console.log(all.map((u) => `${u.set} ${u.guard ?? "-"} ${u.where} ${u.member}`).join("\n"));
  // The host does use the API: the checker resolved its calls (a broken resolution would make this test vacuous).
  expect(all.length).toBeGreaterThan(40);
  expect(all.some((u) => u.member.includes("getCellProperties"))).toBe(true);
  const unguarded = all.filter((u) => !/^\d/.test(u.set) || (!atLeast(MIN_EXCEL_API, u.set) && !(u.guard !== null && atLeast(u.guard, u.set))));
  expect(unguarded.map((u) => `${u.where} ${u.member} needs ${u.set}`)).toEqual([]);
  // The newer sets used are the ones the README and the manifest's comment name.
  const newer = [...new Set(all.filter((u) => !atLeast(MIN_EXCEL_API, u.set)).map((u) => u.set))].sort();
  expect(newer).toEqual(expect.arrayContaining(["1.13", "1.20"]));
});
