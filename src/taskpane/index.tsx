/**
 * The task pane's entry in Excel: waits for Office, then renders the pane over the Office host. Outside Excel (a
 * browser opening taskpane.html) Office.onReady resolves without a host, or Office.js is missing: the page then says
 * where to use it instead of waiting forever.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, Link, MessageBar, MessageBarBody, webLightTheme } from "@fluentui/react-components";
import { ExcelHost } from "../host/office/excelHost";
import { langFromLocale, registerCatalogue, translator } from "../i18n";
import { Pane } from "./App";
import { ErrorBoundary } from "./ErrorBoundary";

const OFFICE_TIMEOUT_MS = 5000;

function officeHost(): Promise<string | null> {
  return new Promise((resolve) => {
    if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
      resolve(null);
      return;
    }
    const timer = window.setTimeout(() => resolve(null), OFFICE_TIMEOUT_MS);
    void Office.onReady((info) => {
      window.clearTimeout(timer);
      resolve(info.host ? String(info.host) : null);
    });
  });
}

function NotInExcel() {
  const t = translator(langFromLocale(navigator.language));
  return (
    <FluentProvider theme={webLightTheme} lang={t.lang}>
      <main style={{ padding: 12 }}>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <span data-testid="not-in-excel">{t.t("host.not-excel")}</span> <Link href="preview.html">preview.html</Link>
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}

/** English is loaded only when Office (or the browser) does not speak Vietnamese. */
async function loadLanguage(locale: string): Promise<void> {
  if (langFromLocale(locale) === "en") registerCatalogue("en", (await import("../i18n/en")).en);
}

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  void officeHost().then(async (host) => {
    const excel = typeof Office !== "undefined" && host === String(Office.HostType.Excel);
    const excelHost = excel ? new ExcelHost() : null;
    await loadLanguage(excelHost ? excelHost.displayLanguage() : navigator.language).catch(() => undefined);
    root.render(<ErrorBoundary>{excelHost ? <Pane host={excelHost} /> : <NotInExcel />}</ErrorBoundary>);
  });
}
