/**
 * A small static file server for the built pages (dist/web) and extra folders (test fixtures), used by the browser
 * tests and the screenshot script. `npm start` uses webpack-dev-server over HTTPS instead.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".css": "text/css",
};

/** Serve `roots` (URL prefix → folder) on 127.0.0.1 (a free port by default); resolves with the server and its URL. */
export function serve(roots: Readonly<Record<string, string>>, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    for (const [prefix, dir] of Object.entries(roots).sort((a, b) => b[0].length - a[0].length)) {
      if (!path.startsWith(prefix)) continue;
      const base = resolve(dir);
      const file = normalize(join(base, path.slice(prefix.length)));
      if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) continue;
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end("not found");
  });
  return new Promise((ok) => {
    server.listen(port, "127.0.0.1", () => {
      const a = server.address();
      ok({ server, url: `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}` });
    });
  });
}
