import { en } from "./en";
import { type Catalogue, registerCatalogue } from "./index";
import { vi } from "./vi";

registerCatalogue("en", en);

/** Every catalogue, registered: for the command line, the preview page and the tests. */
export const CATALOGUES: Readonly<Record<"vi" | "en", Catalogue>> = { vi, en };
