/** Where a problem sits in a JSON document, as a person reads it: ["items", 12, "maxPoints"] → "items[12].maxPoints". */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out || "(gốc)";
}
