"""What each exported field becomes in Zotero: every kind of reference, exported in each format and imported with
Zotero's current import translators (tests/js/zotero, translation-server's pinned commits, schema v29).

A row is a reference of one kind, the Zotero item type it must become and the Zotero fields it must fill. Per
format, the only departures allowed are the item types BibTeX's entry types cannot express and the fields a
Zotero type has no place for (both listed in docs/zotero.md). Every row checks that no item is lost, no creator
invented or lost, no field discarded by Zotero and no LaTeX left in a value.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from acuref.formats import render
from acuref.model import Date, Entry, Name, Reference
from conftest import require_tool

JS = Path(__file__).resolve().parent / "js"
FORMATS = ("bibtex", "biblatex", "ris", "csl-json")
A = (Name("Müller", "Jürgen"), Name("van der Berg", "Anna"))

# (id, reference, Zotero item type, Zotero fields: value; "extra:Label" is a line "Label: value" of Extra)
ROWS = [
    ("article", Reference(
        type="article-journal", author=A, title="Acupuncture for chronic neuropathic pain",
        container_title="Journal of Pain", container_title_short="J Pain", volume="12", issue="3", page="201-209",
        issued=Date(2012, 3), DOI="10.1016/j.jpain.2011.10.001", PMID="22204847", ISSN="1526-5900"),
     "journalArticle", {"title": "Acupuncture for chronic neuropathic pain", "publicationTitle": "Journal of Pain",
                        "journalAbbreviation": "J Pain", "volume": "12", "issue": "3", "pages": "201-209",
                        "date": "2012-03", "DOI": "10.1016/j.jpain.2011.10.001", "ISSN": "1526-5900",
                        "extra:PMID": "22204847"}),
    ("book", Reference(
        type="book", author=A, title="Principles of neural science", publisher="McGraw-Hill",
        publisher_place="New York", edition="5", collection_title="Medical Neuroscience Series",
        collection_number="12", issued=Date(2013), ISBN="978-0-07-139011-8"),
     "book", {"title": "Principles of neural science", "publisher": "McGraw-Hill", "place": "New York",
              "edition": "5", "series": "Medical Neuroscience Series", "seriesNumber": "12", "date": "2013",
              "ISBN": "978-0-07-139011-8"}),
    ("chapter", Reference(
        type="chapter", author=A, editor=(Name("Kandel", "Eric R."),), title="Pain and analgesia",
        container_title="Principles of neural science", publisher="McGraw-Hill", publisher_place="New York",
        page="530-555", issued=Date(2013), DOI="10.1036/0071390111.ch24"),
     "bookSection", {"title": "Pain and analgesia", "bookTitle": "Principles of neural science",
                     "publisher": "McGraw-Hill", "place": "New York", "pages": "530-555", "date": "2013",
                     "extra:DOI": "10.1036/0071390111.ch24"}),
    ("paper", Reference(
        type="paper-conference", author=A, title="Needles and signals",
        container_title="Proceedings of the IEEE Conference on Pain Research", publisher="IEEE",
        publisher_place="Vancouver, Canada", page="1-9", issued=Date(2019, 6), DOI="10.1109/pain.2019.0001"),
     "conferencePaper", {"title": "Needles and signals",
                         "proceedingsTitle": "Proceedings of the IEEE Conference on Pain Research",
                         "publisher": "IEEE", "place": "Vancouver, Canada", "pages": "1-9", "date": "2019-06",
                         "DOI": "10.1109/pain.2019.0001"}),
    ("thesis", Reference(
        type="thesis", author=(Name("de Vries", "Pieter"),), title="Pain and needles", genre="PhD thesis",
        publisher="Universiteit Utrecht", publisher_place="Utrecht", issued=Date(2015)),
     "thesis", {"title": "Pain and needles", "thesisType": "PhD thesis", "university": "Universiteit Utrecht",
                "place": "Utrecht", "date": "2015"}),
    ("report", Reference(
        type="report", author=(Name("Hempel", "Susanne"), Name(literal="RAND Corporation")),
        title="Evidence map of acupuncture", genre="Technical report", number="TR-2019-07",
        publisher="Department of Veterans Affairs", publisher_place="Washington, DC", issued=Date(2019)),
     "report", {"title": "Evidence map of acupuncture", "reportType": "Technical report",
                "reportNumber": "TR-2019-07", "institution": "Department of Veterans Affairs",
                "place": "Washington, DC", "date": "2019"}),
    ("webpage", Reference(
        type="webpage", author=(Name(literal="National Center for Complementary and Integrative Health"),),
        title="Acupuncture: in depth", container_title="NCCIH", issued=Date(2022, 1),
        publisher="National Institutes of Health",
        URL="https://www.nccih.nih.gov/health/acupuncture-in-depth", accessed=Date(2023, 5, 3)),
     # a Web Page has no publisher field: Extra keeps it as "publisher: …", as Zotero does
     "webpage", {"title": "Acupuncture: in depth", "websiteTitle": "NCCIH", "date": "2022-01",
                 "url": "https://www.nccih.nih.gov/health/acupuncture-in-depth", "accessDate": "2023-05-03",
                 "extra:publisher": "National Institutes of Health"}),
    ("dataset", Reference(
        type="dataset", author=A, title="Needle depth measurements", publisher="Zenodo", version="1.2",
        issued=Date(2021), DOI="10.5281/zenodo.1234567", URL="https://zenodo.org/record/1234567"),
     "dataset", {"title": "Needle depth measurements", "repository": "Zenodo", "versionNumber": "1.2",
                 "date": "2021", "DOI": "10.5281/zenodo.1234567", "url": "https://zenodo.org/record/1234567"}),
    ("software", Reference(
        type="software", author=A, title="needlepy", version="2.1.0", publisher="GitHub", issued=Date(2020),
        URL="https://github.com/example/needlepy"),
     "computerProgram", {"title": "needlepy", "versionNumber": "2.1.0", "company": "GitHub", "date": "2020",
                         "url": "https://github.com/example/needlepy"}),
    ("standard", Reference(
        type="standard", author=(Name(literal="International Organization for Standardization"),),
        title="Quality management systems: requirements", number="ISO 9001:2015",
        publisher="ISO", publisher_place="Geneva", issued=Date(2015)),
     "standard", {"title": "Quality management systems: requirements", "number": "ISO 9001:2015",
                  "publisher": "ISO", "place": "Geneva", "date": "2015"}),
    ("preprint", Reference(
        type="article", author=A, title="Needling transformers", publisher="arXiv", number="arXiv:2101.00001",
        issued=Date(2021, 1), URL="https://arxiv.org/abs/2101.00001"),
     "preprint", {"title": "Needling transformers", "repository": "arXiv", "archiveID": "arXiv:2101.00001",
                  "date": "2021-01", "url": "https://arxiv.org/abs/2101.00001"}),
    ("preprint-printed", Reference(  # as the parser reads "arXiv preprint arXiv:2101.00001": arXiv printed as a venue
        type="article", author=A, title="Needling transformers", container_title="arXiv", publisher="arXiv",
        number="arXiv:2101.00001", issued=Date(2021, 1), URL="https://arxiv.org/abs/2101.00001"),
     "preprint", {"title": "Needling transformers", "repository": "arXiv", "archiveID": "arXiv:2101.00001",
                  "date": "2021-01", "url": "https://arxiv.org/abs/2101.00001"}),
    ("manuscript", Reference(
        type="manuscript", author=A, title="A draft on acupuncture", genre="Unpublished manuscript",
        issued=Date(2020)),
     "manuscript", {"title": "A draft on acupuncture", "manuscriptType": "Unpublished manuscript",
                    "date": "2020"}),
    ("edited", Reference(
        type="book", editor=(Name("Kandel", "Eric R."), Name("Schwartz", "James H.")), title="Principles of neural science",
        publisher="Elsevier", publisher_place="Amsterdam", edition="4", issued=Date(2000), ISBN="9780838577011"),
     "book", {"publisher": "Elsevier", "place": "Amsterdam", "edition": "4", "date": "2000", "ISBN": "9780838577011"}),
    ("lncs", Reference(
        type="chapter", author=A, editor=(Name("Doe", "Jane"),), title="Typed needles", container_title="Formal methods",
        collection_title="Lecture Notes in Computer Science", collection_number="4012", publisher="Springer",
        publisher_place="Berlin", page="1-20", issued=Date(2006), DOI="10.1007/11111_1"),
     "bookSection", {"bookTitle": "Formal methods", "series": "Lecture Notes in Computer Science",
                     "seriesNumber": "4012", "publisher": "Springer", "place": "Berlin", "pages": "1-20",
                     "extra:DOI": "10.1007/11111_1"}),
    ("masters", Reference(
        type="thesis", author=(Name("Dupont", "Marie-Élise"),), title="Étude des aiguilles", genre="Master's thesis",
        publisher="Université de Paris", issued=Date(2019), language="fr"),
     "thesis", {"title": "Étude des aiguilles", "thesisType": "Master's thesis", "university": "Université de Paris",
                "date": "2019", "language": "fr"}),
    ("whoseries", Reference(
        type="report", author=(Name(literal="World Health Organization"),), title="Global report on needles",
        collection_title="WHO Technical Report Series", number="1012", publisher="WHO", publisher_place="Geneva",
        issued=Date(2018), ISBN="978-92-4-121012-6"),
     "report", {"seriesTitle": "WHO Technical Report Series", "reportNumber": "1012", "institution": "WHO",
                "place": "Geneva", "date": "2018", "extra:ISBN": "978-92-4-121012-6"}),
    ("neurips", Reference(
        type="paper-conference", author=A, editor=(Name("Doe", "Jane"),), title="Needles at scale",
        container_title="Proceedings of NeurIPS 2020", collection_title="Advances in Neural Information Processing Systems",
        volume="33", page="100-110", publisher="Curran Associates", publisher_place="Red Hook, NY", issued=Date(2020),
        ISBN="9781713829546"),
     "conferencePaper", {"proceedingsTitle": "Proceedings of NeurIPS 2020", "volume": "33", "pages": "100-110",
                         "series": "Advances in Neural Information Processing Systems", "publisher": "Curran Associates",
                         "place": "Red Hook, NY", "ISBN": "9781713829546", "date": "2020"}),
    ("eid", Reference(
        type="article-journal", author=A, title="Needles by article number", container_title="PLoS ONE", volume="9",
        issue="4", number="e93123", issued=Date(2014, 4, 15), DOI="10.1371/journal.pone.0093123", PMID="24728395",
        PMCID="PMC3981718"),
     "journalArticle", {"publicationTitle": "PLoS ONE", "volume": "9", "issue": "4", "pages": "e93123",
                        "date": "2014-04-15", "DOI": "10.1371/journal.pone.0093123", "extra:PMID": "24728395",
                        "extra:PMCID": "PMC3981718"}),
    ("biorxiv", Reference(
        type="article", author=A, title="Needles in silico", publisher="bioRxiv", issued=Date(2021),
        DOI="10.1101/2021.01.01.425001"),
     "preprint", {"repository": "bioRxiv", "DOI": "10.1101/2021.01.01.425001", "date": "2021"}),
    ("cyrillic", Reference(
        type="article-journal", author=(Name("Колмогоров", "Андрей Николаевич"), Name("Арнольд", "В. И.")),
        title="О представлении непрерывных функций", container_title="Успехи математических наук",
        volume="12", issue="2", page="119-192", issued=Date(1957), language="ru"),
     "journalArticle", {"title": "О представлении непрерывных функций",
                        "publicationTitle": "Успехи математических наук", "volume": "12", "issue": "2",
                        "pages": "119-192", "date": "1957", "language": "ru"}),
    ("chinese", Reference(
        type="article-journal", author=(Name("张", "三"), Name("李", "四")), title="针灸治疗慢性疼痛的研究",
        container_title="中国针灸", volume="40", issue="5", page="1-8", issued=Date(2020), language="zh"),
     "journalArticle", {"title": "针灸治疗慢性疼痛的研究", "publicationTitle": "中国针灸", "volume": "40",
                        "issue": "5", "pages": "1-8", "date": "2020", "language": "zh"}),
]

# What BibTeX's entry types cannot express in Zotero's BibTeX.js (no @dataset, @standard or preprint type; BibTeX
# styles know no @online or @software): the type Zotero makes instead, and where each field lands in it: another
# field, a line of Extra ("extra:Label"), that with another value (a pair), or nowhere (None: the type has no place).
ARXIV_LINE = ("extra:arXiv", "2101.00001")  # Zotero's Extra line for an eprint: "arXiv: 2101.00001"
BIBTEX_CANNOT = {
    # @misc: Zotero reads howpublished into Extra ("Published: …") only from 7 characters on ("NCCIH" is 5)
    "webpage": ("document", {"websiteTitle": None, "extra:publisher": "publisher"}),
    "dataset": ("document", {"repository": "publisher", "versionNumber": None, "DOI": "extra:DOI"}),
    "software": ("document", {"company": "publisher", "versionNumber": None}),
    "standard": ("report", {"number": "reportNumber", "publisher": "institution"}),
    "preprint": ("document", {"repository": "publisher", "archiveID": ARXIV_LINE}),
    "preprint-printed": ("document", {"repository": "publisher", "archiveID": ARXIV_LINE}),
    "biorxiv": ("document", {"repository": "publisher", "DOI": "extra:DOI"}),
    # BibTeX.js reads `series` into Series, which a Report does not have; a Report has no ISBN either
    "whoseries": ("report", {"seriesTitle": None, "extra:ISBN": None, "series": None, "ISBN": None}),
}
BIBLATEX_CANNOT = {
    # @online has neither journaltitle nor publisher in biblatex's data model (biber drops them): the site's name
    # is its organization, which Zotero reads as a publisher, and a Web Page has none; the publisher is not written
    "webpage": ("webpage", {"websiteTitle": None, "extra:publisher": None, "publisher": None}),
    "dataset": BIBTEX_CANNOT["dataset"], "standard": BIBTEX_CANNOT["standard"],
    "preprint": BIBTEX_CANNOT["preprint"], "preprint-printed": BIBTEX_CANNOT["preprint"],
    "biorxiv": BIBTEX_CANNOT["biorxiv"],
    "whoseries": ("report", {"seriesTitle": None, "extra:ISBN": None, "addendum": None}),
    "eid": ("journalArticle", {"pages": None}),  # biblatex's eid alone (biber printed a pages copy twice)
    "software": ("computerProgram", {"versionNumber": None}),  # BibTeX.js reads `version` into no Zotero field
}
# RIS.js has no type for a standard (STAND is a report) or a preprint.
RIS_CANNOT = {
    "standard": ("report", {"number": "reportNumber", "publisher": "institution"}),
    "preprint": ("manuscript", {"repository": None, "archiveID": ARXIV_LINE}),
    "preprint-printed": ("manuscript", {"repository": None, "archiveID": ARXIV_LINE}),
    "biorxiv": ("manuscript", {"repository": "extra:publisher", "DOI": "extra:DOI"}),
}
CANNOT = {"bibtex": BIBTEX_CANNOT, "biblatex": BIBLATEX_CANNOT, "ris": RIS_CANNOT, "csl-json": {}}


def _zotero(path: Path) -> list[dict]:
    proc = subprocess.run(["node", str(JS / "zotero.js"), str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [i for i in json.loads(proc.stdout)["items"] if i["itemType"] != "note"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Every row exported in every format (and BibTeX with --ascii) and imported by Zotero."""
    require_tool(shutil.which("node") is not None, "node")
    out = tmp_path_factory.mktemp("zotero-fields")
    entries = [Entry(key, ref) for key, ref, _, _ in ROWS]
    got = {}
    for fmt, ascii_only in [(f, False) for f in FORMATS] + [("bibtex", True), ("biblatex", True)]:
        path = out / f"{fmt}{'-ascii' if ascii_only else ''}.{'bib' if 'bib' in fmt else fmt[:4]}"
        path.write_text(render(entries, fmt, ascii_only=ascii_only), encoding="utf-8")
        got[(fmt, ascii_only)] = _zotero(path)
    return got


def _extra(item: dict, label: str) -> str | None:
    m = re.search(rf"^{re.escape(label)}:\s*(.+)$", item.get("extra") or "", flags=re.MULTILINE)
    return m.group(1).strip() if m else None


def _value(item: dict, field: str) -> str | None:
    if field.startswith("extra:"):
        return _extra(item, field[len("extra:"):])
    value = item.get(field)
    if field in ("date", "accessDate") and value:
        value = _iso(value)
    if field == "pages" and value:
        value = value.replace("–", "-")  # Zotero's BibTeX and RIS imports write an en dash
    return value


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def _iso(value: str) -> str:
    """Zotero keeps a date as the file gave it ("March 2012", "2012-03-04 00:00:00"): as ISO, for comparing."""
    m = re.fullmatch(r"([A-Za-z]+)(?:\s+(\d{1,2}),)?\s+(\d{4})", value)
    if m and m.group(1).lower() in _MONTHS:
        day = f"-{int(m.group(2)):02d}" if m.group(2) else ""
        return f"{m.group(3)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}{day}"
    return value[:10]


def _creators(ref: Reference) -> list[tuple[str, str]]:
    return [(n.literal or n.family, "" if n.literal else n.given) for n in (*ref.author, *ref.editor)]


@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_kind_arrives_as_its_zotero_type_with_every_field(imported, fmt, ascii_only):
    """Each reference becomes one Zotero item of its own type (or the nearest BibTeX can express), with its
    creators, every field it has a Zotero place for, nothing discarded and no LaTeX."""
    if ascii_only and "bib" not in fmt:
        pytest.skip("--ascii is BibTeX's")
    items = imported[(fmt, ascii_only)]
    assert len(items) == len(ROWS)
    problems = []
    for (key, ref, want_type, fields), item in zip(ROWS, items):
        want_type, moved = CANNOT[fmt].get(key, (want_type, {}))
        if item["itemType"] != want_type:
            problems.append((key, "type", item["itemType"], want_type))
        creators = [(c.get("lastName") or c.get("name"), c.get("firstName", "")) for c in item["creators"]]
        if creators != _creators(ref):
            problems.append((key, "creators", creators))
        lost = {"id"} | {f for f, t in moved.items() if t is None}  # id: the citation key, no field in API JSON
        for field, value in fields.items():
            target = moved.get(field, field)
            if isinstance(target, tuple):
                target, value = target
            if target is None:
                lost |= {field, "version"} if field == "versionNumber" else {field}  # BibTeX.js reads `version`
            elif _value(item, target) != value:
                problems.append((key, target, _value(item, target), value))
        if ref.DOI and _extra(item, "DOI") == ref.DOI:
            lost.add("DOI")  # BibTeX.js and RIS.js move a DOI to Extra where the type has no DOI field
        discarded = [d for d in item.get("discarded", []) if re.sub(r"^(?:unknown )?field (\w+).*", r"\1", d)
                     not in lost]
        if discarded:
            problems.append((key, "discarded", discarded))
        latex = [(k, v) for k, v in item.items() if isinstance(v, str) and re.search(r"[\\{}]|\$\w", v)]
        if latex:
            problems.append((key, "latex", latex))
    assert problems == [], "\n".join(map(repr, problems))


@pytest.mark.parametrize("fmt", FORMATS)
def test_acuref_reads_every_kind_back(fmt):
    """acuref reads its own export of every kind back with its type and every field (genre, version, series
    number, arXiv id, standard number included)."""
    from acuref import formats

    entries = [Entry(key, ref) for key, ref, _, _ in ROWS]
    back, warnings = formats.get("bibtex" if fmt == "biblatex" else fmt).load(render(entries, fmt), "x")
    assert warnings == [] and len(back) == len(entries)
    # the kinds BibTeX writes as @misc come back as documents
    misc = {"bibtex": {"webpage", "dataset", "software", "biorxiv"}, "biblatex": {"dataset", "biorxiv"}}.get(fmt, set())
    lost = [(e.id, name, getattr(e.ref, name), getattr(r, name)) for e, r in zip(entries, back)
            for name in ("type", *e.ref.filled()) if getattr(e.ref, name) != getattr(r, name)
            and not (name == "type" and e.id in misc and r.type == "document")
            and not ("bib" in fmt and e.id == "biorxiv" and name == "type")
            # biblatex's @report has no series or isbn: written as its addendum, which acuref does not read
            and not (fmt == "biblatex" and e.id == "whoseries" and name in ("collection_title", "ISBN"))
            and not (fmt == "biblatex" and (e.id, name) == ("webpage", "publisher"))  # @online has no place
            # a preprint's printed "arXiv" venue is its repository, written once (as the publisher)
            and not (e.id == "preprint-printed" and name == "container_title" and fmt != "csl-json")]
    assert lost == [], "\n".join(map(repr, lost))


def test_biber_and_bibtex_accept_every_kind(tmp_path):
    """biber --validate-datamodel warns about nothing in the biblatex export of every kind, plain or --ascii, and
    bibtex with plain.bst reads the BibTeX export without a warning."""
    require_tool(shutil.which("biber") is not None and shutil.which("bibtex") is not None, "biber and bibtex")
    entries = [Entry(key, ref) for key, ref, _, _ in ROWS]
    for ascii_only in (False, True):
        (tmp_path / "refs.bib").write_text(render(entries, "biblatex", ascii_only=ascii_only), encoding="utf-8")
        proc = subprocess.run(["biber", "--tool", "--validate-datamodel", "refs.bib"], capture_output=True,
                              text=True, timeout=120, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert [line for line in proc.stdout.splitlines() if line.startswith(("WARN", "ERROR"))] == []
    (tmp_path / "plain.bib").write_text(render(entries, "bibtex", ascii_only=True), encoding="utf-8")
    (tmp_path / "doc.aux").write_text("\\relax\n\\bibstyle{plain}\n\\bibdata{plain}\n"
                                      + "".join(f"\\citation{{{e.id}}}\n" for e in entries), encoding="utf-8")
    proc = subprocess.run(["bibtex", "doc"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0 and "Warning" not in proc.stdout, proc.stdout


def test_an_arxiv_id_is_never_written_as_pages():
    """A preprint's arXiv id goes to its own fields, never to pages (which pandoc and BibTeX styles would print)."""
    entries = [Entry(key, ref) for key, ref, _, _ in ROWS if key == "preprint"]
    assert "page" not in json.loads(render(entries, "csl-json"))[0]
    for fmt in ("bibtex", "biblatex"):
        assert "pages" not in render(entries, fmt) and "eprint = {2101.00001}" in render(entries, fmt)
    assert not [line for line in render(entries, "ris").splitlines() if line.startswith(("SP", "C7"))]


def test_ascii_latin_letters_reach_zotero_as_the_letters(tmp_path):
    """Every Latin letter and sign --ascii writes as LaTeX is decoded by Zotero's BibTeX import to the character
    itself (ő from {\\H o}, not "\\Ho"); the ones it would misread stay UTF-8."""
    import unicodedata

    require_tool(shutil.which("node") is not None, "node")
    chars = [chr(c) for span in ((0xA0, 0x370), (0x1E00, 0x1F00), (0x2010, 0x2050), (0x20A0, 0x20C0), (0x2100, 0x2150))
             for c in range(*span) if unicodedata.category(chr(c))[0] in "LSNP" or unicodedata.category(chr(c)) == "Mn"]
    entries = [Entry(f"k{i}", Reference(type="document", title=f"a{c}b")) for i, c in enumerate(chars)]
    path = tmp_path / "latin.bib"
    path.write_text(render(entries, "bibtex", ascii_only=True), encoding="utf-8")
    titles = [item.get("title") for item in _zotero(path)]
    wrong = [(c, t) for c, t in zip(chars, titles) if t != unicodedata.normalize("NFC", f"a{c}b")]
    assert len(titles) == len(chars) and wrong == []
