"""The data model: frozen dataclasses in CSL-JSON vocabulary, plus provenance.

Every stage takes and returns these types; nothing crosses a stage boundary as a loose dict.
Field names follow CSL-JSON with ``-`` written as ``_`` (``container-title`` is ``container_title``).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

SourceKind = Literal["list", "source", "inline", "bibliography", "line", "field"]

T = TypeVar("T")


def pickled_by_init(cls: type[T]) -> type[T]:
    """Pickle a frozen slots dataclass as its class and field values, rebuilt by ``__init__``.

    A cluster run sends references between processes by the hundred thousand: the dataclass default walks
    the fields in Python on both sides; this takes the values in one C call and loads half again as fast.
    """
    slots = cls.__slots__  # type: ignore[attr-defined]
    values = operator.attrgetter(*slots)

    def __reduce__(self: T) -> tuple[type[T], tuple[Any, ...]]:
        got = values(self)
        return cls, (got if len(slots) > 1 else (got,))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Name:
    """A person or an organisation (``literal``), as CSL-JSON names it."""

    family: str = ""
    given: str = ""
    literal: str = ""
    suffix: str = ""

    def display(self) -> str:
        if self.literal:
            return self.literal
        return ", ".join(p for p in (self.family, self.given) if p)


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Date:
    """A partial date: a year, optionally a month and a day (CSL ``date-parts``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def parts(self) -> list[int]:
        out = [self.year]
        if self.month:
            out.append(self.month)
            if self.day:
                out.append(self.day)
        return out


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Source:
    """Where a reference was found: file, 1-based line span, the text as printed, its label and kind."""

    raw: str
    line: int = 1
    end_line: int = 1
    label: str | None = None
    kind: SourceKind = "list"
    file: str | None = None
    manager: str | None = None  # kind "field": who wrote the record (zotero, mendeley, endnote, citavi, jats)


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Skipped:
    """A candidate inside a reference section (or list) that was not taken as a reference, and why."""

    text: str  # as shown: with its list label, lines joined
    line: int
    end_line: int
    reason: str
    file: str | None = None
    raw: str | None = None  # the string a reference made of it would hold (as a Source's raw); None: ``text``
    label: str | None = None

    @property
    def printed(self) -> str:
        """The string as a reference's source would hold it: what a decision names."""
        return self.raw if self.raw is not None else self.text


try:
    from enum import StrEnum
except ImportError:  # Python 3.10
    from enum import Enum

    class StrEnum(str, Enum):  # type: ignore[no-redef]
        def __str__(self) -> str:
            return str(self.value)


class Status(StrEnum):
    """What the resolve stage concluded about a reference (see :class:`Resolution`); compares equal to its text."""

    VERIFIED = "verified"
    MATCHED = "matched"
    CORRECTED = "corrected"
    SUSPECT = "suspect"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not found"
    NOT_ATTEMPTED = "not attempted"
    FAILED = "failed"
    DECIDED = "decided"  # a curator chose the DOI (decisions file), whatever the resolver said


RETRACTING = frozenset({"retraction", "withdrawal", "removal", "partial_retraction"})


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Notice:
    """A Crossref-registered update to a work: a retraction, withdrawal, correction, expression of concern."""

    type: str  # Crossref's update type, lower case with underscores: retraction, correction, …
    DOI: str | None = None  # the notice's own DOI
    date: Date | None = None
    source: str | None = None  # who asserted it: publisher, retraction-watch


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Offer:
    """A record the resolver weighed and did not take, as a curator compares it with the reference: its DOI,
    main fields, and the fields on which it agrees with the reference or contradicts it."""

    doi: str
    title: str | None = None
    container_title: str | None = None
    author: str | None = None  # the first author's family name
    year: int | None = None
    volume: str | None = None
    page: str | None = None
    score: float = 0.0  # the resolver's agreement score for it, 0..1
    agrees: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Resolution:
    """What Crossref said about a reference.

    ``status`` is one of: verified (the printed DOI's record agrees), matched (a DOI was found and the
    record agrees; ``score`` in 0..1), corrected (the printed DOI was wrong and a search found the work's
    DOI; ``printed_doi`` keeps what was printed), suspect (the printed DOI is unknown or its record contradicts
    the reference, and no record that agrees was found), ambiguous (close candidates with different DOIs),
    not found, not attempted, failed.
    """

    status: Status
    score: float | None = None
    doi: str | None = None  # the DOI Crossref confirmed or proposed
    printed_doi: str | None = None
    record_fields: tuple[str, ...] = ()  # fields filled or corrected from the accepted record
    backend: str | None = None  # the resolver that answered: crossref, …
    message: str = ""
    candidates: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # the fields on which the accepted record agrees with the reference
    contradicts: tuple[str, ...] = ()  # suspect: the fields on which the printed DOI's record contradicts it
    notices: tuple[Notice, ...] = ()  # updates registered for the accepted record
    offered: tuple[Offer, ...] = ()  # not found, ambiguous, suspect: the records weighed, for a curator

    @property
    def detail(self) -> str | None:
        """``retracted`` when a notice retracts or withdraws the accepted record."""
        return "retracted" if any(n.type in RETRACTING for n in self.notices) else None


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Origin:
    """An entry read from a user's library, kept as the file held it so that writing it back loses nothing."""

    format: str  # "bibtex", "ris", "csl-json"
    raw: str  # the entry as the file held it, byte for byte
    before: str = ""  # what preceded it since the previous entry: @string, @comment, @preamble, blank lines
    after: str = ""  # on a file's last entry: what followed it
    fields: tuple[str, ...] = ()  # the format's own field names (or tags, keys) the entry had
    present: tuple[str, ...] = ()  # the Reference fields it filled, so what acuref added can be told


_BIBLIOGRAPHIC = ("author", "editor", "title", "container_title", "container_title_short", "collection_title",
                 "collection_number", "issued", "accessed", "volume", "issue", "page", "number", "edition", "genre", "version",
                 "publisher", "publisher_place", "DOI", "PMID", "PMCID", "URL", "ISBN", "ISSN", "language", "note")


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Reference:
    """One cited work in CSL vocabulary, with the places it was cited."""

    type: str = "article-journal"
    author: tuple[Name, ...] = ()
    author_truncated: bool = False  # the printed list ended in "et al." / "and others"
    editor: tuple[Name, ...] = ()
    title: str | None = None
    container_title: str | None = None
    container_title_short: str | None = None
    collection_title: str | None = None
    collection_number: str | None = None  # the number in the series (``Lecture Notes in Computer Science 4012``)
    issued: Date | None = None
    accessed: Date | None = None  # when the cited web page was read ("Accessed 3 May 2023"), never the issued date
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number: str | None = None  # article number (``e1234``), report or standard number (``TR-2019-07``, ``ISO 9001``), arXiv id
    edition: str | None = None
    genre: str | None = None  # CSL genre: the kind of thesis or report as printed (``PhD thesis``, ``Technical report``)
    version: str | None = None  # software or dataset version
    publisher: str | None = None
    publisher_place: str | None = None
    DOI: str | None = None
    PMID: str | None = None
    PMCID: str | None = None
    URL: str | None = None
    ISBN: str | None = None
    ISSN: str | None = None
    language: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    confidence: float = 1.0  # the parser's confidence in its reading, 0..1
    parser: str | None = None  # which parser read it: "rules" or "model"; None for imported entries
    parsed: bool = True  # False when nothing structured could be read: kept, marked, never dropped
    resolution: Resolution | None = None
    origin: Origin | None = None  # set on entries read from a bibliography
    decided: tuple[str, ...] = ()  # the curator's decisions applied to it, described (decisions file)

    def filled(self) -> tuple[str, ...]:
        """The bibliographic fields this reference has a value for (the names acuref's exports are built from)."""
        return tuple(name for name in _BIBLIOGRAPHIC if getattr(self, name))

    @property
    def page_first(self) -> str | None:
        if self.page:
            return self.page.split("-", 1)[0]
        return None

    @property
    def page_last(self) -> str | None:
        if self.page and "-" in self.page:
            return self.page.split("-", 1)[1]
        return None


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Warning_:
    """A problem worth telling the user about, tied to a file and line when known."""

    message: str
    file: str | None = None
    line: int | None = None


@pickled_by_init
@dataclass(frozen=True, slots=True)
class Entry:
    """A reference ready for export: the CSL item id (citation key) and the work."""

    id: str
    ref: Reference


def require_items(function: str, argument: str, values: object, kind: type | tuple[type, ...]) -> None:
    """Check a library function's argument: an iterable of ``kind`` values (a str is no list of paths). Anything
    else is a TypeError naming the function and the argument, not an AttributeError from deep inside."""
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{function}: {argument} must be a list of {names}, not {type(values).__name__}")
    for i, value in enumerate(values):  # type: ignore[attr-defined]
        if not isinstance(value, kind):
            article = "an" if names[0] in "AEIOU" else "a"
            raise TypeError(f"{function}: {argument}[{i}] must be {article} {names}, not {type(value).__name__}")
