"""RIS: a mapping table from the model to tags, and a tolerant reader for .ris files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from acuref.formats import markers
from acuref.formats.csl import ZOTERO_LACKS
from acuref.formats.registry import Format, WriteOptions
from acuref.model import Date, Entry, Name, Origin, Reference, Source, Warning_
from acuref.normalize.pages import is_range, normalize_pages

# CSL type → RIS type, as Zotero's RIS import (translators/RIS.js, 2023) reads them. It reads GEN and UNPB as
# journal articles, so neither is written where a closer type exists. It has no type for a standard (STAND is a
# Report, with its number, publisher and place) or a preprint (a Manuscript of type Preprint, the arXiv id in Extra).
RIS_TYPES = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
    "chapter": "CHAP", "paper-conference": "CPAPER", "report": "RPRT", "thesis": "THES", "webpage": "ELEC",
    "dataset": "DATA", "manuscript": "MANSCPT", "review": "JOUR", "article": "MANSCPT", "software": "COMP",
    "standard": "STAND", "post-weblog": "BLOG", "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT",
    "patent": "PAT", "map": "MAP", "legal_case": "CASE", "bill": "BILL", "speech": "SLIDE", "graphic": "ART",
    "motion_picture": "MPCT", "song": "SOUND", "personal_communication": "PCOMM", "pamphlet": "PAMP",
    "periodical": "JFULL", "legislation": "STAT", "hearing": "HEAR", "interview": "PCOMM",
}
CSL_TYPES = {v: k for k, v in RIS_TYPES.items() if k not in ("review", "article", "interview")}
CSL_TYPES.update({"CONF": "paper-conference", "ABST": "article-journal", "EJOUR": "article-journal",
                  "EBOOK": "book", "ECHAP": "chapter", "GEN": "document", "JFULL": "article-journal",
                  "UNPB": "manuscript", "INPR": "article-journal", "WEB": "webpage", "DBASE": "dataset"})
_PREPRINT = "Preprint"  # the Manuscript Type a preprint gets in RIS (the reader maps it back)
_TAG_RE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")


def _name(n: Name) -> str:
    if n.literal:
        return n.literal
    out = n.family
    if n.given:
        out += ", " + n.given
    if n.suffix:
        out += ", " + n.suffix
    return out


def record(entry: Entry) -> list[tuple[str, str]]:
    ref = markers.repository_once(entry.ref)
    tags: list[tuple[str, str]] = [("TY", RIS_TYPES.get(ref.type, "GEN")), ("ID", entry.id)]
    tags += [("AU", _name(n)) for n in ref.author]
    tags += [("A2" if ref.type == "chapter" else "ED", _name(n)) for n in ref.editor]
    title = ref.title or (ref.sources[0].raw if not ref.parsed and ref.sources else None)
    if title:
        tags.append(("TI", title))
    if ref.container_title:
        # Zotero's RIS import: T2 is a conference paper's conference name, C3 its proceedings title.
        tags.append(("C3" if ref.type == "paper-conference" else "T2", ref.container_title))
    if ref.container_title_short:
        tags.append(("J2", ref.container_title_short))
    if ref.collection_title:
        # Zotero: T3 is the series of a book, chapter or conference paper; a report's series title is its T2
        own = ref.type in ("report", "standard", "software") and not ref.container_title
        tags.append(("T2" if own else "T3", ref.collection_title))
    if ref.collection_number and ref.type in ("book", "chapter"):
        tags.append(("M1" if ref.type == "book" else "SV", ref.collection_number))  # Zotero's Series Number
    if ref.issued:
        tags.append(("PY", str(ref.issued.year)))
        m, d = ref.issued.month, ref.issued.day
        tags.append(("DA", f"{ref.issued.year}/{m:02d}/{d:02d}/" if m and d else f"{ref.issued.year}/{m:02d}//" if m
                     else f"{ref.issued.year}///"))
    if ref.accessed:  # Zotero's RIS import: Y2 is the access date
        tags.append(("Y2", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.accessed.parts())) + "/"))
    for tag, value in (("VL", ref.volume), ("IS", ref.issue)):
        if value:
            tags.append((tag, value))
    if ref.page:
        first, _, last = ref.page.partition("-")
        tags.append(("SP", first))
        if last:
            tags.append(("EP", last))
    tags += _numbers(ref)
    for tag, value in _imprint(ref):
        if value:
            tags.append((tag, value))
    if ref.PMID:
        # M2 is Zotero's Extra, where it reads "PMID: …"; AN (accession number) would land in Loc. in Archive.
        tags.append(("M2", f"PMID: {ref.PMID}"))
    if ref.PMCID:
        # PubMed's and EndNote's RIS put the PMCID in C2, which Zotero does not read for articles; a second M2 line
        # is a second line of Zotero's Extra
        tags.append(("C2", ref.PMCID))
        tags.append(("M2", f"PMCID: {ref.PMCID}"))
    tags = _lacking_to_extra(tags, ref.type)
    tags += [("N1", line) for line in markers.notes(ref)]
    tags += [("KW", tag) for tag in markers.tags(ref)]
    tags.append(("ER", ""))
    return tags


# Tags whose value Zotero drops when the item type has no field for it, by the CSL variable they carry
_TAG_VARIABLES = {"PB": "publisher", "CY": "publisher-place", "C1": "publisher-place", "VL": "volume", "IS": "issue",
                  "M3": "genre"}
_ZOTERO_KIND = {"article": "manuscript", "standard": "report"}  # the type RIS.js makes of them
# CSL types whose RIS type has a "Type" field that RIS.js reads from M3 (thesis, report, manuscript, web page …)
_M3_TYPES = frozenset({"thesis", "report", "standard", "manuscript", "article", "webpage", "post-weblog", "map",
                       "personal_communication", "interview", "speech", "graphic"})
_EDITED = frozenset({"CHAP", "BOOK", "EDBOOK", "CPAPER", "CONF"})  # record types whose ED/A2/A3 are editors
_EXTRA_TAGS = {"publisher": "PB", "publisher-place": "CY", "volume": "VL", "issue": "IS", "genre": "M3",
               "ISBN": "_ISBN", "ISSN": "_ISSN"}


def _isbn(sn: str | None) -> str | None:
    digits = re.sub(r"[\s-]", "", sn or "")
    return sn if digits[:-1].isdigit() and (digits[-1:].isdigit() or digits[-1:] in "Xx") and len(digits) in (10, 13) \
        else None


def _lacking_to_extra(tags: list[tuple[str, str]], ctype: str) -> list[tuple[str, str]]:
    """A value the Zotero type has no field for (a web page's publisher …) as an M2 line ``variable: value``,
    which Zotero keeps in Extra, instead of a tag it would drop."""
    kind = _ZOTERO_KIND.get(ctype) or (ctype if ctype in RIS_TYPES else "article-journal")  # GEN: Journal Article
    lacks = ZOTERO_LACKS.get(kind, "").split()
    return [("M2", f"{_TAG_VARIABLES[t]}: {v}") if _TAG_VARIABLES.get(t) in lacks else (t, v) for t, v in tags]


def _numbers(ref: Reference) -> list[tuple[str, str]]:
    """An article number (SP, which Zotero keeps as pages, and C7, EndNote's tag), or an arXiv id as Zotero's Extra
    line ``arXiv: …`` (its RIS import reads no tag as a preprint's archive id)."""
    if not ref.number or ref.type in ("report", "standard"):
        return []
    if ref.number.startswith("arXiv:"):
        return [("M2", "arXiv: " + ref.number.removeprefix("arXiv:"))]
    return ([] if ref.page else [("SP", ref.number)]) + [("C7", ref.number)]


def _imprint(ref: Reference) -> list[tuple[str, str | None]]:
    """Edition or version, publisher, place, kind, identifiers, language: each in the tag Zotero reads for the type."""
    numbered = ref.type in ("report", "standard")
    serial = ref.number if numbered else ref.ISBN or ref.ISSN  # SN is a report's number in Zotero and EndNote
    place = "C1" if ref.type == "paper-conference" else "CY"  # Zotero reads a conference paper's place from C1
    version = ref.version if ref.type in ("software", "dataset") else None  # ET is their Version in Zotero
    publisher = ref.publisher
    genre = ref.genre or (_PREPRINT if ref.type == "article" else None)  # M3: Thesis/Report/Manuscript Type
    # a report's SN is its number: its ISBN or ISSN (which a Zotero Report has no field for) goes to Extra
    extra = [("M2", f"{key}: {value}") for key, value in (("ISBN", ref.ISBN), ("ISSN", ref.ISSN))
             if numbered and value]
    if ref.type == "article" and publisher:
        # a Manuscript has no publisher: an arXiv line names the repository, else Extra's CSL line does
        if not (publisher == "arXiv" and (ref.number or "").startswith("arXiv:")):
            extra.append(("M2", f"publisher: {publisher}"))
        publisher = None
    if genre and ref.type not in _M3_TYPES:
        # RIS.js reads M3 of any other type as its DOI: the kind goes to Extra instead
        extra.append(("M2", f"genre: {genre}"))
        genre = None
    return [("ET", version or ref.edition), ("PB", publisher), (place, ref.publisher_place), ("M3", genre),
            ("DO", ref.DOI), ("SN", serial), ("UR", ref.URL), ("LA", ref.language), *extra]


def _clean(value: str) -> str:
    return re.sub(r"[\r\n]+", " ", value).strip()


def dumps(entries: Iterable[Entry]) -> str:
    """RIS records; one read from a RIS library comes back with every tag it had, plus added ones."""
    lines = []
    for e in entries:
        origin = e.ref.origin
        if origin is not None and origin.format == "ris":
            lines += _written_back(origin, record(e))
        else:
            for tag, value in record(e):
                lines.append(f"{tag}  - {_clean(value)}".rstrip() if tag == "ER" else f"{tag}  - {_clean(value)}")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


_NOT_GIVEN_RE = re.compile(r"[&()/]|\b(?:and|of|for|the|Ltd|Inc|Co|GmbH|BV)\b")


def _parse_name(value: str) -> Name:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) > 1 and _NOT_GIVEN_RE.search(",".join(parts[1:])):
        return Name(literal=value.strip())  # an organisation whose name holds a comma
    if len(parts) == 1:
        return Name(literal=parts[0]) if " " in parts[0] else Name(family=parts[0])
    if len(parts) >= 3:
        return Name(family=parts[0], given=parts[1], suffix=", ".join(parts[2:]))
    return Name(family=parts[0], given=parts[1])


def _date(py: str | None, da: str | None) -> Date | None:
    for value in (da, py):
        if value:
            m = re.match(r"(\d{4})(?:[/-](\d{1,2})?)?(?:[/-](\d{1,2})?)?", value.strip())
            if m:
                month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
                day = int(m.group(3)) if m.group(3) and month and 1 <= int(m.group(3)) <= 31 else None
                return Date(int(m.group(1)), month, day)
    return None


def _pmid(get) -> str | None:  # noqa: ANN001 - dict.get of the record's first values
    """``M2 - PMID: …`` (how acuref and Zotero write it), or PubMed's ``AN`` with ``DB - PubMed``."""
    m = re.search(r"\bPMID:\s*(\d{1,9})", get("M2") or "")
    if m:
        return m.group(1)
    return get("AN") if (get("DB") or "").lower() == "pubmed" else None


def _to_reference(tags: list[tuple[str, str]], file: str | None, line: int, raw: str) -> Reference:
    first: dict[str, str] = {}
    for tag, value in tags:
        first.setdefault(tag, value)
    get = first.get
    sp, ep = get("SP"), get("EP")
    page = number = None
    if sp and ep:
        page = normalize_pages(f"{sp}-{ep}")
    elif sp:
        page = normalize_pages(sp) if is_range(sp) else sp  # a single page stays one; C7 marks an article number
    number = get("C7") or number
    if page and page == number:
        page = None  # the article number acuref writes in SP too, for Zotero
    if get("TY") in ("RPRT", "STAND") and get("SN") and not number:
        number = get("SN")  # a report's number
    arxiv = re.search(r"^arXiv:\s*(\S+)", "\n".join(v for t, v in tags if t == "M2"), re.MULTILINE)
    if arxiv and not number:
        number = "arXiv:" + arxiv.group(1)
    label = get("ID") or get("AN")
    sn = get("SN")
    # Extra's "variable: value" lines (M2): what acuref wrote there for want of a Zotero field, read as the tag
    for tag, value in tags:
        var = re.match(r"([A-Za-z-]+):\s*(.+)$", value) if tag == "M2" else None
        if var and var.group(1) in _EXTRA_TAGS:
            first.setdefault(_EXTRA_TAGS[var.group(1)], var.group(2).strip())
    publisher = get("PB")
    series_t2 = get("TY") in ("RPRT", "STAND", "COMP") and not get("T3")  # their T2 is the series (Zotero)
    ctype = CSL_TYPES.get(get("TY", "GEN"), "document")
    if ctype == "manuscript" and (get("M3") == _PREPRINT or arxiv):
        ctype = "article"
    ref = Reference(
        type=ctype, genre=(get("M3") if get("M3") != _PREPRINT else None) or None,
        version=(get("ET") if ctype in ("software", "dataset") else None) or None,
        collection_number=get("M1" if ctype == "book" else "SV") if ctype in ("book", "chapter") else None,
        author=tuple(_parse_name(v) for t, v in tags if t in ("AU", "A1")),
        editor=tuple(_parse_name(v) for t, v in tags if t in ("ED", "A2", "A3") and get("TY") in _EDITED),
        title=get("TI") or get("T1") or None,
        container_title=get("C3") or (get("T2") if not series_t2 else None) or get("JF") or get("JO") or get("BT") or None,
        container_title_short=get("J2") or get("JA") or None, issued=_date(get("PY") or get("Y1"), get("DA")),
        accessed=_date(get("Y2"), None),
        volume=get("VL") or None, issue=get("IS") or None, page=page, number=number,
        collection_title=get("T3") or (get("T2") if series_t2 else None), edition=(get("ET") if ctype not in ("software", "dataset") else None) or None,
        publisher=publisher or ("arXiv" if ctype == "article" and number and number.startswith("arXiv:") else None), publisher_place=get("CY") or get("C1") or None,
        DOI=get("DO") or None, PMID=_pmid(get),
        PMCID=get("C2") if (get("C2") or "").upper().startswith("PMC") else None, URL=get("UR") or None,
        ISBN=get("_ISBN") or _isbn(sn if get("TY") not in ("RPRT", "STAND") else None),
        ISSN=get("_ISSN") or (sn if sn and get("TY") not in ("RPRT", "STAND")
                              and re.fullmatch(r"\d{4}-?\d{3}[\dXx]", sn.strip()) else None),
        language=get("LA") or None,
        sources=(Source(raw=raw, line=line, end_line=line + raw.count("\n"), label=label, kind="bibliography", file=file),),
        parsed="acuref-unparsed" not in [v for t, v in tags if t == "KW"],
    )
    return replace(ref, origin=Origin("ris", raw, fields=tuple(dict.fromkeys(t for t, _ in tags)), present=ref.filled()))


# Tags that say the same thing: a record with JO has its journal, one with Y1 its year …
_SAME_TAGS = [{"T2", "JO", "JF", "BT"}, {"J2", "JA"}, {"PY", "Y1", "DA"}, {"AU", "A1"}, {"TI", "T1"},
              {"ED", "A2", "A3"}, {"AN", "ID"}, {"SP", "C7"}]


def _written_back(origin: Origin, generated: list[tuple[str, str]]) -> list[str]:
    """The user's record line for line, with the tags acuref adds (under none of their names) before ER."""
    had = set(origin.fields)
    lines = [line for line in origin.raw.splitlines() if not line.startswith("ER  -")]
    for tag, value in generated:
        if tag in ("ER", "TY") or tag in had or any(tag in group and group & had for group in _SAME_TAGS):
            continue
        lines.append(f"{tag}  - {_clean(value)}")
    return [*lines, "ER  - "]


def loads(text: str, file: str | None = None) -> tuple[list[Reference], list[Warning_]]:
    """Read RIS records; a line that is not a tag, or a record without ``ER``, is a warning with its line."""
    refs: list[Reference] = []
    warnings: list[Warning_] = []
    tags: list[tuple[str, str]] = []
    start = 0
    raw_lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        m = _TAG_RE.match(line.rstrip())
        if not m:
            if tags:  # a continuation of the previous value
                tag, value = tags[-1]
                tags[-1] = (tag, f"{value} {line.strip()}")
                raw_lines.append(line)
            else:
                warnings.append(Warning_(f"not a RIS line: {line.strip()[:60]!r}", file, number))
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "TY":
            if tags:
                warnings.append(Warning_("RIS record without ER; read up to the next TY", file, start))
                refs.append(_to_reference(tags, file, start, "\n".join(raw_lines)))
            tags, start, raw_lines = [], number, []
        if not tags and tag != "TY":
            warnings.append(Warning_(f"RIS tag {tag} outside a record (no TY before it)", file, number))
            continue
        raw_lines.append(line)
        if tag == "ER":
            refs.append(_to_reference(tags, file, start, "\n".join(raw_lines)))
            tags, raw_lines = [], []
            continue
        tags.append((tag, value))
    if tags:
        warnings.append(Warning_("RIS record without ER at the end of the file", file, start))
        refs.append(_to_reference(tags, file, start, "\n".join(raw_lines)))
    return refs, warnings


def _dump(entries: Sequence[Entry], options: WriteOptions) -> str:
    return dumps(entries)


FORMAT = Format("ris", (".ris",), _dump, loads, "RIS (Zotero, EndNote, Mendeley)")
