/**
 * A workbook behind office-addin-mock: the Excel object model the Office host uses, backed by an in-memory sheet
 * model. office-addin-mock supplies load/sync semantics (a property read without load or sync is an error string);
 * the functions here supply ranges, writes (through set() and the few write methods) and events.
 */
import { OfficeMockObject } from "office-addin-mock";
import { columnLetter, parseA1, toA1 } from "../../src/core/grid";
import type { FillSnapshot } from "../../src/host/host";

export interface MockCell {
  value: string | number | boolean | null;
  formula?: string;
  numberFormat: string;
  fill: FillSnapshot;
  hyperlink?: { documentReference?: string; textToDisplay?: string };
  error?: boolean;
  font?: string;
}

export interface MockSheet {
  id: string;
  name: string;
  cells: Map<string, MockCell>;
  merges: string[];
  protected: boolean;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** What the Office host set on a sheet it added: print titles, frozen rows, page layout, bordered ranges. */
  printTitles?: string;
  frozenRows?: number;
  page?: Record<string, unknown>;
  bordered?: string[];
  /** Ranges whose rows the host asked Excel to fit to their content (autofitRows). */
  autofitted?: string[];
}

export class MockWorkbook {
  sheets: MockSheet[] = [];
  active = "";
  selected: { sheet: string; address: string } | null = null;
  settings = new Map<string, unknown>();
  /** ExcelApi versions this "Excel" supports. */
  apiVersion = "1.20";
  runOptions: unknown[] = [];

  addSheet(name: string, rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>, merges: string[] = []): MockSheet {
    const cells = new Map<string, MockCell>();
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        const isFormula = typeof v === "string" && v.startsWith("=");
        cells.set(toA1(r, c), {
          value: isFormula ? null : v,
          ...(isFormula ? { formula: v } : {}),
          numberFormat: "General",
          fill: { pattern: "None", color: "#FFFFFF" },
          ...(typeof v === "string" && /^#(REF!|DIV\/0!|VALUE!|N\/A)$/.test(v) ? { error: true } : {}),
        });
      }),
    );
    const sheet = { id: `{${this.sheets.length + 1}}`, name, cells, merges, protected: false };
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }

  sheet(nameOrId: string): MockSheet {
    const s = this.sheets.find((x) => x.name === nameOrId || x.id === nameOrId);
    if (!s) throw Object.assign(new Error(`no sheet ${nameOrId}`), { code: "ItemNotFound" });
    return s;
  }

  cell(sheet: string, address: string): MockCell | undefined {
    return this.sheet(sheet).cells.get(address);
  }
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function rectOf(address: string): Rect {
  const [a = "A1", b = a] = address.replace(/^.*!/, "").split(":");
  const tl = parseA1(a);
  const br = parseA1(b);
  if (!tl || !br) throw new Error(`bad address ${address}`);
  return { top: tl.rowIndex, left: tl.colIndex, bottom: br.rowIndex, right: br.colIndex };
}

const addressOf = (r: Rect): string => (r.top === r.bottom && r.left === r.right ? toA1(r.top, r.left) : `${toA1(r.top, r.left)}:${toA1(r.bottom, r.right)}`);

function usedRect(sheet: MockSheet): Rect {
  let bottom = 0;
  let right = 0;
  for (const address of sheet.cells.keys()) {
    const p = parseA1(address)!;
    bottom = Math.max(bottom, p.rowIndex);
    right = Math.max(right, p.colIndex);
  }
  return { top: 0, left: 0, bottom, right };
}

function display(c: MockCell | undefined): string {
  if (!c || c.value === null) return "";
  return typeof c.value === "boolean" ? (c.value ? "TRUE" : "FALSE") : String(c.value);
}

function valueType(c: MockCell | undefined): string {
  if (!c || c.value === null || c.value === "") return "Empty";
  if (c.error) return "Error";
  if (typeof c.value === "number") return "Double";
  if (typeof c.value === "boolean") return "Boolean";
  return "String";
}

export interface ExcelMock {
  Excel: unknown;
  Office: unknown;
  context: OfficeMockObject & { sync: () => Promise<void> };
  workbook: MockWorkbook;
}

/** Build the globals `Excel` and `Office` over a mock workbook. */
export function excelMock(wb: MockWorkbook): ExcelMock {
  const created: OfficeMockObject[] = [];
  const track = <T extends OfficeMockObject>(m: T): T => {
    created.push(m);
    return m;
  };
  const rects = new WeakMap<object, { sheet: MockSheet; rect: Rect }>();
  // Office.js sets isNullObject on every object without a load; a plain field here, outside the mock's loadables.
  const nullable = (m: OfficeMockObject, isNull: boolean): OfficeMockObject => {
    (m as unknown as { isNullObject: boolean }).isNullObject = isNull;
    return track(m);
  };

  const writeCell = (sheet: MockSheet, address: string, update: Partial<MockCell>): void => {
    const current = sheet.cells.get(address) ?? { value: null, numberFormat: "General", fill: { pattern: "None", color: "#FFFFFF" } };
    sheet.cells.set(address, { ...current, ...update });
  };

  const forEachCell = (rect: Rect, f: (address: string, r: number, c: number) => void): void => {
    for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) f(toA1(r, c), r - rect.top, c - rect.left);
  };

  const matrix = <T>(sheet: MockSheet, rect: Rect, f: (c: MockCell | undefined) => T): T[][] => {
    const out: T[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: T[] = [];
      for (let c = rect.left; c <= rect.right; c++) row.push(f(sheet.cells.get(toA1(r, c))));
      out.push(row);
    }
    return out;
  };

  const makeRange = (sheet: MockSheet, rect: Rect): OfficeMockObject => {
    const setFill = (p: FillSnapshot): void =>
      forEachCell(rect, (a) => writeCell(sheet, a, { fill: { ...(sheet.cells.get(a)?.fill ?? {}), ...p, pattern: p.pattern ?? "Solid" } }));
    const m = new OfficeMockObject({
      address: `${sheet.name}!${addressOf(rect)}`,
      rowIndex: rect.top,
      columnIndex: rect.left,
      rowCount: rect.bottom - rect.top + 1,
      columnCount: rect.right - rect.left + 1,
      values: matrix(sheet, rect, (c) => (c?.value ?? "") as string | number | boolean),
      text: matrix(sheet, rect, display),
      numberFormat: matrix(sheet, rect, (c) => c?.numberFormat ?? "General"),
      formulas: matrix(sheet, rect, (c) => c?.formula ?? ((c?.value ?? "") as string | number | boolean)),
      valueTypes: matrix(sheet, rect, valueType),
      format: {
        fill: {
          set: (p: { color?: string }) => setFill(p.color !== undefined ? { color: p.color } : {}),
          clear: () => forEachCell(rect, (a) => writeCell(sheet, a, { fill: { pattern: "None", color: "#FFFFFF" } })),
        },
        font: {
          name: sheet.cells.get(toA1(rect.top, rect.left))?.font ?? "Calibri",
          set: (p: { name?: string }) => {
            const name = p.name;
            if (name !== undefined) forEachCell(rect, (a) => writeCell(sheet, a, { font: name }));
          },
        },
        set: () => undefined,
        autofitRows: () => void (sheet.autofitted ??= []).push(addressOf(rect)),
        borders: {
          getItem: (edge: string) => ({
            set: () => {
              if (edge === "EdgeTop") (sheet.bordered ??= []).push(addressOf(rect));
            },
          }),
        },
      },
      merge: () => {
        sheet.merges.push(addressOf(rect));
      },
      getBoundingRect: (other: object) => {
        const o = rects.get(other)!;
        return makeRange(sheet, { top: Math.min(rect.top, o.rect.top), left: Math.min(rect.left, o.rect.left), bottom: Math.max(rect.bottom, o.rect.bottom), right: Math.max(rect.right, o.rect.right) });
      },
      getIntersection: (other: object) => {
        const o = rects.get(other)!;
        return makeRange(sheet, { top: Math.max(rect.top, o.rect.top), left: Math.max(rect.left, o.rect.left), bottom: Math.min(rect.bottom, o.rect.bottom), right: Math.min(rect.right, o.rect.right) });
      },
      getMergedAreasOrNullObject: () => nullable(new OfficeMockObject({ address: sheet.merges.map((x) => `${sheet.name}!${x}`).join(", ") }), sheet.merges.length === 0),
      // Office returns only what was asked for (here: the fill, or the font name).
      getCellProperties: (ask: { format?: { fill?: unknown; font?: unknown } }) => ({
        value: matrix(sheet, rect, (c) =>
          ask.format?.font !== undefined ? { format: { font: { name: c?.font ?? "Calibri" } } } : { format: { fill: { ...(c?.fill ?? { pattern: "None", color: "#FFFFFF" }) } } },
        ),
      }),
      setCellProperties: (props: Array<Array<{ format?: { fill?: FillSnapshot } }>>) =>
        forEachCell(rect, (a, r, c) => {
          const fill = props[r]?.[c]?.format?.fill;
          if (fill) writeCell(sheet, a, { fill: { ...fill } });
        }),
      set: (p: { values?: unknown[][]; formulas?: unknown[][]; numberFormat?: unknown[][]; hyperlink?: MockCell["hyperlink"] }) => {
        if (sheet.protected) throw Object.assign(new Error("The cell or chart you're trying to change is protected."), { code: "AccessDenied" });
        forEachCell(rect, (a, r, c) => {
          if (p.numberFormat) writeCell(sheet, a, { numberFormat: String(p.numberFormat[r]?.[c]) });
          if (p.values) {
            const v = p.values[r]?.[c] as string | number | boolean;
            const asFormula = typeof v === "string" && v.startsWith("=") && sheet.cells.get(a)?.numberFormat !== "@";
            const { formula: _f, ...rest } = sheet.cells.get(a) ?? { value: null, numberFormat: "General", fill: { pattern: "None", color: "#FFFFFF" } };
            sheet.cells.set(a, asFormula ? { ...rest, value: null, formula: v } : { ...rest, value: v === "" ? null : v });
          }
          if (p.formulas) {
            const f = p.formulas[r]?.[c] as string | number | boolean;
            const { formula: _f, ...rest } = sheet.cells.get(a) ?? { value: null, numberFormat: "General", fill: { pattern: "None", color: "#FFFFFF" } };
            const isFormula = typeof f === "string" && f.startsWith("=");
            sheet.cells.set(a, isFormula ? { ...rest, value: null, formula: f } : { ...rest, value: f === "" ? null : f });
          }
          if (p.hyperlink) writeCell(sheet, a, { hyperlink: p.hyperlink, value: p.hyperlink.textToDisplay ?? null });
        });
      },
      select: () => {
        wb.selected = { sheet: sheet.name, address: addressOf(rect) };
      },
    });
    rects.set(m, { sheet, rect });
    return track(m);
  };

  const makeSheet = (s: MockSheet): OfficeMockObject => {
    const m = new OfficeMockObject({
      name: s.name,
      id: s.id,
      protection: { protected: s.protected },
      getRange: (address: string) => makeRange(s, rectOf(address)),
      getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => makeRange(s, { top: r, left: c, bottom: r + rows - 1, right: c + cols - 1 }),
      getUsedRange: () => makeRange(s, usedRect(s)),
      getUsedRangeOrNullObject: () => {
        const r = makeRange(s, usedRect(s));
        (r as unknown as { isNullObject: boolean }).isNullObject = s.cells.size === 0;
        return r;
      },
      activate: () => {
        wb.active = s.name;
      },
      delete: () => {
        wb.sheets = wb.sheets.filter((x) => x !== s);
      },
      pageLayout: {
        set: (p: Record<string, unknown>) => {
          s.page = { ...s.page, ...p };
        },
        setPrintTitleRows: (rows: string) => {
          s.printTitles = rows;
        },
      },
      freezePanes: {
        freezeRows: (n: number) => {
          s.frozenRows = n;
        },
      },
    });
    return track(m);
  };

  const events = { activated: [] as Array<() => Promise<void>>, changed: [] as unknown[], formatChanged: [] as unknown[] };
  const handler = (list: unknown[]) => (h: unknown) => {
    list.push(h);
    return { context: null, remove: () => list.splice(list.indexOf(h), 1) };
  };

  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItemOrNullObject: (key: string) => {
          const s = wb.sheets.find((x) => x.name === key || x.id === key);
          if (s) {
            const m = makeSheet(s);
            (m as unknown as { isNullObject: boolean }).isNullObject = false;
            return m;
          }
          return nullable(new OfficeMockObject({ id: "", name: "" }), true);
        },
        getActiveWorksheet: () => makeSheet(wb.sheet(wb.active)),
        getItem: (key: string) => makeSheet(wb.sheet(key)),
        add: (name: string) => {
          const s = wb.addSheet(name, []);
          return makeSheet(s);
        },
        onActivated: { add: handler(events.activated) },
        onChanged: { add: handler(events.changed) },
        onFormatChanged: { add: handler(events.formatChanged) },
      },
    },
  }) as OfficeMockObject & { sync: () => Promise<void> };
  // The collection's items: office-addin-mock has no collections, so `load("items/name, items/visibility")` is
  // mocked here, with Office's rule that nothing is there before a load and a sync.
  const worksheets = (context as unknown as { workbook: { worksheets: { load: (p: string) => unknown; items?: unknown } } }).workbook.worksheets;
  let itemsRequested = false;
  worksheets.load = (props: string) => {
    if (!/items\/name/.test(props)) throw new Error(`unexpected load on the worksheet collection: ${props}`);
    itemsRequested = true;
    return worksheets;
  };
  // office-addin-mock syncs the objects it was built with; the ranges made on the fly are synced here too.
  const baseSync = context.sync.bind(context);
  context.sync = async () => {
    await baseSync();
    for (const m of created) await m.sync();
    if (itemsRequested) worksheets.items = wb.sheets.map((x) => ({ name: x.name, visibility: x.visibility ?? "Visible" }));
  };

  const Excel = {
    run: async (a: unknown, b?: unknown) => {
      const batch = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<unknown>;
      if (typeof a !== "function") wb.runOptions.push(a);
      return batch(context);
    },
  };
  const Office = {
    context: {
      requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) <= Number(wb.apiVersion.split(".")[1]) },
      displayLanguage: "vi-VN",
      officeTheme: { bodyBackgroundColor: "#ffffff" },
      document: {
        settings: {
          get: (k: string) => wb.settings.get(k) ?? null,
          set: (k: string, v: unknown) => wb.settings.set(k, JSON.parse(JSON.stringify(v))),
          saveAsync: (cb: (r: { status: string }) => void) => cb({ status: "succeeded" }),
        },
      },
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
  return { Excel, Office, context, workbook: wb };
}

export { columnLetter };
