#!/usr/bin/env node
// npm stop: on Windows and macOS, office-addin-debugging stops the dev server and removes the sideloaded add-in from
// desktop Excel (as `npm start` put it there). On Linux there is nothing to undo: stop `npm start` with Ctrl+C, and
// remove an add-in uploaded to Excel on the web as the README says.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const win = process.platform === "win32";
if (win || process.platform === "darwin") {
  const r = spawnSync(win ? "npx.cmd" : "npx", ["--yes", "office-addin-debugging@7", "stop", "manifest.xml", "desktop"], { stdio: "inherit", cwd: path.join(__dirname, ".."), shell: win });
  process.exit(r.status ?? 1);
}
process.stdout.write("Trên Linux: dừng `npm start` bằng Ctrl+C. Gỡ add-in đã tải lên Excel trên web: xem README (Gỡ add-in).\n");
