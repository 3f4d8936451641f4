/**
 * A plain rendering of the preview workbook's active sheet: values as text, fills as backgrounds, merges, the
 * selection. Read-only but for a double-click editor that lets a demonstration change a cell (as a user would).
 */
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { columnLetter, parseA1, toA1 } from "../core/grid";
import { type PreviewHost, PreviewWorkbook } from "../host/preview/previewHost";

export function SheetView({ host, label }: { host: PreviewHost; label: string }) {
  const wb = host.workbook;
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [editing, setEditing] = useState<string | null>(null);
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  useEffect(() => wb.subscribe(redraw), [wb]);
  const sheet = wb.activeSheet();
  const selected = wb.selection && sheet && wb.selection.sheet === sheet.name ? wb.selection.address : null;
  // "nearest": a cell clicked in the sheet is in view and does not move (a double click would land on the next row).
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selected, sheet]);

  const layout = useMemo(() => {
    if (!sheet) return null;
    let rows = 0;
    let cols = 0;
    for (const address of sheet.cells.keys()) {
      const at = parseA1(address);
      if (!at) continue;
      rows = Math.max(rows, at.rowIndex + 1);
      cols = Math.max(cols, at.colIndex + 1);
    }
    const covered = new Set<string>();
    const spans = new Map<string, { rowSpan: number; colSpan: number }>();
    for (const m of sheet.merges) {
      spans.set(toA1(m.top, m.left), { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(toA1(r, c));
    }
    return { rows: Math.max(rows, 1), cols: Math.max(cols, 1), covered, spans };
    // Recomputed on every redraw: sheets change under the view.
  }, [sheet, sheet?.cells.size, sheet?.merges.length]);

  if (!sheet || !layout) return null;
  return (
    <div className="sheet">
      <div className="tabs" role="tablist" aria-label={label}>
        {wb.sheets.map((s, i) => (
          <button key={s.id} role="tab" aria-selected={i === wb.active} className={i === wb.active ? "tab active" : "tab"} onClick={() => wb.activate(s.name)}>
            {s.name}
          </button>
        ))}
      </div>
      <div className="grid-scroll">
        <table className="grid" data-testid="sheet" data-sheet={sheet.name} data-selected={selected ?? ""}>
          <colgroup>
            <col style={{ width: 40 }} />
            {Array.from({ length: layout.cols }, (_, c) => (
              <col key={c} style={{ width: Math.min(420, Math.max(40, (sheet.widths[c] ?? 9) * 7)) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th />
              {Array.from({ length: layout.cols }, (_, c) => (
                <th key={c}>{columnLetter(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: layout.rows }, (_, r) => (
              <tr key={r}>
                <th>{r + 1}</th>
                {Array.from({ length: layout.cols }, (_, c) => {
                  const address = toA1(r, c);
                  if (layout.covered.has(address)) return null;
                  const cell = sheet.cells.get(address);
                  const fill = cell?.fill.pattern && cell.fill.pattern !== "None" ? (cell.fill.color ?? "") : "";
                  const span = layout.spans.get(address);
                  const isSelected = selected === address;
                  return (
                    <td
                      key={c}
                      ref={isSelected ? selectedRef : undefined}
                      data-cell={address}
                      data-fill={fill}
                      className={isSelected ? "selected" : undefined}
                      style={fill ? { background: fill } : undefined}
                      rowSpan={span?.rowSpan}
                      colSpan={span?.colSpan}
                      onClick={() => {
                        wb.selection = { sheet: sheet.name, address };
                        wb.changed();
                      }}
                      onDoubleClick={() => setEditing(address)}
                    >
                      {editing === address ? (
                        <input
                          autoFocus
                          defaultValue={PreviewWorkbook.display(cell)}
                          aria-label={address}
                          onBlur={() => setEditing(null)}
                          onKeyDown={(e) => {
                            if (e.key === "Enter") {
                              host.userEdit(sheet.name, address, e.currentTarget.value);
                              setEditing(null);
                            } else if (e.key === "Escape") setEditing(null);
                          }}
                        />
                      ) : cell?.link ? (
                        <a
                          href="#"
                          onClick={(e) => {
                            e.preventDefault();
                            void host.select(cell.link!.sheet, cell.link!.cell);
                          }}
                        >
                          {PreviewWorkbook.display(cell)}
                        </a>
                      ) : (
                        PreviewWorkbook.display(cell)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
