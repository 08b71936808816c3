"""JATS XML articles (PubMed Central, publishers, pandoc's JATS writer): the reference list as records.

Every ``<ref>`` is one item. An ``<element-citation>`` (or a ``<mixed-citation>`` whose parts are tagged) is
an exact record: person groups by role, titles, source, date, volume, issue, pages or elocation-id, and
DOI/PMID/PMCID from ``<pub-id>``. A citation given only as text becomes a string for the parser. Sections'
titles and paragraphs become lines with headings, for a reader of the document; the reference list itself is
never searched for in the prose.
"""

from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree as ET

from acuref.model import Source
from acuref.read.containers import local, parse_xml
from acuref.read.documents import XML_ROOT_RE, Document, Record, decode
from acuref.read.markup import Line

WHAT = "JATS XML article"
_TYPES = {"journal": "article-journal", "book": "book", "confproc": "paper-conference", "conf-proc": "paper-conference",
          "thesis": "thesis", "report": "report", "web": "webpage", "webpage": "webpage", "website": "webpage",
          "patent": "patent", "data": "dataset", "dataset": "dataset", "software": "software", "preprint": "article",
          "newspaper": "article-newspaper", "standard": "standard", "other": "document",
          "conference": "paper-conference", "periodical": "article-magazine", "program": "software",
          "computer-program": "software", "dissertation": "thesis", "working-paper": "report"}
_ROLES = {"author": "author", "editor": "editor", "translator": "translator", "compiler": "editor",
          "guest-editor": "editor", "series-editor": "collection-editor"}


def sniff(head: bytes) -> bool:
    """An XML document whose root is ``<article>`` with a JATS/NLM doctype, version or namespace."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    root = XML_ROOT_RE.match(text) if text.startswith("<") else None
    named = (root.group(1) or root.group(2)).lower() if root else ""
    return named == "article" and any(m in text for m in ("JATS", "NLM", "dtd-version", "jats", "xlink"))


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _name(el: ET.Element) -> dict[str, str] | None:
    tag = local(el.tag)
    if tag == "collab":
        return {"literal": _text(el)} if _text(el) else None
    family = _text(el.find("surname"))
    given = _text(el.find("given-names"))
    if not family and not given:
        return {"literal": _text(el)} if tag == "string-name" and _text(el) else None
    out = {"family": " ".join(p for p in (_text(el.find("prefix")), family) if p), "given": given}
    if _text(el.find("suffix")):
        out["suffix"] = _text(el.find("suffix"))
    return out


def _people(cit: ET.Element) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for group in cit.findall("person-group"):
        role = _ROLES.get(group.get("person-group-type") or "author", "author")
        out.setdefault(role, []).extend(n for n in map(_name, group) if n)
    loose = [n for n in (_name(el) for el in cit if local(el.tag) in ("name", "string-name", "collab")) if n]
    if loose:
        out.setdefault("author", []).extend(loose)
    return out


def _first(cit: ET.Element, *tags: str) -> str:
    return next((t for t in (_text(cit.find(tag)) for tag in tags) if t), "")


def item_of(cit: ET.Element) -> dict[str, Any]:
    """A citation element's tagged parts as a CSL-JSON item."""
    kind = cit.get("publication-type") or cit.get("citation-type") or "journal"
    chapter = _first(cit, "chapter-title", "part-title")
    article = _first(cit, "article-title", "data-title")  # data-title: a dataset's or software's own title
    source = _first(cit, "source")
    ctype = "chapter" if kind == "book" and (chapter or article) and source else _TYPES.get(kind, "document")
    title, container = (chapter or article, source) if (chapter or article) else (source, "")
    item: dict[str, Any] = {"type": ctype, **_people(cit), "title": title, "container-title": container,
                            "volume": _first(cit, "volume"), "issue": _first(cit, "issue"),
                            "edition": _first(cit, "edition"), "publisher": _first(cit, "publisher-name"),
                            "publisher-place": _first(cit, "publisher-loc"), "ISBN": _first(cit, "isbn"),
                            "ISSN": _first(cit, "issn"), "collection-title": _first(cit, "series"),
                            "version": _first(cit, "version")}
    first, last, eloc = _first(cit, "fpage"), _first(cit, "lpage"), _first(cit, "elocation-id")
    item["page"] = f"{first}-{last}" if first and last and last != first else first or _first(cit, "page-range")
    item["number"] = eloc
    for pub in cit.findall("pub-id"):
        key = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}.get((pub.get("pub-id-type") or "").lower())
        if key and _text(pub):
            item[key] = _text(pub)
    link = cit.find("ext-link")
    uri = _first(cit, "uri") or (link.get("{http://www.w3.org/1999/xlink}href") or _text(link) if link is not None else "")
    if uri:
        doi = re.match(r"https?://(?:dx\.)?doi\.org/(10\.\S+)", uri)
        item["DOI" if doi and "DOI" not in item else "URL"] = doi.group(1) if doi and "DOI" not in item else uri
    year = re.search(r"\d{4}", _first(cit, "year") or _text(cit.find("date")))
    if year:
        month = _first(cit, "month")
        parts = [int(year.group())] + ([int(month)] if month.isdigit() and 1 <= int(month) <= 12 else [])
        item["issued"] = {"date-parts": [parts]}
    return {k: v for k, v in item.items() if v}


def _tagged(cit: ET.Element) -> bool:
    """A citation with its parts tagged: names (or a collaboration) and a title or source."""
    has = {local(el.tag) for el in cit.iter()}
    return bool(has & {"person-group", "name", "string-name", "collab"}) and bool(
        has & {"article-title", "source", "chapter-title"})


def _lines(root: ET.Element) -> list[Line]:
    lines: list[Line] = []
    title = root.find(".//title-group/article-title")
    if title is not None:
        lines.append(Line(1, _text(title), 1))

    def walk(el: ET.Element, depth: int) -> None:
        for child in el:
            tag = local(child.tag)
            if tag in ("sec", "ack", "app", "ref-list", "abstract", "fn-group", "glossary"):
                walk(child, depth + 1)
            elif tag == "title":
                lines.append(Line(len(lines) + 1, _text(child), min(depth + 1, 6)))
            elif tag == "p":
                lines.append(Line(len(lines) + 1, _text(child)))
            elif tag in ("body", "back", "front", "article-meta", "fn", "list", "list-item", "boxed-text"):
                walk(child, depth)

    walk(root, 0)
    return [line for line in lines if line.text]


def load(data: bytes, name: str) -> Document:
    """A JATS article: its prose as lines, each ``<ref>`` as a record (tagged) or a string (text only)."""
    text, encoding, notes = decode(data, name)
    root = parse_xml(re.sub(r"\A\s*<\?xml[^>]*\?>", "", text), name, WHAT)
    for el in root.iter():
        el.tag = local(el.tag)  # a publisher's default namespace must not hide the tags
    records: list[Record] = []
    strings: list[Source] = []
    for index, ref in enumerate(root.iter("ref"), start=1):
        ident = ref.get("id")
        pos = text.find(f'id="{ident}"') if ident else -1
        line = text.count("\n", 0, pos) + 1 if pos >= 0 else index
        cites = [el for el in ref.iter() if el.tag in ("element-citation", "mixed-citation", "citation", "nlm-citation")]
        best = next((c for c in cites if local(c.tag) == "element-citation"), None) or next(
            (c for c in cites if _tagged(c)), None)
        if best is not None:
            records.append(Record(json.dumps(item_of(best), ensure_ascii=False), "jats", ident, line))
        elif cites or _text(ref):
            raw = _text(cites[0]) if cites else _text(ref)
            strings.append(Source(raw, line, line, _text(ref.find("label")) or None, "list", name))
    return Document(name, tuple(_lines(root)), encoding, "jats", notes, records=tuple(records),
                    strings=tuple(strings), extract=False)
