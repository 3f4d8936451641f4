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
require(entry).runFromProcess();
