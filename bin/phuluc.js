#!/usr/bin/env node
// The batch checker. Bundled from src/cli by `npm ci` (the "prepare" script) or `npm run build:cli`; see README.
"use strict";
const fs = require("node:fs");
const { loadBundle, BUNDLE } = require("./load-bundle.js");
if (!fs.existsSync(BUNDLE)) {
  process.stderr.write("phuluc: chưa biên dịch; hãy chạy `npm ci` (hoặc `npm run build:cli`) trong thư mục dự án.\n");
  process.exit(2);
}
loadBundle(BUNDLE).exports.runFromProcess();
