/**
 * XML of OOXML parts, read with saxes (a conformant, non-validating XML parser). Every element arrives with the
 * offsets of its start tag and of its end in the source text, so that a writer can splice one element and keep
 * every other byte as it was. A document type declaration is refused: OOXML parts never have one, and refusing it
 * closes the door on external entities and entity expansion.
 */
import { SaxesParser } from "saxes";

export class XmlError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = "XmlError";
  }
}

export interface XmlElement {
  /** The local name (a prefix such as `x:` is dropped: producers differ in the prefixes they choose). */
  readonly name: string;
  /** The name as written, prefix included: what a writer must use for a sibling it inserts. */
  readonly qname: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Offset of `<` of the start tag. */
  readonly start: number;
  /** Offset just after the `>` of the start tag. */
  readonly headEnd: number;
  readonly selfClosing: boolean;
}

export interface XmlHandlers {
  open?(el: XmlElement): void;
  /** `end` is the offset just after the element's last `>`. */
  close?(name: string, end: number, el: XmlElement): void;
  text?(text: string): void;
}

const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

/** An attribute as written (hot path: every cell asks for r, s and t). */
export function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs[name];
}

/** An attribute by its local name, whatever prefix the producer chose for it (`r:id`, `ns1:id`). */
export function prefixedAttr(el: XmlElement, name: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) if (k === name || local(k) === name) return v;
  return undefined;
}

/** Parse a whole part; throws XmlError on anything that is not well-formed XML. */
export function scanXml(text: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let pendingStart = -1;
  let error: string | undefined;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.on("doctype", () => {
    error ??= "document type declaration";
  });
  parser.on("opentagstart", (t) => {
    // The parser has read `<`, the name and one character after it.
    pendingStart = parser.position - t.name.length - 2;
  });
  parser.on("opentag", (t) => {
    const start = pendingStart;
    if (text.charCodeAt(start) !== 0x3c) throw new XmlError(`offset of <${t.name}> lost`);
    const el: XmlElement = { name: local(t.name), qname: t.name, attrs: t.attributes as Record<string, string>, start, headEnd: parser.position, selfClosing: t.isSelfClosing };
    stack.push(el);
    h.open?.(el);
  });
  parser.on("closetag", () => {
    const el = stack.pop();
    if (el) h.close?.(el.name, parser.position, el);
  });
  if (h.text) {
    const onText = h.text;
    parser.on("text", (t) => onText(t));
    parser.on("cdata", (t) => onText(t));
  }
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlError) throw e;
    error ??= e instanceof Error ? e.message : String(e);
  }
  if (error !== undefined) throw new XmlError(error);
}

/** Text of a part: UTF-8 (with or without BOM) or UTF-16 with its BOM, as XML allows. */
export function decodePart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder("utf-8").decode(bytes.subarray(start));
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;" };
/** ESCAPES by character code (codes below 63 only: `>` is the highest). */
const ESCAPE_AT: ReadonlyArray<string | undefined> = Array.from({ length: 63 }, (_, c) => ESCAPES[String.fromCharCode(c)]);

/** Escape text for element content or a double-quoted attribute. */
/** Offset of the `<` of the end tag of an element that closes at `end` (end tags hold no `<`). */
export function closeTagStart(text: string, end: number): number {
  return text.lastIndexOf("<", end - 1);
}

/** A start tag from a name and attributes, in the given order. */
export function startTag(qname: string, attrs: ReadonlyArray<readonly [string, string]>, selfClosing = false): string {
  return `<${qname}${attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join("")}${selfClosing ? "/>" : ">"}`;
}

/** The prefix of a qualified name with its colon ("x:" of "x:row"), or "". */
export function prefixOf(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? "" : qname.slice(0, i + 1);
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\r\n\t]/;

export function escapeXml(s: string): string {
  // Line ends and tabs as references: in an attribute a parser would turn them into spaces, and a bare CR is lost.
  // (Hot path: every written cell and link of a copy. Most strings need nothing; the others are escaped in one pass.)
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = "";
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    const e = ESCAPE_AT[s.charCodeAt(i)];
    if (e === undefined) continue;
    out += s.slice(at, i) + e;
    at = i + 1;
  }
  return out + s.slice(at);
}

/**
 * Cell text as OOXML stores it (ST_Xstring): characters XML 1.0 cannot hold become `_xHHHH_`, and an existing
 * `_xHHHH_` in the text is protected by escaping its underscore, so that what Excel shows is exactly `s`.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ENCODING = /[&<>"\r\n\t_\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function encodeCellText(s: string): string {
  if (!NEEDS_ENCODING.test(s)) return s;
  const protectedUnderscores = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  // eslint-disable-next-line no-control-regex
  const safe = protectedUnderscores.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(safe.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
}

/** The reverse of encodeCellText: `_xHHHH_` escapes decoded (hex in either case, as the format allows). */
export function decodeCellText(s: string): string {
  return s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Walk the attributes of one start tag whose extent a conformant parse established (the reader's, with saxes): a
 * start tag that is already known to be well-formed, so its grammar is only name, `=`, a quoted value, repeated.
 * `visit` gets each attribute's offsets (`start` at the whitespace before its name, the value without its quotes);
 * returns where the tag's name ends and the offset just after the last attribute (or after the name).
 */
function walkStartTag(tag: string, visit: (start: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, quote: string) => void): { nameEnd: number; attrsEnd: number } {
  let i = 1;
  while (i < tag.length && !isXmlSpace(tag.charCodeAt(i)) && tag[i] !== "/" && tag[i] !== ">") i++;
  const nameEnd = i;
  let attrsEnd = i;
  for (;;) {
    const start = i;
    while (isXmlSpace(tag.charCodeAt(i))) i++;
    if (i >= tag.length || tag[i] === ">" || tag[i] === "/") break;
    const nameStart = i;
    while (i < tag.length && tag[i] !== "=" && !isXmlSpace(tag.charCodeAt(i))) i++;
    const attrNameEnd = i;
    while (i < tag.length && tag[i] !== "\"" && tag[i] !== "'") i++;
    const quote = tag[i] ?? "\"";
    const valueEnd = tag.indexOf(quote, i + 1);
    if (valueEnd < 0) throw new XmlError(`start tag not well-formed: ${tag.slice(0, 40)}`);
    visit(start, nameStart, attrNameEnd, i + 1, valueEnd, quote);
    i = attrsEnd = valueEnd + 1;
  }
  return { nameEnd, attrsEnd };
}

const NAMED_REFS: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** An attribute value's text with its character and entity references resolved, as a parser reports it. */
function attributeValue(raw: string): string {
  const spaced = raw.replace(/[\t\n\r]/g, " ");
  return spaced.includes("&")
    ? spaced.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (m, ref: string) => (ref.startsWith("#x") ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith("#") ? String.fromCodePoint(Number(ref.slice(1))) : (NAMED_REFS[ref] ?? m)))
    : spaced;
}

/** Name and attributes (values resolved) of a well-formed start tag (see walkStartTag). */
export function readStartTag(tag: string): { qname: string; attrs: Record<string, string> } {
  const attrs: Record<string, string> = {};
  const { nameEnd } = walkStartTag(tag, (_start, nameStart, nameEnd, valueStart, valueEnd) => {
    attrs[tag.slice(nameStart, nameEnd)] = attributeValue(tag.slice(valueStart, valueEnd));
  });
  return { qname: tag.slice(1, nameEnd), attrs };
}

/**
 * A well-formed start tag with some attributes given new values, added (after the last one) or removed (value
 * undefined), every other byte of it as written: the other attributes, their quotes, references and spacing.
 * `selfClosing` turns `<c …/>` into `<c …>` or back; undefined keeps the tag's own ending.
 */
export function editStartTag(tag: string, changes: Readonly<Record<string, string | undefined>>, selfClosing?: boolean): string {
  // One pass over the tag, no object per attribute (hot path: every highlighted cell of a copy).
  const keys = Object.keys(changes);
  if (keys.length > 30) throw new RangeError("editStartTag: at most 30 changes");
  let done = 0; // bit k: keys[k] was met
  let out = "";
  let at = 0;
  const { attrsEnd } = walkStartTag(tag, (start, nameStart, nameEnd, valueStart, valueEnd, quote) => {
    let k = 0;
    while (k < keys.length && !((keys[k] as string).length === nameEnd - nameStart && tag.startsWith(keys[k] as string, nameStart))) k++;
    if (k === keys.length) return;
    done |= 1 << k;
    const value = changes[keys[k] as string];
    if (value === undefined) {
      out += tag.slice(at, start);
      at = valueEnd + 1;
    } else {
      const escaped = quote === "'" ? escapeXml(value).replace(/'/g, "&apos;") : escapeXml(value);
      out += tag.slice(at, valueStart) + escaped;
      at = valueEnd;
    }
  });
  out += tag.slice(at, attrsEnd);
  for (let k = 0; k < keys.length; k++) {
    const v = changes[keys[k] as string];
    if ((done & (1 << k)) === 0 && v !== undefined) out += ` ${keys[k] as string}="${escapeXml(v)}"`;
  }
  const ending = tag.slice(attrsEnd);
  const wasSelfClosing = ending.includes("/");
  if (selfClosing === undefined || selfClosing === wasSelfClosing) return out + ending;
  return out + (selfClosing ? ending.replace(">", "/>") : ending.replace("/", ""));
}
