/**
 * npm run preview: serves the built pages (dist/web) over plain HTTP on localhost, for someone without Excel to see
 * the task pane working on the bundled sample (preview.html). Not for Excel, which needs HTTPS (npm start).
 */
import { join } from "node:path";
import { packageRoot } from "../src/cli/root";
import { serve } from "./serve";

const root = packageRoot(__dirname);
serve({ "/": join(root, "dist", "web") }, Number(process.env["PORT"] ?? 3001))
  .then(({ url }) => {
    process.stdout.write(`Xem trước / preview: ${url}/preview.html  (Ctrl+C để dừng)\n`);
  })
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
