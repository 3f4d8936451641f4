import { createContext, useContext } from "react";
import type { WorkbookHost } from "../host/host";
import { translator, type Translator } from "../i18n";

/** The pane gets its workbook through context, never from globals: Excel in Office, an in-memory one in the preview. */
export const HostContext = createContext<WorkbookHost | null>(null);

export function useHost(): WorkbookHost {
  const host = useContext(HostContext);
  if (!host) throw new Error("No WorkbookHost in context");
  return host;
}

export const TrContext = createContext<Translator>(translator("vi"));

export function useT(): Translator {
  return useContext(TrContext);
}

/** The cell the user last went to from a list of the pane: its item is marked (issue 9 §3). */
export const CurrentCellContext = createContext<string | null>(null);

export function useCurrentCell(): string | null {
  return useContext(CurrentCellContext);
}
