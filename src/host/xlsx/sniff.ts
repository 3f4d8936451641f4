/**
 * What a file is before any reader opens it, and the one error type readers of .xlsx files throw. No file-format
 * library is imported here, so the CLI can use it without loading exceljs.
 */
export type FileProblem =
  | { readonly code: "encrypted"; readonly detail: string }
  | { readonly code: "too-large"; readonly detail: string }
  | { readonly code: "not-xlsx"; readonly detail: string }
  | { readonly code: "legacy-or-encrypted" }
  | { readonly code: "broken"; readonly detail: string }
  | { readonly code: "empty-file" };

export class FileReadError extends Error {
  constructor(readonly problem: FileProblem) {
    super(`${problem.code}${"detail" in problem ? `: ${problem.detail}` : ""}`);
    this.name = "FileReadError";
  }
}

/** What the first bytes say about a file that is not an .xlsx package; undefined when it may be one. */
export function sniff(bytes: Uint8Array): FileProblem | undefined {
  if (bytes.length === 0) return { code: "empty-file" };
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // An OLE container: an .xls from Excel 97-2003, or an .xlsx encrypted with an opening password.
    return { code: "legacy-or-encrypted" };
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { code: "not-xlsx", detail: "not a zip package" };
  return undefined;
}

