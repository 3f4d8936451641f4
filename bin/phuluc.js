#!/usr/bin/env node
// The batch checker. Compiled from src/cli by `npm ci` (the "prepare" script); see README.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "dist", "node", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("phuluc: chưa biên dịch; hãy chạy `npm ci` (hoặc `npm run build:cli`) trong thư mục dự án.\n");
  process.exit(2);
}
const { main } = require(entry);
main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  tty: Boolean(process.stdout.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
