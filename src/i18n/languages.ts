import { en } from "./en";
import { type Catalogue, registerCatalogue } from "./index";
import { vi as viPane } from "./vi";
import { viCli } from "./vi-cli";
import { viReport } from "./vi-report";

/** Vietnamese in full: the pane's messages, the written sheets' and the command line's. */
const vi: Catalogue = { ...viPane, ...viReport, ...viCli };
registerCatalogue("vi", vi);
registerCatalogue("en", en);

/** Every catalogue, registered: for the command line, the preview page and the tests. */
export const CATALOGUES: Readonly<Record<"vi" | "en", Catalogue>> = { vi, en };
