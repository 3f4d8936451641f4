import { formatGeneral } from "./grid";

/**
 * The text Excel shows for a number under a number format, for the formats appendices use: General, fixed
 * decimals ("0.00"), grouping ("#,##0.00"), percent. Other formats fall back to General. Hosts that read files
 * (which hold values and formats, not display text) use this to fill `Cell.text`.
 */
export function formatNumber(value: number, numFmt: string | undefined): string {
  if (numFmt === undefined || numFmt === "" || /^general$/i.test(numFmt) || numFmt === "@") return formatGeneral(value);
  const section = (numFmt.split(";")[0] ?? "").replace(/\[[^\]]*\]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, "");
  if (/[dmyhs]/i.test(section.replace(/E[+-]/i, ""))) return formatGeneral(value);
  const m = /([#0,]*0|#)(?:\.(0+|#+))?(%?)/.exec(section);
  if (!m) return formatGeneral(value);
  const decimals = m[2]?.startsWith("0") ? m[2].length : 0;
  const optional = m[2]?.startsWith("#") ? m[2].length : 0;
  const percent = m[3] === "%";
  const grouping = (m[1] ?? "").includes(",");
  let v = percent ? value * 100 : value;
  const places = decimals + optional;
  v = Math.round(v * 10 ** places) / 10 ** places;
  let text = v.toFixed(places);
  if (optional > 0) text = text.replace(/\.?0+$/, "");
  if (grouping) {
    const [int = "", frac] = text.split(".");
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac}` : "");
  }
  return percent ? `${text}%` : text;
}
