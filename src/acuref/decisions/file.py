"""The decisions file: read, checked, merged with new decisions, and matched to the references it names
(the format is described in :mod:`acuref.decisions`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from rapidfuzz import fuzz, process

from acuref import jsontext
from acuref.model import Reference, Warning_
from acuref.normalize.identifiers import is_complete_doi, normalize_doi

FORMAT = 1
FILE_NAME = "acuref.decisions.json"
ACTIONS = ("use-doi", "accept-doi", "reject-doi", "correct", "not-reference", "is-reference", "same-work",
           "not-duplicate")
PAIRS = ("same-work", "not-duplicate")  # these name a second reference: "other": {"file": …, "raw": …}
PRESENCE = ("not-reference", "is-reference")
# Decisions on one reference that answer the same question: a later one replaces an earlier one (corrections
# add up instead, field by field).
GROUPS = {"use-doi": "doi", "accept-doi": "doi", "reject-doi": "doi", "not-reference": "presence",
          "is-reference": "presence", "same-work": "pair", "not-duplicate": "pair"}
SIMILAR = 90  # rapidfuzz ratio at which an edited string is still the reference a decision named
# Corrections take CSL-JSON names (the report's and the CSL export's vocabulary).
TEXT_FIELDS = {"title": "title", "container-title": "container_title", "container-title-short":
               "container_title_short", "volume": "volume", "issue": "issue", "page": "page", "number": "number",
               "publisher": "publisher", "publisher-place": "publisher_place", "type": "type", "URL": "URL",
               "PMID": "PMID", "PMCID": "PMCID", "ISBN": "ISBN", "ISSN": "ISSN", "note": "note", "edition": "edition"}
OTHER_FIELDS = ("author", "issued", "DOI")


def _is_doi(text: Any) -> bool:
    return isinstance(text, str) and is_complete_doi(normalize_doi(text.strip()))


def key(file: str | None, raw: str) -> str:
    """A reference's stable key: its document's file name and its string, spacing and case folded."""
    name = PurePath(file or "").name.casefold()
    return hashlib.sha1(f"{name}\n{' '.join(raw.split()).casefold()}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of the file: entry ``entry`` (counted from 1), on the reference ``raw`` of ``file``."""

    entry: int
    file: str
    raw: str
    action: str
    doi: str | None = None
    fields: tuple[tuple[str, Any], ...] = ()  # corrections, CSL name and value, in the file's order
    other: tuple[str, str] | None = None  # same-work, not-duplicate: the other reference's file and string

    @property
    def key(self) -> str:
        return key(self.file, self.raw)

    def describe(self, source: str) -> str:
        what = {"use-doi": f"use DOI {self.doi}", "accept-doi": f"accept DOI {self.doi}",
                "reject-doi": f"reject DOI {self.doi}" if self.doi else "reject any DOI",
                "correct": "correct " + ", ".join(name for name, _ in self.fields),
                "not-reference": "not a reference",
                "is-reference": "a reference after all",
                "same-work": f"same work as {shortened(self.other[1]) if self.other else ''!r}",
                "not-duplicate": f"not the same work as {shortened(self.other[1]) if self.other else ''!r}"}[self.action]
        return f"{what} ({source}, entry {self.entry})"


@dataclass(frozen=True, slots=True)
class Decisions:
    """The decisions of one file, valid ones only (the others were warnings when it was read)."""

    items: tuple[Decision, ...] = ()
    source: str = ""  # the file they came from, as named in messages
    problems: tuple[Warning_, ...] = ()  # what could not be read of it: said again by every run that uses it
    kept: str = "[]"  # every entry of the file as it was read (valid or not), JSON: what a review page carries on
    unreadable: str = ""  # why the file could not be read at all (then nothing of it can be carried on)


def load(path: str) -> Decisions:
    """The decisions in ``path``; what is unreadable or malformed is a warning in ``problems``, never an
    exception."""
    def unusable(why: str) -> Decisions:
        return Decisions(source=path, problems=(Warning_(f"{path}: decisions file {why}; no decision applied", path),),
                         unreadable=why)

    try:
        data = jsontext.loads(Path(path).read_bytes())
    except OSError as err:
        return unusable(f"cannot be read ({err.strerror or err})")
    except jsontext.JSONError as err:
        return unusable(f"cannot be read: {err}")
    entries = data.get("decisions") if isinstance(data, dict) else data if isinstance(data, list) else None
    if not isinstance(entries, list):
        return unusable("has no list of decisions")
    items, problems = [], []
    for number, entry in enumerate(entries, start=1):
        got = _decision(number, entry)
        if isinstance(got, str):
            problems.append(Warning_(f"{path}, entry {number}: {got}; not applied", path))
        else:
            items.append(got)
    return Decisions(tuple(items), path, tuple(problems), json.dumps(entries, ensure_ascii=False))


def belongs(got: Decisions, paths: Iterable[str]) -> bool:
    """Whether a decisions file is about these documents: one of its decisions names one of them (by file name,
    as decisions are matched). One that cannot be read belongs anywhere: its warnings must be said."""
    if not got.items:
        return True
    names = {PurePath(p).name.casefold() for p in paths}
    return any(PurePath(d.file).name.casefold() in names for d in got.items)


def merged(kept: Sequence[Any], new: Sequence[Any]) -> list[Any]:
    """A decisions file's entries after a review: the kept ones and the new ones, a new decision replacing a
    kept one on the same reference (and, for a pair, the same other) that answers the same question; corrections
    add up. Entries that are not decisions are kept as they are (the file's owner may mend them)."""
    def question(entry: Any) -> tuple[str, ...] | None:
        """The group of the action and the references it names, keyed as a run matches them (:func:`key`)."""
        if not isinstance(entry, dict) or entry.get("action") not in GROUPS:
            return None
        group = GROUPS[entry["action"]]
        here = key(str(entry.get("file")), str(entry.get("raw")))
        if group != "pair":
            return (group, here)
        other = entry.get("other") if isinstance(entry.get("other"), dict) else {}
        return (group, *sorted([here, key(str(other.get("file") or entry.get("file")), str(other.get("raw")))]))
    asked = {q for q in map(question, new) if q is not None}
    return [*(e for e in kept if question(e) not in asked), *new]


def _decision(number: int, entry: Any) -> Decision | str:
    if not isinstance(entry, dict):
        return "not an object"
    file, raw, action = entry.get("file"), entry.get("raw"), entry.get("action")
    if not isinstance(file, str) or not file.strip() or not isinstance(raw, str) or not raw.strip():
        return "needs the reference's 'file' and 'raw' (the string as printed)"
    if action not in ACTIONS:
        return f"unknown action {action!r} (one of: {', '.join(ACTIONS)})"
    doi = entry.get("doi")
    if doi is not None and not _is_doi(doi):
        return f"{doi!r} is not a DOI"
    if action in ("use-doi", "accept-doi") and not doi:
        return f"'{action}' needs the 'doi'"
    fields = entry.get("fields")
    if action == "correct":
        if not isinstance(fields, dict) or not fields:
            return "'correct' needs 'fields' (CSL-JSON names and values)"
        for name, value in fields.items():
            problem = _field_problem(name, value)
            if problem:
                return problem
    other = entry.get("other")
    if action in PAIRS:
        if not (isinstance(other, dict) and isinstance(other.get("raw"), str) and other["raw"].strip()):
            return f"'{action}' needs the 'other' reference: {{\"file\": …, \"raw\": …}}"
        other = (str(other.get("file") or file), other["raw"])
    return Decision(number, file, raw, action, doi.strip() if doi else None,
                    tuple(fields.items()) if action == "correct" else (), other if action in PAIRS else None)


def _field_problem(name: str, value: Any) -> str | None:
    if name in TEXT_FIELDS:
        return None if value is None or isinstance(value, (str, int)) else f"field {name!r} takes text"
    if name == "author":
        return None if isinstance(value, list) and all(isinstance(a, str) and a.strip() for a in value) else \
            "field 'author' takes a list of names ('Family, Given')"
    if name == "issued":
        return None if (isinstance(value, int) or (isinstance(value, str) and value[:4].isdigit())) else \
            "field 'issued' takes a year (or YYYY-MM-DD)"
    if name == "DOI":
        return None if value is None or _is_doi(value) else f"{value!r} is not a DOI"
    return f"unknown field {name!r} (CSL-JSON names: {', '.join([*TEXT_FIELDS, *OTHER_FIELDS])})"


def match(refs: Sequence[Reference], decisions: Decisions) -> tuple[dict[int, list[Decision]], list[Warning_]]:
    """Which references each decision names (by index), and a warning for each decision that names none."""
    return Index([[(src.file, src.raw) for src in ref.sources] for ref in refs]).match(decisions)


class Index:
    """Items (each the (file, string) pairs it was printed as) by key and by file name, built once to be
    matched against any number of decisions."""

    def __init__(self, texts: Sequence[Sequence[tuple[str | None, str]]]):
        self.texts = texts
        self.by_key: dict[str, list[int]] = {}
        self.by_file: dict[str, list[int]] = {}
        for i, printed in enumerate(texts):
            for file, raw in printed:
                self.by_key.setdefault(key(file, raw), []).append(i)
                self.by_file.setdefault(PurePath(file or "").name.casefold(), []).append(i)

    def match(self, decisions: Decisions) -> tuple[dict[int, list[Decision]], list[Warning_]]:
        """Which item each decision names, and a warning for each decision that names none."""
        out: dict[int, list[Decision]] = {}
        warnings = []
        for d in decisions.items:
            hits = self.by_key.get(d.key) or _similar(self.texts, self.by_file.get(PurePath(d.file).name.casefold(),
                                                                                    []), d.raw)
            if not hits:
                warnings.append(Warning_(f"{decisions.source}, entry {d.entry}: no reference of {d.file} reads like "
                                         f"{shortened(d.raw)!r} any more; not applied", decisions.source))
            for i in hits:
                out.setdefault(i, []).append(d)
        return out, warnings


def _similar(texts: Sequence[Sequence[tuple[str | None, str]]], candidates: list[int], raw: str) -> list[int]:
    """The one item of the file whose string reads most like ``raw`` (an edited string), if any."""
    if not candidates:
        return []
    choices = {i: " ".join(texts[i][0][1].split()) for i in dict.fromkeys(candidates)}
    found = process.extract(" ".join(raw.split()), choices, scorer=fuzz.ratio, limit=2, score_cutoff=SIMILAR)
    if not found or (len(found) > 1 and found[1][1] == found[0][1]):
        return []  # nothing close enough, or two equally close: never guess
    return [found[0][2]]


def shortened(raw: str) -> str:
    raw = " ".join(raw.split())
    return raw if len(raw) <= 60 else raw[:57] + "..."


