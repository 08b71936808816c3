"""The kind of work a reference cites, read from what the printed string says it is.

A reader (rules, model or a style's grammar) reads the parts of a string; the words a style prints to say what
kind of work it is — ``PhD thesis``, ``Technical Report No. 5``, ``[Data set]``, ``R package version 1.2``,
``ISO 9001:2015``, ``Unpublished manuscript`` — decide the CSL type, in English, German, Dutch and French (and
a few more where the word is the same). Each kind is one :class:`Evidence` row: the pattern, whether it may
re-type a reading that has a journal's volume and pages, and the pass that files its fields. The words come off
the title and the container (they describe the work, they do not name it); a thesis's university and a report's
institution become the publisher; the genre is kept as printed (CSL ``genre``), a report's or standard's
number as ``number``, a dataset's or program's version as ``version``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from acuref.model import Reference

# ---- the words ------------------------------------------------------------------------------------------------

_THESIS_RE = re.compile(
    r"(?P<genre>\b(?:(?:Ph\.?\s?D\.?|Doctoral|Doctorate|Master'?s?|M\.?\s?Sc\.?|M\.?\s?A\.?|M\.?\s?Phil\.?|Bachelor'?s?|"
    r"B\.?\s?Sc\.?|Diploma|Habilitation|Licentiate|Honours|Undergraduate|Senior)\s+(?:thesis|dissertation|essay)|"
    r"Doctoral\s+dissertation|Dissertation(?:\s+thesis)?|Inaugural-?Dissertation|Diss\.(?=\s|,|$)|Thesis|"
    r"Diplomarbeit|Masterarbeit|Bachelorarbeit|Magisterarbeit|Doktorarbeit|Habilitationsschrift|Staatsexamensarbeit|"
    r"Proefschrift|Dissertatie|Masterscriptie|Masterthesis|Masterproef|Bachelorproef|Bachelorscriptie|Scriptie|"
    r"Doctoraalscriptie|Afstudeerscriptie|Thèse(?:\s+de\s+(?:doctorat|master|Doctorat)(?:\s+[\wé'’ -]{2,40}?)?)?|"
    r"Mémoire(?:\s+de\s+(?:master|maîtrise|Master|fin\s+d['’]études|DEA|licence)|(?!\s+(?:de\s+la|de\s+l['’]|des|du|sur)\b))|Tesi\s+di\s+(?:laurea|dottorato)|"
    r"Tesis\s+doctoral|Tese\s+de\s+doutorado|Dissertação\s+de\s+mestrado)\b\.?)",
    re.IGNORECASE)
# Journals whose names hold a thesis word: never a thesis
_THESIS_JOURNAL_RE = re.compile(r"Dissertation\s+Abstracts|Dissertationes|Thesis\s+Eleven|Theses\s+and\s+Dissertations",
                                re.IGNORECASE)

_NUMBER = r"(?:\s*(?:No\.?|Nr\.?|Number|n°|nº|no\.|num\.|#)\s*|\s+)(?P<number>[A-Z]{0,8}[-/ ]?\d[\w./-]*(?<![.-]))"
_REPORT_RE = re.compile(
    rf"(?P<genre>\b(?:Technical\s+Report|Tech\.\s*Rep(?:ort)?\.?|Techn?\.\s*Report|Research\s+Report|Internal\s+Report|"
    rf"Final\s+Report|Working\s+Paper|Discussion\s+Paper|Policy\s+(?:Brief|Paper)|White\s+Paper|Occasional\s+Paper|"
    rf"Research\s+Memorandum|Technical\s+Note|Technical\s+Memorandum|Forschungsbericht|Arbeitsbericht|"
    rf"Arbeitspapier|Diskussionspapier|Technischer\s+Bericht|Abschlussbericht|Schlussbericht|Projektbericht|"
    rf"Rapport\s+(?:technique|de\s+recherche|final)|Document\s+de\s+travail|Cahier\s+de\s+recherche|Note\s+technique|"
    rf"Onderzoeksrapport|Eindrapport|Werkdocument|Technisch\s+rapport|Rapport)\b\.?)(?:{_NUMBER})?"
    rf"|(?P<genre2>\b(?:Report|Bericht|Rapport|Memo|Memorandum|Notitie|(?:Professional|Open[- ]File|Special|Survey)\s+Paper))(?:{_NUMBER.replace('number', 'number2')})",
    re.IGNORECASE)
# "Report" names these journals and series of articles
_REPORT_JOURNAL_RE = re.compile(r"\b(?:Scientific|Cell|EMBO|Physics|Case|Clinical|Current|Weekly|Mortality|Annual|"
                                r"Health|Food|Consumer|Qualitative)\s+Reports?\b|\bReports\s+(?:on|of|in)\b|\bMMWR\b|\bWkly\s+Rep\b|\b[A-Z][a-z]+\s+Rep\s+\d",
                                re.IGNORECASE)

_DATASET_RE = re.compile(r"\[(?:Data\s?set|Data|Data\s+collection|Database|Datensatz|Daten|Jeu\s+de\s+données|"
                         r"Données|Databestand|Dataset|Data\s+files?)\]|\((?:Data\s?set|Datensatz|Dataset)\)|"
                         r"(?:^|[.,]\s)(?:Data\s?set|Datensatz)(?=[.,]\s|\.?$)", re.IGNORECASE)
_DATA_DOI_RE = re.compile(r"\b10\.(?:5061/dryad|1594/pangaea|6084/m9\.figshare|7910/dvn|17632/|15468/|3886/icpsr|"
                          r"5281/zenodo)", re.IGNORECASE)
_REPOSITORIES = (("zenodo", "Zenodo"), ("dryad", "Dryad"), ("figshare", "figshare"), ("pangaea", "PANGAEA"),
                 ("dvn", "Harvard Dataverse"), ("17632", "Mendeley Data"), ("15468", "GBIF"), ("icpsr", "ICPSR"))

_SOFTWARE_RE = re.compile(r"\[(?:Computer\s+(?:software|program)|Software|Source\s+code|Logiciel|Computerprogramm|"
                          r"Programmatuur|R\s+package|Python\s+package)\]|\b(?:R|Python|Julia|Stata|MATLAB)\s+package"
                          r"(?:\s+version\s+[\w.-]+)?\b|\bsoftware\s+version\b|\bComputer\s+software\b|"
                          r"R\s+Foundation\s+for\s+Statistical\s+Computing", re.IGNORECASE)
_CODE_URL_RE = re.compile(r"(?<![\w.-])(?:www\.)?(?:(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.-]+(?=/[\w.-])|cran\.r-project\.org/(?:web/)?packages?|"
                          r"pypi\.(?:python\.)?org/(?:project|pypi)|bioconductor\.org/packages|"
                          r"CRAN\.R-project\.org/package)[/=][\w.-]+", re.IGNORECASE)
_VERSION_RE = re.compile(r"\b(?:R\s+package\s+)?(?:version|Version|Versie|versie|Vers\.|ver\.)\s*:?\s*v?"
                         r"(?P<version>\d[\w.-]*[\w])|\(v(?P<v2>\d+(?:\.\d+)+[\w-]*)\)|(?<=\s)v(?P<v3>\d+\.\d+(?:\.\d+)*)\b")

_STANDARD_RE = re.compile(
    r"(?P<number>\b(?:(?:DIN|NEN|NF|BS|ÖNORM|OENORM|SN|UNI|UNE|CSN|ČSN|PN|SS|DS|NS|SFS|ASTM|ANSI(?:/[A-Z]+)?|"
    r"IEC|ISO(?:/(?:IEC|ASTM|TS|TR|IEEE))*|VDI(?:/VDE)?|ETSI\s+(?:EN|TS|TR|ES)|IEEE\s+Std\.?|ITU-T(?:\s+Rec\.)?|"
    r"CEN(?:/TS|/TR)?|GB/T|GOST)(?:[\s-]+(?:EN|ISO(?:/IEC)?|IEC|TS|TR|CEN|Beiblatt))*[\s-]+"
    r"[A-Z]?\d[\d.]*(?:[-/]\d+)*(?::\d{4}(?:-\d{2})?)?(?:[-/]\d{4})?|EN\s+\d{3,5}(?:-\d+)*(?::\d{4})?))(?![\w/])")

_MANUSCRIPT_RE = re.compile(
    r"\b(?:Unpublished\s+(?:manuscript|work|paper|raw\s+data)|Manuscript(?:\s+(?:in\s+preparation|in\s+review|"
    r"under\s+review|submitted(?:\s+for\s+publication)?))?|In\s+preparation|Submitted\s+(?:for\s+publication|"
    r"to\s+[A-Z])|Under\s+review|Ongepubliceerd(?:\s+manuscript)?|Niet\s+gepubliceerd|In\s+voorbereiding|"
    r"Unveröffentlicht(?:es|)(?:\s+Manuskript)?|Manuskript(?:\s+in\s+Vorbereitung|\s+eingereicht)?|In\s+Vorbereitung|"
    r"Manuscrit(?:\s+(?:non\s+publié|soumis|en\s+préparation|inédit))?|Non\s+publié|En\s+préparation|Inédit)\b",
    re.IGNORECASE)
_IN_PRESS_RE = re.compile(r"\b(?:in\s+press|im\s+Druck|sous\s+presse|ter\s+perse)\b", re.IGNORECASE)

_UNIVERSITY_RE = re.compile(
    r"(?:[A-ZÀ-Þ][\w.'’&-]*\s+){0,4}(?i:University|Universität|Universiteit|Université|Universidad|Università|"
    r"Universidade|Uniwersytet|Hochschule|Institute\s+of\s+Technology|Technische\s+Hochschule|École|Ecole|"
    r"Polytechnique|College|Rijksuniversiteit|Hogeschool)(?:\s+(?:of|de|van|voor|zu|des|du|di|der|für|la|Paris)"
    r"|\s+[A-ZÀ-Þ][\w.'’&-]*)*")


_INSTITUTION_RE = re.compile(r"\b(?:univ|hochschule|school|institut|facult|fakult|department|dept|école|ecole|college|"
                             r"hogeschool|academ)", re.IGNORECASE)


_LINK_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:doi:\s*)?10\.\d{4,9}/\S+", re.IGNORECASE)


# ---- the passes -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One kind of work: how the string says so, and the pass that files the fields of that kind."""

    kind: str
    find: Callable[[str, Reference], "re.Match[str] | None"]
    file: Callable[[Reference, "re.Match[str]", str], Reference]
    over_journal: bool = False  # may re-type a reading with a journal's volume and pages


def _journal(ref: Reference) -> bool:
    """A journal's reading: a container with a volume (a number, not "Open File Report 5426") and pages or issue."""
    return bool(ref.container_title and ref.volume and _VOLUME_RE.fullmatch(ref.volume)
                and (ref.page or ref.issue or ref.number))


_VOLUME_RE = re.compile(r"[A-Za-z]{0,2}\d[\w.-]{0,10}")


def _outside_title(ref: Reference, text: str, m: "re.Match[str]") -> bool:
    """The words were printed outside the title, or end it (``Title (Doctoral dissertation)``)."""
    title = ref.title or ""
    if not title or m.group(0).startswith("["):
        return True  # "[Data set]", "[Computer software]": a bracketed description is never the title's
    start = text.find(title)
    if start < 0:
        return m.group(0).strip(" .()[]") not in title or title.rstrip(" .)]").endswith(m.group(0).strip(" .()[]"))
    end = start + len(title)
    if m.start() >= end or m.end() <= start:
        return True
    # closing the title as its own segment: "Title (Doctoral dissertation)", "Title, Masters Thesis", "Title (GIGA
    # Working Paper No. 151"
    head = text[start: m.start()].rstrip()
    opened = max(head.rfind("("), head.rfind("["))
    return m.end() >= end - 1 and (head[-1:] in (".", ",", ";", ":", "(", "[") or (
        opened >= 0 and len(head) - opened <= 30 and not any(c in head[opened:] for c in ")]")))


def _first_outside(rx: re.Pattern[str], text: str, ref: Reference) -> "re.Match[str] | None":
    for m in rx.finditer(text):
        if _outside_title(ref, text, m):
            return m
    return None


def _drop(value: str | None, words: str) -> str | None:
    """``value`` without the printed ``words`` (and the brackets or punctuation around them)."""
    if not value or not words:
        return value
    at = value.find(words)
    if at < 0 and words[-1:] in ")]":  # a reader that cut the closing bracket: "Title [Data set"
        words = words[:-1]
        at = value.find(words) if value.endswith(words) else -1
    if at < 0:
        return value
    head, tail = value[:at], value[at + len(words):]
    head = re.sub(r"[\s(\[,.;:]+$", "", head)
    tail = re.sub(r"^[\s)\],.;:]+", "", tail)
    out = (head + (". " if head and tail else "") + tail).strip(" .,;:()[]")
    return out or None


def _without(ref: Reference, words: str) -> dict[str, str | None]:
    return {f: _drop(getattr(ref, f), words) for f in ("title", "container_title", "publisher", "publisher_place",
                                                          "collection_title") if getattr(ref, f)}


def _standing(text: str, m: "re.Match[str]") -> bool:
    """A bare word (``Thesis``, ``Dissertation``, ``Report``) counts only as its own segment of the string:
    after a full stop, comma, bracket or at the start, not inside a phrase (``the "Autonomization" Thesis``)."""
    before = text[: m.start()].rstrip()
    return not before or before[-1] in ".,;:([" or before.endswith(("In", "in"))


def _find_thesis(text: str, ref: Reference) -> "re.Match[str] | None":
    if _THESIS_JOURNAL_RE.search(text):
        return None
    for m in _THESIS_RE.finditer(text):
        bare = " " not in m.group("genre").strip(" .") or m.group("genre").lower().startswith("dissertation thesis")
        if (not bare or _standing(text, m)) and _outside_title(ref, text, m):
            return m
    return None


def _file_thesis(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    genre = m.group("genre").strip(" .")
    fields = _without(ref, m.group("genre").rstrip("."))
    container = fields.get("container_title")
    institution = bool(container and _INSTITUTION_RE.search(container))
    publisher = fields.get("publisher") or (container if institution else None)
    place = fields.get("publisher_place")
    if place and _UNIVERSITY_RE.search(place) and not publisher:
        publisher, place = place, None
    if not publisher:
        um = _UNIVERSITY_RE.search(text[m.end():]) or _UNIVERSITY_RE.search(text[: m.start()])
        publisher = um.group(0).strip(" .,") if um else None
    title = fields.get("title", ref.title)
    if container and not institution and title:
        title = f"{title}. {container}"  # a thesis has no container: what was read as one is its subtitle
    report = _find_report(text[m.end():], replace(ref, title=None))  # "… Published as Technical Report No. 131"
    number = (report.group("number") or report.group("number2")) if report else None
    return replace(ref, type="thesis", genre=genre, title=title, container_title=None, number=number or ref.number,
                   container_title_short=None, publisher=publisher, publisher_place=place)


def _find_report(text: str, ref: Reference) -> "re.Match[str] | None":
    """The first report words that print a number, or else the first without one."""
    found = None
    for m in _report_words(text, ref):
        if m.group("number") or m.group("number2"):
            return m
        found = found or m
    return found


def _report_words(text: str, ref: Reference) -> "Iterator[re.Match[str]]":
    for m in _REPORT_RE.finditer(text):
        number = m.group("number") or m.group("number2") or ""
        if m.group("genre2") and not re.search(r"\d", number):
            continue
        if re.fullmatch(r"(?:1[6-9]|20)\d\d", number):
            continue  # "Vital Signs Report 2014", "Working Paper 2014": a year, not a number
        if _REPORT_JOURNAL_RE.search(text[max(0, m.start() - 20): m.end() + 12]):
            continue
        bare = m.group("genre") and " " not in m.group("genre").strip(" .")
        if bare and not number and not _standing(text, m):
            continue  # "Rapport sur le développement durable": the title's own word
        if ref.type in ("chapter", "paper-conference") and m.group(0).rstrip(".") not in (ref.container_title or ""):
            continue  # a paper in proceedings that name their series "Document de travail n° 9"
        if _outside_title(ref, text, m) or m.group("genre2"):
            yield m


def _file_report(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    genre = (m.group("genre") or m.group("genre2")).strip(" .")
    number = m.group("number") or m.group("number2")
    printed = m.group(0).rstrip(".")
    fields = {f: v for f, v in _without(ref, printed).items() if not v or v.lower() != genre.lower()}
    container = fields.get("container_title")
    publisher = fields.get("publisher")
    series = ref.collection_title
    if ref.container_title and printed in ref.container_title:
        head = ref.container_title[: ref.container_title.find(printed)].strip(" ,.")
        series = series or (f"{head} {genre}" if head and len(head) < 40 else None)
        container = None
    if not publisher and container and not _journal(ref):
        publisher, container = container, None
    volume = None if ref.volume and number and number in ref.volume else ref.volume
    return replace(ref, type="report", genre=genre if not ref.genre else ref.genre, number=number or ref.number, volume=volume,
                   title=fields.get("title", ref.title), container_title=container, publisher=publisher,
                   collection_title=series, container_title_short=None if not container else ref.container_title_short,
                   page=None if number and ref.page == number else ref.page)


def _find_dataset(text: str, ref: Reference) -> "re.Match[str] | None":
    m = _DATASET_RE.search(text)
    if m:
        return m
    if _journal(ref) or _SOFTWARE_RE.search(text) or _CODE_URL_RE.search(ref.URL or "") or re.search(r"\bv\d+\.\d", text, re.IGNORECASE):
        return None  # a program archived on Zenodo: "gbifparser: v0.1.0", a GitHub link beside the DOI
    return _DATA_DOI_RE.search(ref.DOI or "") or _DATA_DOI_RE.search(ref.URL or "")


def _repository(ref: Reference, text: str) -> str | None:
    low = (ref.DOI or "").lower() + " " + text.lower()
    for key, name in _REPOSITORIES:
        if key in low:
            return name
    return None


def _version(text: str) -> str | None:
    m = _VERSION_RE.search(text)
    return (m.group("version") or m.group("v2") or m.group("v3")).rstrip(".") if m else None


def _file_dataset(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    return _file_program(ref, m, text, "dataset")


def _file_program(ref: Reference, m: "re.Match[str]", text: str, kind: str = "software") -> Reference:
    link = m.string in (ref.DOI, ref.URL)
    printed = "" if link else m.group(0).strip(" .,")
    fields = _without(ref, printed) if printed else {}
    repo = _repository(ref, text) if kind == "dataset" else None
    container = fields.get("container_title", ref.container_title)
    publisher = fields.get("publisher", ref.publisher)
    if container and not publisher:
        publisher = container  # the repository or the organisation; kept as printed in the container too
    version = ref.version or _version(text)
    title = fields.get("title", ref.title)
    if title and version:
        title = re.sub(rf"\s*[(\[]?(?i:version|versie|v)\.?\s*:?\s*v?{re.escape(version)}[)\]]?\s*$", "", title) or title
    return replace(ref, type=kind, title=title, container_title=container, publisher=publisher or repo, version=version)


def _find_software(text: str, ref: Reference) -> "re.Match[str] | None":
    m = _first_outside(_SOFTWARE_RE, text, ref)
    if m:
        return m
    if _journal(ref) or ref.page or ref.volume:
        return None
    return _CODE_URL_RE.search(ref.URL or "")


def _find_standard(text: str, ref: Reference) -> "re.Match[str] | None":
    m = _STANDARD_RE.search(text)
    if not m or _journal(ref) or ref.type == "paper-conference":
        return None
    title = ref.title or ""
    lead = text[: m.start()].strip(" .,:;()[]")
    # the number opens the string or the title, or stands in brackets after it; anywhere else the title cites it
    if not lead or title.startswith(m.group(0)) or text[max(0, m.start() - 1)] in "([" or (
            not ref.author and not ref.container_title) or lead.endswith(("Norm", "norm", "Standard", "standard")):
        return m
    return None


def _file_standard(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    number = " ".join(m.group("number").split())
    title = ref.title
    if title and title.startswith(number + ". "):
        title = title[len(number) + 2:]  # "DIN EN ISO 9001:2015-11. Qualitätsmanagementsysteme": the number, then the title
    elif title and number in title and not title.startswith(number):
        title = _drop(title, number)
    elif not title and ref.container_title:
        title = ref.container_title
    c = ref.container_title
    container = None if c == title or (c and (number in c or c in number)) else c
    who = ref.author[0].display() if len(ref.author) == 1 else ""
    author = () if who and any(c.isdigit() for c in who) and who in number else ref.author  # "NF EN ISO 690" read as a name
    return replace(ref, type="standard", number=number, title=title, container_title=container,
                   container_title_short=None, author=author)


def _find_manuscript(text: str, ref: Reference) -> "re.Match[str] | None":
    if _IN_PRESS_RE.search(text) or ref.page:
        return None
    for m in _MANUSCRIPT_RE.finditer(text):
        if m.group(0).lower().startswith(("manuscri", "manuskri")) and len(m.group(0)) < 12 and not (
                text[max(0, m.start() - 1)] in "([" or m.end() >= len(text.rstrip(" .)]")) - 1):
            continue  # a lone "Manuscript" counts only in brackets or closing the string
        if _outside_title(ref, text, m):
            return m
    return None


def _file_manuscript(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    fields = _without(ref, m.group(0))
    container = fields.get("container_title", ref.container_title)
    return replace(ref, type="manuscript", title=fields.get("title", ref.title),
                   container_title=container if not m.group(0).lower().startswith(("submitted", "accepted")) or
                   container else None, publisher=fields.get("publisher", ref.publisher),
                   genre=ref.genre or m.group(0).strip())


_SERVERS = (("biorxiv", "bioRxiv"), ("medrxiv", "medRxiv"), ("ssrn", "SSRN"), ("research square", "Research Square"),
            ("chemrxiv", "ChemRxiv"), ("psyarxiv", "PsyArXiv"), ("socarxiv", "SocArXiv"), ("osf preprints", "OSF Preprints"),
            ("techrxiv", "TechRxiv"), ("eartharxiv", "EarthArXiv"), ("preprints.org", "Preprints"), ("hal-", "HAL"))
_SERVER_RE = re.compile(r"\b(?:bioRxiv|medRxiv|SSRN|Research\s+Square|ChemRxiv|PsyArXiv|SocArXiv|OSF\s+Preprints|TechRxiv|"
                        r"EarthArXiv|Preprints\.org)\b|\bhal-\d{8}", re.IGNORECASE)
_SERVER_DOI_RE = re.compile(r"^10\.(?:1101/\d{4}\.\d\d\.\d\d|2139/ssrn|21203/rs\.|26434/chemrxiv|31234/osf|31235/osf|"
                            r"36227/techrxiv|31223/|20944/preprints)", re.IGNORECASE)


def _find_preprint(text: str, ref: Reference) -> "re.Match[str] | None":
    where = " ".join(v for v in (ref.container_title, ref.publisher) if v)
    return _SERVER_RE.search(where) or _SERVER_DOI_RE.search(ref.DOI or "")


def _file_preprint(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    """A preprint server's paper: CSL's ``article`` (Zotero's preprint), the server as publisher (its repository)."""
    low = (m.group(0) + " " + (ref.container_title or "") + " " + (ref.DOI or "")).lower()
    server = next((name for key, name in _SERVERS if key in low), None)
    if server is None and (ref.DOI or "").startswith("10.1101/"):
        server = "medRxiv" if "medrxiv" in text.lower() else "bioRxiv"
    return replace(ref, type="article", publisher=ref.publisher if ref.publisher and ref.publisher != ref.container_title
                   else server or ref.publisher)


EVIDENCE: tuple[Evidence, ...] = (
    Evidence("thesis", _find_thesis, _file_thesis, over_journal=False),
    Evidence("standard", _find_standard, _file_standard),
    Evidence("report", _find_report, _file_report),
    Evidence("dataset", _find_dataset, _file_dataset),
    Evidence("software", _find_software, _file_program),
    Evidence("manuscript", _find_manuscript, _file_manuscript),
    Evidence("article", _find_preprint, _file_preprint),
)


def read_kind(ref: Reference, text: str) -> Reference:
    """``ref`` typed and filed by the first kind its printed string ``text`` gives evidence of; unchanged when it
    gives none, or when it reads as a journal article and the evidence may not re-type one."""
    if not ref.parsed or ref.type in ("article", "patent", "legislation", "legal_case"):
        return ref
    text = _LINK_RE.sub(" ", text)  # "…/rapport-developpement-durable/rdd_2014.pdf" says nothing of the kind
    for ev in EVIDENCE:
        if _journal(ref) and not ev.over_journal:
            continue
        m = ev.find(text, ref)
        if m is not None:
            return ev.file(ref, m, text)
    return ref


__all__ = ["EVIDENCE", "Evidence", "read_kind"]
