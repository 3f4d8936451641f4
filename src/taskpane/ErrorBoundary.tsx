import { Component, type ReactNode } from "react";
import { translator, langFromLocale } from "../i18n";

/** A bug in the pane shows a message instead of a blank pane; the workbook is untouched (nothing writes on render). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const t = translator(langFromLocale(typeof navigator !== "undefined" ? navigator.language : "vi"));
    return (
      <div role="alert" style={{ padding: 12, fontFamily: "Segoe UI, sans-serif" }}>
        {t.t("ui.unexpected", { detail: this.state.error.message })}
      </div>
    );
  }
}
