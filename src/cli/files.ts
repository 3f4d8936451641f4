/**
 * Writing a file the user named (-o): never onto an input, never through a link, never replacing an existing file
 * unless asked (--overwrite, and then only a regular file), and atomically (a temporary file in the same folder,
 * flushed, then renamed), so that a killed run leaves no torn file.
 */
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import { link, lstat, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** The real path of a file (links resolved), or the absolute path of one that does not exist. */
export async function realPathOf(p: string): Promise<string> {
  try {
    // Synchronous: a batch asks for every input's real path, and a thread-pool round trip each is idle time.
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

/** Write bytes to a new temporary file in `folder` (named after `base`), flushed to disk; its path. */
export async function writeTemp(folder: string, base: string, bytes: Uint8Array): Promise<string> {
  const tmp = join(folder, `.${base}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, "wx", 0o644);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

export type WriteRefusal = { readonly reason: "exists" | "input" | "not-file"; readonly path: string };

export async function writeNewFile(target: string, bytes: Uint8Array, options: { readonly overwrite: boolean; readonly inputs: ReadonlyArray<string> }): Promise<WriteRefusal | { readonly written: string }> {
  const path = resolve(target);
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const real = join(await realPathOf(folder), basename(path));
  const through = await realPathOf(path);
  for (const input of options.inputs) {
    const r = await realPathOf(input);
    if (r === real || r === through) return { reason: "input", path: target };
  }
  let exists = false;
  try {
    const st = await lstat(real);
    exists = true;
    if (!st.isFile()) return { reason: "not-file", path: target };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  if (exists && !options.overwrite) return { reason: "exists", path: target };
  const tmp = await writeTemp(dirname(real), basename(real), bytes);
  try {
    if (exists) await rename(tmp, real);
    else {
      // link() fails if the name was taken meanwhile: nothing is replaced that was not there when we looked.
      try {
        await link(tmp, real);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") return { reason: "exists", path: target };
        await rename(tmp, real);
      }
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return { written: real };
}
