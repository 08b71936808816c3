"""Citation fields that reference managers leave in Word and LibreOffice files, read as exact records.

Zotero (``ADDIN ZOTERO_ITEM CSL_CITATION {…}`` in Word, a reference mark ``ZOTERO_ITEM CSL_CITATION {…}`` in
LibreOffice) and Mendeley (``ADDIN CSL_CITATION {…}``) keep each cited item's CSL-JSON; EndNote keeps its XML
record (``ADDIN EN.CITE <EndNote>…``, or base64 in the field's data when long); Citavi keeps base64 JSON
(``ADDIN CitaviPlaceholder{…}``). Each item becomes one :class:`Record`, once per document: citations of the
same item are recognised by the manager's id and by their content.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from acuref import jsontext
from acuref.errors import InputError
from acuref.normalize.text import letters_key
from acuref.read.containers import parse_xml
from acuref.read.record import Record

_B64_RE = re.compile(r"[A-Za-z0-9+/=\s]{16,}")


def records(instructions: list[tuple[str, int]], name: str) -> tuple[list[Record], list[str]]:
    """The records in a document's field instructions (each with its line), deduplicated; notes on bad ones."""
    found: list[Record] = []
    notes: list[str] = []
    for instr, line in instructions:
        try:
            found.extend(_field(instr, line, name))
        except (ValueError, jsontext.JSONError, binascii.Error, UnicodeDecodeError, InputError) as err:
            notes.append(f"{name}: a citation field near line {line} could not be read ({str(err)[:80]}); its "
                         "citation is left to the typed bibliography")
    return dedupe(found), notes


def dedupe(found: list[Record]) -> list[Record]:
    """Each item once: by its manager's id, then by its content (title and year)."""
    out, ids, contents = [], set(), set()
    for rec in found:
        item = json.loads(rec.csl)
        content = (letters_key(str(item.get("title") or "")), json.dumps(item.get("issued")))
        key = (rec.manager, rec.id) if rec.id else None
        if (key and key in ids) or (content[0] and content in contents):
            continue
        if key:
            ids.add(key)
        if content[0]:
            contents.add(content)
        out.append(rec)
    return out


def _field(instr: str, line: int, name: str) -> list[Record]:
    text = instr.strip()
    if "CSL_CITATION" in text and "{" in text:
        return _csl(text, line)
    if "<EndNote" in text:
        return _endnote(text[text.index("<EndNote"):text.rindex(">") + 1], line, name)
    if text.startswith("ADDIN EN.CITE") and _B64_RE.fullmatch(text[len("ADDIN EN.CITE"):].strip() or "x"):
        return _endnote(_unicode(_b64(text[len("ADDIN EN.CITE"):])), line, name)
    if "CitaviPlaceholder" in text:
        blob = _B64_RE.search(text, text.index("CitaviPlaceholder") + len("CitaviPlaceholder"))
        if blob:
            return _citavi(_b64(blob.group()), line)
    return []


_BREF_RE = re.compile(r"^(ZOTERO_BREF_.+)_(\d+)$")


def bookmarked(properties: list[tuple[str, str]], lines: dict[str, int]) -> list[tuple[str, int]]:
    """Zotero's citations stored as bookmarks: the data is in document properties ``ZOTERO_BREF_<id>_<n>``
    (255 characters each, joined in order), placed at the line of the bookmark of that name (1 if none)."""
    pieces: dict[str, dict[int, str]] = {}
    for name, value in properties:
        m = _BREF_RE.match(name)
        if m:
            pieces.setdefault(m.group(1), {})[int(m.group(2))] = value
    joined = [("".join(v for _, v in sorted(parts.items())), lines.get(name, 1)) for name, parts in pieces.items()]
    return [(code if code.startswith("ZOTERO") else f"ZOTERO_{code}", line) for code, line in joined]


MENDELEY_TAG = "MENDELEY_CITATION_v3_"


def mendeley_tag(tag: str) -> str:
    """A Mendeley Cite content control's tag as the field instruction it stands for (its JSON is base64)."""
    blob = tag[len(MENDELEY_TAG):].replace("-", "+").replace("_", "/")  # the URL-safe alphabet, too
    try:
        return "ADDIN MENDELEY CSL_CITATION " + _b64(blob).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return "ADDIN MENDELEY CSL_CITATION {"  # unreadable: said in a note, as any broken field


def _unicode(data: bytes) -> str:
    """Field data as text: UTF-16 when it has a byte-order mark or NULs between letters, else UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[1:2] == b"\x00":
        return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le", "replace")
    return data.decode("utf-8-sig", "replace")


def _b64(text: str) -> bytes:
    clean = re.sub(r"\s", "", text).rstrip("=")
    return base64.b64decode(clean + "=" * (-len(clean) % 4))


def is_citation(instr: str) -> bool:
    """Whether a field instruction is one of a reference manager's citations."""
    return any(m in instr for m in ("CSL_CITATION", "EN.CITE", "CitaviPlaceholder")) or instr.split()[:1] == ["CITATION"]


# -------------------------------------------------------------------------------------------- CSL (Zotero, Mendeley)

def _csl(text: str, line: int) -> list[Record]:
    data = jsontext.loads(text[text.index("{"):text.rindex("}") + 1])
    if not isinstance(data, dict):
        raise ValueError("not a CSL citation object")
    manager = "zotero" if "ZOTERO" in text.upper().split("CSL_CITATION")[0] else "mendeley" if (
        "mendeley" in data or "MENDELEY" in text.upper()) else "csl"
    out = []
    for cited in data.get("citationItems") or []:
        if not isinstance(cited, dict) or not isinstance(cited.get("itemData"), dict):
            continue
        uris = cited.get("uris") or cited.get("uri") or []
        uris = [uris] if isinstance(uris, str) else [str(u) for u in uris if u]
        if manager == "csl" and any("zotero.org" in u for u in uris):
            manager = "zotero"
        if manager == "csl" and any("mendeley" in u for u in uris):
            manager = "mendeley"
        ident = uris[0] if uris else (str(cited["id"]) if cited.get("id") is not None else None)
        out.append(Record(json.dumps(cited["itemData"], ensure_ascii=False), manager, ident, line))
    return [Record(r.csl, manager, r.id, r.line) for r in out]


# -------------------------------------------------------------------------------------------- EndNote

_EN_TYPES = {"journal article": "article-journal", "electronic article": "article-journal", "book": "book",
             "edited book": "book", "book section": "chapter", "conference proceedings": "paper-conference",
             "conference paper": "paper-conference", "thesis": "thesis", "report": "report",
             "government document": "report", "web page": "webpage", "newspaper article": "article-newspaper",
             "magazine article": "article-magazine", "dataset": "dataset", "patent": "patent",
             "computer program": "software", "generic": "document"}


def _endnote(xml: str, line: int, name: str) -> list[Record]:
    root = parse_xml(xml, name, "EndNote citation field")
    out = []
    for rec in root.iter("record"):
        item = _endnote_item(rec)
        db = rec.find("foreign-keys/key")
        num = _t(rec, "rec-number")
        ident = f"{db.get('db-id') or ''}:{num}" if db is not None and num else num
        out.append(Record(json.dumps(item, ensure_ascii=False), "endnote", ident, line))
    return out


def _t(rec: Any, path: str) -> str | None:
    el = rec.find(path)
    text = " ".join("".join(el.itertext()).split()) if el is not None else ""
    return text or None


def _en_name(text: str) -> dict[str, str]:
    if text.endswith(",") or "," not in text:
        return {"literal": text.rstrip(",")}
    family, given = (p.strip() for p in text.split(",", 1))
    return {"family": family, "given": given}


def _endnote_item(rec: Any) -> dict[str, Any]:
    kind = rec.find("ref-type")
    ctype = _EN_TYPES.get((kind.get("name") or "").lower(), "document") if kind is not None else "document"
    item: dict[str, Any] = {"type": ctype}
    for role, path in (("author", "contributors/authors/author"), ("editor", "contributors/secondary-authors/author")):
        names = [" ".join("".join(a.itertext()).split()) for a in rec.findall(path)]
        if any(names):
            item[role] = [_en_name(n) for n in names if n]
    container = _t(rec, "periodical/full-title") or _t(rec, "titles/secondary-title")
    for key, value in (("title", _t(rec, "titles/title")), ("container-title", container),
                       ("container-title-short", _t(rec, "periodical/abbr-1")), ("volume", _t(rec, "volume")),
                       ("issue", _t(rec, "number")), ("page", _t(rec, "pages")), ("edition", _t(rec, "edition")),
                       ("publisher", _t(rec, "publisher")), ("publisher-place", _t(rec, "pub-location")),
                       ("DOI", _t(rec, "electronic-resource-num")), ("URL", _t(rec, "urls/related-urls/url")),
                       ("ISBN" if ctype in ("book", "chapter") else "ISSN", _t(rec, "isbn")),
                       ("language", _t(rec, "language"))):
        if value:
            item[key] = value
    if item.get("DOI"):
        item["DOI"] = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", item["DOI"], flags=re.I)
    year = re.search(r"\d{4}", _t(rec, "dates/year") or "")
    if year:
        item["issued"] = {"date-parts": [[int(year.group())]]}
    accession = _t(rec, "accession-num") or ""
    if re.fullmatch(r"\d{5,9}", accession) and "pubmed" in (_t(rec, "remote-database-provider") or "pubmed").lower():
        item["PMID"] = accession
    return item


# -------------------------------------------------------------------------------------------- Citavi

_CITAVI_TYPES = {"journalarticle": "article-journal", "book": "book", "bookedited": "book",
                 "contribution": "chapter", "conferenceproceedings": "book", "thesis": "thesis",
                 "internetdocument": "webpage", "newspaperarticle": "article-newspaper", "unpublishedwork": "manuscript",
                 "report": "report", "standard": "standard", "patent": "patent", "software": "software"}


def _resolved(node: Any, ids: dict[str, Any], depth: int = 0) -> Any:
    """Citavi's JSON shares objects by ``$ref`` to an earlier ``$id``: follow them (to a bounded depth)."""
    if depth > 30:
        return None
    if isinstance(node, dict):
        if "$ref" in node and len(node) == 1:
            return _resolved(ids.get(str(node["$ref"])), ids, depth + 1)
        return {k: _resolved(v, ids, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolved(v, ids, depth + 1) for v in node]
    return node


def _collect_ids(node: Any, ids: dict[str, Any]) -> None:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            if "$id" in cur:
                ids.setdefault(str(cur["$id"]), cur)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)


def _citavi(blob: bytes, line: int) -> list[Record]:
    data = jsontext.loads(blob.decode("utf-8-sig"))
    ids: dict[str, Any] = {}
    _collect_ids(data, ids)
    out = []
    for entry in (data.get("Entries") or []) if isinstance(data, dict) else []:
        ref = _resolved(entry.get("Reference"), ids) if isinstance(entry, dict) else None
        if isinstance(ref, dict):
            out.append(Record(json.dumps(_citavi_item(ref), ensure_ascii=False), "citavi", ref.get("Id"), line))
    return out


def _citavi_people(people: Any) -> list[dict[str, str]]:
    out = []
    for p in people if isinstance(people, list) else []:
        if isinstance(p, dict) and (p.get("LastName") or p.get("FirstName")):
            given = " ".join(str(p[k]) for k in ("FirstName", "MiddleName") if p.get(k))
            family = " ".join(str(p[k]) for k in ("Prefix", "LastName") if p.get(k))
            out.append({"family": family, "given": given} if given else {"literal": family})
    return out


def _pages(value: Any) -> str | None:
    text = str(value or "")
    ends = re.findall(r"<os>(.*?)</os>", text) or re.findall(r"<n>(.*?)</n>", text)
    if ends:
        return "-".join(dict.fromkeys(e.strip() for e in ends if e.strip())) or None
    return text.strip() or None


def _citavi_item(ref: dict[str, Any]) -> dict[str, Any]:
    ctype = _CITAVI_TYPES.get(str(ref.get("ReferenceType") or "").lower(), "document")
    parent = ref.get("ParentReference") if isinstance(ref.get("ParentReference"), dict) else {}
    periodical = ref.get("Periodical") if isinstance(ref.get("Periodical"), dict) else {}
    publishers = ref.get("Publishers") or parent.get("Publishers") or []
    title = " ".join(str(ref[k]) for k in ("Title",) if ref.get(k))
    if ref.get("Subtitle"):
        title = f"{title}: {ref['Subtitle']}"
    item: dict[str, Any] = {"type": ctype, "title": title or None,
                            "author": _citavi_people(ref.get("Authors")) or None,
                            "editor": _citavi_people(ref.get("Editors") or parent.get("Editors")) or None,
                            "container-title": periodical.get("Name") or parent.get("Title"),
                            "container-title-short": periodical.get("StandardAbbreviation"),
                            "volume": ref.get("Volume"), "issue": ref.get("Number"), "page": _pages(ref.get("PageRange")),
                            "edition": ref.get("Edition"), "DOI": ref.get("Doi"), "PMID": ref.get("PubMedId"),
                            "PMCID": ref.get("PmcId"), "ISBN": ref.get("Isbn") or parent.get("Isbn"),
                            "ISSN": periodical.get("Issn"), "URL": ref.get("OnlineAddress"),
                            "publisher": ", ".join(str(p.get("Name")) for p in publishers if isinstance(p, dict)
                                                   and p.get("Name")) or None,
                            "publisher-place": ref.get("PlaceOfPublication") or parent.get("PlaceOfPublication"),
                            "language": ref.get("Language")}
    year = re.search(r"\d{4}", str(ref.get("Year") or ref.get("YearResolved") or parent.get("Year") or ""))
    if year:
        item["issued"] = {"date-parts": [[int(year.group())]]}
    return {k: v for k, v in item.items() if v}


# -------------------------------------------------------------------------------------------- LibreOffice's own

_LO_TYPES = {"article": "article-journal", "book": "book", "booklet": "pamphlet", "inbook": "chapter",
             "incollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
             "proceedings": "book", "mastersthesis": "thesis", "phdthesis": "thesis", "techreport": "report",
             "manual": "report", "unpublished": "manuscript", "www": "webpage", "journal": "article-journal"}
_LO_FIELDS = (("title", "title"), ("journal", "container-title"), ("booktitle", "container-title"),
              ("volume", "volume"), ("number", "issue"), ("pages", "page"), ("edition", "edition"),
              ("publisher", "publisher"), ("address", "publisher-place"), ("url", "URL"), ("isbn", "ISBN"),
              ("series", "collection-title"), ("institution", "publisher"), ("school", "publisher"))


def libreoffice_mark(attributes: dict[str, str], line: int) -> Record:
    """A LibreOffice bibliography mark (its own bibliography database): the entry's fields as attributes."""
    kind = attributes.get("bibliography-type", "")
    item: dict[str, Any] = {"type": _LO_TYPES.get(kind, "document")}
    for role, key in (("author", "author"), ("editor", "editor")):
        names = [n.strip() for n in re.split(r";| and ", attributes.get(key, "")) if n.strip()]
        if names:
            item[role] = [_en_name(n) for n in names]
    for attr, key in _LO_FIELDS:
        if attributes.get(attr) and key not in item:
            item[key] = attributes[attr]
    year = re.search(r"\d{4}", attributes.get("year", ""))
    if year:
        item["issued"] = {"date-parts": [[int(year.group())]]}
    return Record(json.dumps(item, ensure_ascii=False), "libreoffice", attributes.get("identifier"), line)


# -------------------------------------------------------------------------------------------- Word's own sources

B = "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}"
_WORD_TYPES = {"journalarticle": "article-journal", "articleinaperiodical": "article-magazine", "book": "book",
               "booksection": "chapter", "conferenceproceedings": "paper-conference", "report": "report",
               "internetsite": "webpage", "documentfromsinternetsite": "webpage", "electronicsource": "webpage",
               "patent": "patent", "case": "legal_case", "film": "motion_picture", "interview": "interview"}
_WORD_FIELDS = (("Title", "title"), ("JournalName", "container-title"), ("PeriodicalTitle", "container-title"),
                ("BookTitle", "container-title"), ("ConferenceName", "container-title"), ("Volume", "volume"),
                ("Issue", "issue"), ("Pages", "page"), ("Edition", "edition"), ("Publisher", "publisher"),
                ("City", "publisher-place"), ("DOI", "DOI"), ("URL", "URL"), ("StandardNumber", "ISBN"),
                ("Institution", "publisher"))


def word_sources(root: Any, cited: dict[str, int]) -> list[Record]:
    """Word's own citations: a ``CITATION Tag`` field names a source of the document's ``b:Sources`` part;
    each cited source once, in citation order, from its fields."""
    sources = {(el.findtext(B + "Tag") or "").strip(): el for el in root.iter(B + "Source")}
    return [Record(json.dumps(_word_item(sources[tag]), ensure_ascii=False), "word", tag, line)
            for tag, line in cited.items() if tag in sources]


def _word_people(el: Any) -> list[dict[str, str]]:
    out = []
    for person in el.iter(B + "Person") if el is not None else ():
        given = " ".join(t for t in (person.findtext(B + "First"), person.findtext(B + "Middle")) if t)
        out.append({"family": person.findtext(B + "Last") or "", "given": given})
    corporate = el.findtext(f"{B}Corporate") if el is not None else None
    return out + ([{"literal": corporate}] if corporate else [])


def _word_item(src: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"type": _WORD_TYPES.get((src.findtext(B + "SourceType") or "").lower(), "document")}
    for role, path in (("author", f"{B}Author/{B}Author"), ("editor", f"{B}Author/{B}Editor")):
        people = _word_people(src.find(path))
        if people:
            item[role] = people
    for tag, key in _WORD_FIELDS:
        value = " ".join((src.findtext(B + tag) or "").split())
        if value and key not in item:
            item[key] = value
    year = re.search(r"\d{4}", src.findtext(B + "Year") or "")
    if year:
        item["issued"] = {"date-parts": [[int(year.group())]]}
    return item


def word_citation_tags(instructions: list[tuple[str, int]]) -> dict[str, int]:
    """The source tags ``CITATION`` fields name (``CITATION Smi01 \\l 1033 \\m Jon02``), first line each."""
    tags: dict[str, int] = {}
    for instr, line in instructions:
        words = instr.split()
        if words[:1] == ["CITATION"]:
            for i, word in enumerate(words):
                if i == 1 or (i > 1 and words[i - 1] == "\\m"):
                    tags.setdefault(word, line)
    return tags
