#!/usr/bin/env node
// npm start: make the development HTTPS certificate (office-addin-dev-certs), then build and serve the task pane and
// the preview page on https://localhost:3000 with webpack-dev-server. Excel loads add-ins only over HTTPS.
"use strict";
const { spawnSync, spawn } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

// Writes ~/.office-addin-dev-certs/{localhost.key,localhost.crt,ca.crt}. Installing the CA needs administrator rights:
// where it cannot, it says so and the browser or Office will ask to trust the certificate (see README).
const certs = spawnSync(bin("office-addin-dev-certs"), ["install", "--days", "365"], { stdio: "inherit", cwd: root, shell: process.platform === "win32" });
if (certs.status !== 0) process.stderr.write("office-addin-dev-certs did not finish; continuing (see README, HTTPS).\n");

const server = spawn(bin("webpack"), ["serve", "--mode", "development"], { stdio: "inherit", cwd: root, shell: process.platform === "win32" });
server.on("exit", (code) => process.exit(code ?? 0));
