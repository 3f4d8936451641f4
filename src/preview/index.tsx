/**
 * The preview page: the real task pane beside a rendering of a workbook held in the browser (the bundled sample, or
 * an .xlsx the user opens). A development and demonstration aid; it says so on screen.
 */
import { createRoot } from "react-dom/client";
import { useEffect, useState } from "react";
import { PreviewHost, type PreviewWorkbook } from "../host/preview/previewHost";
import { FileReadError } from "../host/xlsx/read";
import { fileErrorMessage, langFromLocale, translator } from "../i18n";
import "../i18n/languages";
import { Pane } from "../taskpane/App";
import { ErrorBoundary } from "../taskpane/ErrorBoundary";
import { previewWorkbookFrom } from "./load";
import { SheetView } from "./SheetView";

const params = new URLSearchParams(window.location.search);
// Vietnamese unless ?lang=en: the product's users read Vietnamese, whatever the demonstrating browser says.
const t = translator(langFromLocale(params.get("lang") ?? "vi"));
const SAMPLE = "samples/ha-nam-1800-2019.xlsx";

async function fetchWorkbook(url: string): Promise<PreviewWorkbook> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return previewWorkbookFrom(new Uint8Array(await r.arrayBuffer()));
}

function Preview() {
  const [host, setHost] = useState<PreviewHost | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState(Number(params.get("width") ?? 320));
  const [generation, setGeneration] = useState(0);

  const open = (load: Promise<PreviewWorkbook>) => {
    setError(null);
    load
      .then((wb) => {
        const h = new PreviewHost(wb, t.lang === "vi" ? "vi-VN" : "en-US");
        (window as unknown as { previewHost?: PreviewHost }).previewHost = h;
        setHost(h);
        setGeneration((g) => g + 1);
      })
      .catch((e: unknown) => setError(e instanceof FileReadError ? fileErrorMessage(t, e.problem) : String(e instanceof Error ? e.message : e)));
  };

  useEffect(() => open(fetchWorkbook(params.get("xlsx") ?? SAMPLE)), []);

  return (
    <div className="page">
      <div className="banner" role="note">
        {t.t("ui.preview.banner")}
      </div>
      <div className="toolbar">
        <button onClick={() => open(fetchWorkbook(SAMPLE))}>{t.t("ui.preview.sample")}</button>
        <label className="file">
          {t.t("ui.preview.open")}
          <input
            type="file"
            accept=".xlsx,.xlsm"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) open(f.arrayBuffer().then((b) => previewWorkbookFrom(new Uint8Array(b))));
            }}
          />
        </label>
        <label>
          {t.t("ui.preview.width")}{" "}
          <select value={width} onChange={(e) => setWidth(Number(e.target.value))}>
            <option value={320}>320 px</option>
            <option value={450}>450 px</option>
          </select>
        </label>
        {error && <span role="alert" className="error">{error}</span>}
      </div>
      {host && (
        <div className="split">
          <SheetView host={host} label={t.t("ui.preview.sheets")} />
          <aside className="pane" style={{ width }} data-testid="pane-frame">
            <ErrorBoundary>
              <Pane key={generation} host={host} />
            </ErrorBoundary>
          </aside>
        </div>
      )}
    </div>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<Preview />);
