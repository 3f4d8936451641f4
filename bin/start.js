#!/usr/bin/env node
// npm start. On Windows and macOS, as the official React task-pane template does: office-addin-debugging starts the
// dev server (npm run dev-server) and sideloads manifest.xml into desktop Excel. It is not a dependency of this
// repository (its native keytar build fails on Linux, see the README): npx fetches it on first use. Where it is not
// supported (Linux), or if it fails, the flow stays: make the development HTTPS certificate (office-addin-dev-certs),
// then build and serve the task pane and the preview page on https://localhost:3000 with webpack-dev-server, and
// sideload by hand (README, "Sideload manifest.xml into Excel"). Excel loads add-ins only over HTTPS.
"use strict";
const { spawnSync, spawn } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const win = process.platform === "win32";
const bin = (name) => path.join(root, "node_modules", ".bin", win ? `${name}.cmd` : name);

if ((win || process.platform === "darwin") && process.env.PHULUC_NO_DEBUGGING !== "1") {
  const r = spawnSync(win ? "npx.cmd" : "npx", ["--yes", "office-addin-debugging@7", "start", "manifest.xml", "desktop"], { stdio: "inherit", cwd: root, shell: win });
  if (r.status === 0) process.exit(0);
  process.stderr.write("office-addin-debugging không chạy được; chuyển sang máy chủ phát triển và nạp add-in thủ công (xem README).\n");
}

// Writes ~/.office-addin-dev-certs/{localhost.key,localhost.crt,ca.crt}. Installing the CA needs administrator rights:
// where it cannot, it says so and the browser or Office will ask to trust the certificate (see README).
const certs = spawnSync(bin("office-addin-dev-certs"), ["install", "--days", "365"], { stdio: "inherit", cwd: root, shell: win });
if (certs.status !== 0) process.stderr.write("office-addin-dev-certs did not finish; continuing (see README, HTTPS).\n");

const server = spawn(bin("webpack"), ["serve", "--mode", "development"], { stdio: "inherit", cwd: root, shell: win });
server.on("exit", (code) => process.exit(code ?? 0));
