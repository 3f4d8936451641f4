import { tmpdir } from "node:os";
import { join } from "node:path";

// Commands under test read criteria sets from the user's folder unless told otherwise: point them at one that does
// not exist, so that what a developer keeps in ~/.config never changes a test's result.
process.env["PHULUC_CRITERIA_DIR"] ??= join(tmpdir(), `phuluc-no-criteria-${process.pid}`);
