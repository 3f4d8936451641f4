/**
 * The copy writer edits a written cell's or row's start tag in place (editStartTag): only the attributes that change
 * change; quotes, references, spacing and unknown attributes stay as the producer wrote them.
 */
import { editStartTag, escapeXml, readStartTag, scanXml } from "../../src/host/xlsx/xml";

/** What a conformant parser (saxes) reports for a start tag. */
function parsed(tag: string): { qname: string; attrs: Record<string, string> } {
  let got: { qname: string; attrs: Record<string, string> } | undefined;
  scanXml(tag.endsWith("/>") ? tag : `${tag}</${tag.slice(1).split(/[\s/>]/)[0]}>`, { open: (el) => void (got ??= { qname: el.qname, attrs: { ...el.attrs } }) });
  return got!;
}

describe("start tags read and edited in place", () => {
  const tags = [
    '<c r="D5" s="3" t="s">',
    "<x:c r='D5' s='3' >",
    '<c r="A1"/>',
    '<c\n r="B2"\ts="12"   cm="1" vm="2" />',
    '<row r="7" spans="1:6" ht="15.75" customHeight="1" x14ac:dyDescent="0.25">',
    '<c r="C3" foo="a &amp; b &#x41;&#66; &lt;&gt;&quot;&apos;" bar=\'x"y\'>',
    '<c r="E9" odd="tab\there">',
  ];

  test.each(tags)("readStartTag agrees with saxes on %s", (tag) => {
    expect(readStartTag(tag)).toEqual(parsed(tag));
  });

  test("a changed value is replaced where it stands, in the attribute's own quotes", () => {
    expect(editStartTag("<x:c r='D5' s='3' >", { s: "9" })).toBe("<x:c r='D5' s='9' >");
    expect(editStartTag("<c r='D5' s='3'>", { s: "it's" })).toBe("<c r='D5' s='it&apos;s'>");
    expect(editStartTag('<c r="D5" s="3">', { s: 'a"b<' })).toBe('<c r="D5" s="a&quot;b&lt;">');
  });

  test("removed attributes go with the space before them; added ones follow the last attribute", () => {
    expect(editStartTag('<c\n r="B2"\ts="12"   cm="1" vm="2" />', { s: "4", t: "inlineStr", cm: undefined, vm: undefined }, false)).toBe('<c\n r="B2"\ts="4" t="inlineStr" >');
    expect(editStartTag('<c r="A1"/>', { s: "2" })).toBe('<c r="A1" s="2"/>');
    expect(editStartTag('<c r="A1"/>', { s: undefined })).toBe('<c r="A1"/>');
    expect(editStartTag('<c r="A1" s="5">', { s: undefined })).toBe('<c r="A1">');
  });

  test("unknown attributes, references and spacing are kept byte for byte", () => {
    const tag = '<c r="C3" foo="a &amp; b &#x41;&#66; &lt;&gt;&quot;&apos;" bar=\'x"y\'>';
    const out = editStartTag(tag, { s: "7" });
    expect(out).toBe('<c r="C3" foo="a &amp; b &#x41;&#66; &lt;&gt;&quot;&apos;" bar=\'x"y\' s="7">');
    expect(parsed(out).attrs).toEqual({ ...parsed(tag).attrs, s: "7" });
  });

  test("self-closing turned on and off", () => {
    expect(editStartTag('<row r="3" spans="1:1"/>', { spans: "1:3" }, false)).toBe('<row r="3" spans="1:3">');
    expect(editStartTag('<row r="3" />', {}, false)).toBe('<row r="3" >');
    expect(editStartTag('<c r="A1" s="1">', {}, true)).toBe('<c r="A1" s="1"/>');
    expect(editStartTag('<row r="3">', {}, false)).toBe('<row r="3">');
  });

  test("escapeXml: the five characters and line ends as references, everything else as it was", () => {
    const reference = (x: string): string => x.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
    const every = Array.from({ length: 200 }, (_, c) => String.fromCharCode(c)).join("") + "Điểm ‘x’ 𝔸";
    for (const x of ["", "plain", '"', "&&", 'HYPERLINK("#\'Lớn\'!D5","D5")', "a\r\nb\tc", every, `${every}${every}`]) expect(escapeXml(x)).toBe(reference(x));
  });
});
