"""Reference string → structured fields: deterministic rules, and the learned model where they are unsure.

:func:`parse_reference` is the hybrid; :func:`parse_rules` is the rules alone, described here.

The string is read from both ends: identifiers and link text come off first, the author list is
read from the start, the numeric "source" block (year; volume(issue): pages) from the end, and
what lies between is split into title and container. Each field is then passed through its own
normaliser. A string nothing can be read from still becomes a Reference, marked ``parsed=False``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Date, Reference
from acuref.normalize import identifiers as ids
from acuref.normalize.dates import split_access
from acuref.normalize.names import DEGREE_RE, is_author_list
from acuref.normalize.shapes import (
    BOOK_RE,
    DEGREE_NAME_RE,
    IEEE_RE,
    RULES_FIRST,
)
from acuref.normalize.text import (
    clean,
    looks_abbreviated,
    split_label,
)
from acuref.normalize.vocabulary import JOURNAL_FIRST_WORDS, YEAR
from acuref.parse.learned import parse_with_model
from acuref.parse.marks import Marks, mend_marks, read_marks
from acuref.parse.mend import mend
from acuref.parse.plain import NLM_CHAPTER_RE, finish, read_plain
from acuref.parse.scripts import read_script
from acuref.parse.styles import read_colon_authors, read_din
from acuref.parse.webcite import read_web

_EPUB_RE = re.compile(rf"\[?\bEpub(?:lished)?\s*(?:ahead of print\b)?\s*(?:{YEAR}[^.;\]]*)?\]?\.?", re.IGNORECASE)


_NLM_NOISE_RE = re.compile(
    r"\b(?:(?:Erratum|Comment|Retraction|Update|Corrected and republished)\s+(?:in|on|of|from)\s*:.*$"
    r"|Review\.?\s*$|English\.?\s*$)|\[PubMed[^\]]*\]|\[Internet\]|\[cited[^\]]*\]|\[(?:serial )?online\]",
    re.IGNORECASE,
)


_NLM_NOISE_CUES = ("erratum", "comment", "retraction", "update", "corrected", "review", "english")


_AVAILABLE_RE = re.compile(rf"\b{ids.LINK_CUE}\s*:?\s*$", re.IGNORECASE)  # left at the end once the URL is cut


_LANG_NOTE_RE = re.compile(r"\[(?:Article in|In)\s+([A-Z][a-z]+)\]\.?")


# ABNT and ISO 690 print the place, publisher or date they lack: "[S.l.]", "[s.n.]", "[S.l.: s.n.]", "[s.d.]"
_NO_IMPRINT_RE = re.compile(r"\[\s*(?:S\.\s?l\.|s\.\s?n\.|s\.\s?d\.)(?:\s*:\s*(?:s\.\s?n\.|s\.\s?l\.))?\s*\]\s*[:,.]?",
                            re.IGNORECASE)


# An author-year citation label before the reference it labels: "[Adobe Inc., 2024] Adobe Inc. (2024). …"
_AUTHOR_YEAR_LABEL_RE = re.compile(r"\[(?P<first>[^\W\d][^\s,\[\]]*)[^\[\]]{0,80}?,\s*(?:\d{4}[a-z]?|s\.\s?f\.|n\.\s?d\.)\]\s+")


_MULTISPACE_RE = re.compile(r"\s{2,}")


_EMPTY_ID_LABEL_RE = re.compile(r"\b(?:doi|PMID|PMCID|ISBN)\s*:?\s*(?=$|[.,;])", re.IGNORECASE)


_LINK_TAIL_RE = re.compile(r"(?:\s*[-–]\s*)?(?:\b(?:DOI|PMC|PubMed|Free PMC article|Google Scholar)\b\s*)+$")


def _strip_identifiers(s: str) -> tuple[str, dict[str, str]]:
    found: dict[str, str] = {}
    low = s.lower()
    for key, finder, cue in ids.FINDERS:
        if cue not in low:
            continue
        hit = finder(s)
        while hit:
            value, a, b = hit
            if key == "URL" and ("doi.org/" in value.lower()):
                s = s[:a] + " " + s[b:]
                hit = finder(s)
                continue
            found.setdefault(key, value)
            s = (s[:a] + " " + s[b:]).strip()
            hit = finder(s) if key != "URL" else None
    if "10." in s and "DOI" not in found:
        cut = ids.find_incomplete_doi(s)  # "doi: 10.1016/j": never a DOI, and no other field's either
        if cut:
            s = (s[:cut[1]] + " " + s[cut[2]:]).strip()
    if "doi" in low or "pmid" in low or "pmc" in low or "isbn" in low:
        s = _EMPTY_ID_LABEL_RE.sub(" ", s)
    if "[" in s:
        s = ids.strip_link_tail(s)
    tail = s[-60:]
    if "DOI" in tail or "PMC" in tail or "PubMed" in tail or "Google" in tail:
        s = _LINK_TAIL_RE.sub("", s).strip()
    if "URL" in found:
        s = _AVAILABLE_RE.sub("", s.rstrip(" .")).strip()
    return s, found


# Longer than any one reference (two hundred authors fit in 6,000 characters): several entries run together
# or a page of prose. Reading such a string field by field costs more than linear time and reads nothing true.
MAX_LENGTH = 10_000


def parse_reference(text: str) -> Reference:
    """Parse one reference string into a :class:`Reference` (never raises on any text).

    An access date (``Accessed 3 May 2023``) is taken out first: it is ``accessed``, never the year. Quotes and
    emphasis (``"Title", _Journal_``) check the reading (:mod:`acuref.parse.marks`). A GB/T 7714 or GOST string is
    read by its own grammar (:mod:`acuref.scripts`), a DIN 1505 or Copernicus one by its own (:mod:`acuref.parse.styles`).
    Otherwise the rules read first. Where they are sure — an author list, a title, a journal and a
    ``year;volume(issue):pages``-like block at the end, the shape of most biomedical lists, or a ``Place:
    Publisher; year`` book — their reading stands. Anywhere else the learned model reads the string, and its
    reading is used when it found something structured. Either reading then goes through
    :func:`acuref.mend.mend`.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_reference: text must be a str, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:  # fused entries or a page of prose: kept as printed, unread, in linear time
        return Reference(type="document", parsed=False, confidence=0.0, parser="rules")
    body, accessed, marks = _prepared(text)
    script = _grammar(body)
    ref = mend_marks(mend(finish(script) if script is not None else _parse(body), body), marks)
    return replace(ref, accessed=accessed) if accessed is not None else ref


def _prepared(text: str) -> tuple[str, Date | None, Marks]:
    """The string every reader reads: without its access date, its missing-imprint marks and emphasis markers."""
    body, accessed = split_access(text)
    if body.startswith("["):
        label = _AUTHOR_YEAR_LABEL_RE.match(body)
        if label and body[label.end():].startswith(label.group("first")):
            body = body[label.end():]  # "[Chatize Team, 2023] Chatize Team (2023). …": the citation label
    if "[" in body and ".]" in body:
        body = _NO_IMPRINT_RE.sub(" ", body)
    marks = read_marks(body)
    return marks.plain, accessed, marks


def _grammar(body: str) -> dict[str, object] | None:
    """The reading of a style with a grammar of its own (GB/T 7714, GOST, DIN 1505, Copernicus), or None."""
    script = read_script(body) if not body.isascii() or "]" in body or "//" in body else None
    if script is None and ": " in body:
        script = read_din(body) or read_colon_authors(body)
    return script if script is not None else read_web(body)


def model_input(text: str, *, every: bool = False) -> str | None:
    """The string :func:`parse_reference` would hand the learned reader for ``text``, so that a document's strings
    can be tagged together ahead (:func:`acuref.parse.learned.prepare`); None when no model would be asked: too long,
    read by a style's grammar or of a shape the rules may be sure of; ``every``: any string of a readable length."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        return None
    body = _prepared(text)[0]
    if not every and (_may_be_sure(body) or _grammar(body) is not None):
        return None
    return body


def _parse(text: str) -> Reference:
    ref: Reference | None = None
    numbers = False
    if _may_be_sure(text):
        ref, sure, numbers = _read_rules(text)
        if sure and not _doubtful(ref, text):
            return ref
    model = parse_with_model(text)
    if model is None or not model.parsed:
        return ref if ref is not None else parse_rules(text)
    if ref is not None and numbers and (not ref.volume or _CLEAN_VOLUME_RE.fullmatch(ref.volume)):
        model = _with_numbers(model, ref)
    return model


def _may_be_sure(text: str) -> bool:
    """Whether the rules could be trusted with ``text`` or read numbers the model's reading takes.

    Every shape the rules are trusted with, and every numbers block they lend the model, has a Vancouver, colon
    or APA tail (an IEEE one only counts with degree authors), a ``Place: Publisher; year`` book, an
    ``In: …, editors.`` chapter or `` | `` fields; without any of them the rules' reading would be discarded,
    so it is skipped (713 of the 1,160 general held-out strings: the general path is about a sixth faster).
    """
    s = clean(text)
    return (" | " in s or any(rx.search(s) for rx in RULES_FIRST) or (";" in s and BOOK_RE.search(s) is not None)
            or NLM_CHAPTER_RE.search(s) is not None or (DEGREE_RE.search(s) is not None and IEEE_RE.search(s) is not None))


# The end of an author list the rules left in the title, closed by a colon: "Zink d, Buchler P, Krammer PH: Title"
# or "Nolen , et al: Title" (a group author, "Proyecto El Cuete: Title", does not end in initials).
_LAST_NAME_RE = re.compile(r"[\w'’-]{2,}\s+[A-Z]{1,3}\d?-?|et al\.?")


def _author_head(title: str, text: str) -> bool:
    """Whether ``title`` opens with names before a colon: two or more short comma-separated pieces, the last one
    a family name with initials ("hepatitis C: a review" has no comma; "Smoking, alcohol and hepatitis C" a long piece),
    and the title starts right after a comma in ``text``, inside the author list ("Kato H, Mori Y: Cancer, Vitamin D:
    a review" starts after the list's colon)."""
    parts = title.split(": ", 1)[0].split(",")
    if not (len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts) and all(p.strip() for p in parts[:-1])
            and _LAST_NAME_RE.fullmatch(parts[-1].strip()) is not None):
        return False
    head = parts[0].strip()
    at = " ".join(text.split()).find(head)
    return at != 0 and (at < 0 or " ".join(text.split())[:at].rstrip().endswith(","))  # not found: cut by a line break


# A title that ran on into an abbreviated journal: "… synthase. Proc. Natl. Acad. Sci", "… cognition. Annu", ".J. Roy"
# (a word of it a journal's first or subject word, or cut short with a dot: "Strings. Part I", "Ecology. New York" end
# a title)
_ABBREVIATED_END_RE = re.compile(r"[.?!]\s*(?P<words>(?:[A-Z][a-z]{0,5}\.?\s+){0,5}[A-Z][a-z]{0,4})$")
_JOURNAL_WORD_RE = re.compile(rf"\b(?:{JOURNAL_FIRST_WORDS})\b|[a-z]\.")


def _abbreviated_end(title: str) -> bool:
    """Whether ``title`` ends in the first words of an abbreviated journal."""
    m = _ABBREVIATED_END_RE.search(title)
    return m is not None and _JOURNAL_WORD_RE.search(m.group("words")) is not None


def _doubtful(ref: Reference, text: str) -> bool:
    """Whether a reading of a trusted shape still looks split wrong: an author list's end left before the title,
    an abbreviated journal left after it, or a bracket the split ran through (the model reads these better:
    benchmarks/parse_eval.py)."""
    title, container = ref.title or "", ref.container_title or ""
    return (": " in title and _author_head(title, text)) or (". " in title and _abbreviated_end(title)) \
        or container.count(")") > container.count("(")


_CLEAN_VOLUME_RE = re.compile(r"[A-Za-z]?\d+[A-Za-z]?(?:-\d+)?")


def _with_numbers(model: Reference, rules: Reference) -> Reference:
    """The model's reading with the rules' ``year; volume(issue): pages``, which their patterns read exactly (pages
    the rules' block did not hold, ``24(2): p. 113-119``, stay the model's)."""
    container = model.container_title
    if container:
        for value in (rules.volume, str(rules.issued.year) if rules.issued else None):
            if value and container.endswith(" " + value):
                container = container[: -len(value)].rstrip(" ,;.(") or container
    issued = rules.issued if rules.issued and (not model.issued or model.issued.year == rules.issued.year
                                               or not model.issued.month) else model.issued
    return replace(model, volume=rules.volume or model.volume, issue=rules.issue or (None if rules.volume else model.issue),
                   page=rules.page if rules.page or rules.number else model.page,
                   number=rules.number if rules.page or rules.number else model.number, issued=issued, container_title=container,
                   container_title_short=container if container and looks_abbreviated(container) else None)


def parse_rules(text: str) -> Reference:
    """The deterministic reading of one reference string."""
    return _read_rules(text)[0]


def _read_rules(text: str) -> tuple[Reference, bool, bool]:
    """The rules' reading; whether it has the unambiguous shape the rules are trusted with; whether a
    ``year; volume: pages`` block was read."""
    label, body = split_label(text.strip())
    if "\n" in body and "." in body and DEGREE_RE.search(body):
        body = _mark_stacked_title(body)
    s = clean(body)
    s, found = _strip_identifiers(s)
    language = None
    lm = _LANG_NOTE_RE.search(s)
    if lm:
        language = lm.group(1)
        s = (s[: lm.start()] + s[lm.end():]).strip()
    epub = _EPUB_RE.search(s)
    if epub:
        s = (s[: epub.start()] + s[epub.end():]).strip()
    low = s.lower()
    if "[" in s or any(cue in low for cue in _NLM_NOISE_CUES):
        s = _NLM_NOISE_RE.sub(" ", s)
    s = s.strip(" .;,")
    if "  " in s:
        s = _MULTISPACE_RE.sub(" ", s)

    extra = {"DOI": found.get("DOI"), "PMID": found.get("PMID"), "PMCID": found.get("PMCID"),
             "ISBN": found.get("ISBN"), "URL": found.get("URL"), "language": language}
    if " | " in s:
        return _parse_pipes(s, extra)
    return read_plain(s, extra)


def _mark_stacked_title(body: str) -> str:
    """A title stacked on its own line above a degree author line ends there: ``Title\nBrian M. Berman, M.D.``."""
    lines = body.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if DEGREE_NAME_RE.match(line.strip()):
            head = " ".join(lines[:i]).rstrip()
            if head and head[-1] not in ".?!":
                head += "."
            return head + "\n" + "\n".join(lines[i:])
    return body


def _parse_pipes(s: str, extra: dict[str, str | None]) -> tuple[Reference, bool, bool]:
    parts = [p.strip(" .") for p in s.split(" | ")]
    authors = title = container = None
    rest = ""
    if parts and is_author_list(parts[0]):
        authors = parts.pop(0)
    if len(parts) >= 3:
        title, container, rest = parts[0], parts[1], " ".join(parts[2:])
    elif len(parts) == 2:
        title, rest = parts
    elif parts:
        rest = parts[0]
    ref, _, numbers = read_plain(rest, extra, authors_text=authors, preset_title=title, preset_container=container)
    return ref, bool(ref.author and ref.title and ref.container_title and ref.issued), numbers
