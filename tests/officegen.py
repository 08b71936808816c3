"""Word and OpenDocument files written by the tests themselves: ZIP archives of the XML each format needs."""

from __future__ import annotations

import io
import json
import zipfile
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def field(instruction: str, shown: str) -> str:
    """A complex field (as reference managers write theirs): instruction in pieces, then its visible result."""
    half = len(instruction) // 2
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{escape(instruction[:half])}</w:instrText></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{escape(instruction[half:])}</w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def para(*parts: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "") + "</w:pPr>"
    body = "".join(p if p.startswith("<") else run(p) for p in parts)
    return f"<w:p>{ppr}{body}</w:p>"


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


_STYLES = (f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/>'
           '</w:style><w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style></w:styles>')
_NUMBERING = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
              '<w:numFmt w:val="decimal"/><w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
              '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/>'
              '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
              '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def docx(blocks: list[str], footnotes: list[str] = (), parts: dict[str, str] | None = None) -> bytes:
    """A .docx whose body holds ``blocks`` (from :func:`para`, :func:`table`), the given footnotes and any
    further ``parts`` (member name → XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                         f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(blocks)}</w:body></w:document>')
        zf.writestr("word/styles.xml", _STYLES)
        zf.writestr("word/numbering.xml", _NUMBERING)
        for member, xml in (parts or {}).items():
            zf.writestr(member, xml)
        if footnotes:
            notes = '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>' + "".join(
                f'<w:footnote w:id="{i}">{para(text)}</w:footnote>' for i, text in enumerate(footnotes, start=1))
            zf.writestr("word/footnotes.xml", f'<w:footnotes xmlns:w="{W_NS}">{notes}</w:footnotes>')
    return out.getvalue()


def zotero(items: list[dict], uris: list[str], manager: str = "ZOTERO_ITEM ") -> str:
    """A Zotero (or, with ``manager=""``, Mendeley) citation field's instruction."""
    cited = [{"id": i, "uris": [u], "itemData": item} for i, (item, u) in enumerate(zip(items, uris))]
    return f"ADDIN {manager}CSL_CITATION " + json.dumps({"citationID": "x1", "citationItems": cited,
                                                         "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"})


ODF = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0", "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0", "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0"}


def odt(body: str) -> bytes:
    """An .odt whose office:text holds ``body`` (ODF XML using the text:, table: and style: prefixes)."""
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in ODF.items())
    styles = ('<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
              'style:num-suffix="." style:num-format="1"/></text:list-style></office:automatic-styles>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>{styles}'
                                   f'<office:body><office:text>{body}</office:text></office:body></office:document-content>')
    return out.getvalue()


def mark(instruction: str) -> str:
    """A LibreOffice reference mark named by a citation field (Zotero's form in .odt)."""
    return f"<text:reference-mark-start text:name={quoteattr(instruction)}/>"


def zotero_bookmarked(instruction: str, name: str = "ZOTERO_BREF_q1w2e3r4t5") -> tuple[str, str]:
    """Zotero's bookmark form: a bookmark in the text, the field code in 255-character document properties."""
    chunks = [instruction[i:i + 255] for i in range(0, len(instruction), 255)]
    props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{name}_{i + 1}">'
                    f"<vt:lpwstr>{escape(c)}</vt:lpwstr></property>" for i, c in enumerate(chunks))
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>')
    return f'<w:bookmarkStart w:id="0" w:name="{name}"/>', custom


def content_control(tag: str, shown: str) -> str:
    """A content control (w:sdt) with a tag, as Mendeley Cite writes its citations."""
    return f'<w:sdt><w:sdtPr><w:tag w:val={quoteattr(tag)}/></w:sdtPr><w:sdtContent>{run(shown)}</w:sdtContent></w:sdt>'


def field_with_data(instruction: str, data: str, shown: str) -> str:
    """A complex field whose begin mark carries base64 data (EndNote's long citations)."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{data}</w:fldData></w:fldChar></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')
