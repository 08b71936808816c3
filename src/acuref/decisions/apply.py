"""The curator's decisions applied in the corpus step: candidates promoted, corrections, chosen and rejected DOIs
before resolution, the chosen DOI kept after it, and the pairs a curator joined or kept apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from acuref.decisions.file import PAIRS, PRESENCE, TEXT_FIELDS, Decision, Decisions, Index, match, shortened
from acuref.dedupe.stage import Constraints
from acuref.model import Date, Name, Reference, Resolution, Skipped, Source, Status, Warning_
from acuref.normalize.identifiers import doi_key
from acuref.parse.rules import parse_reference


def promote(refs: Sequence[Reference], skipped: Sequence[Skipped], decisions: Decisions,
            ) -> tuple[list[Reference], list[Skipped]]:
    """Candidates a curator said are references after all, parsed and put among their document's references
    (in line order), and the candidates still passed over. A decision that names no candidate is left for
    :func:`before`, which applies it to a reference that reads like it (the extractor may take it now) or
    warns that it is stale."""
    wanted = Decisions(tuple(d for d in decisions.items if d.action == "is-reference"), decisions.source)
    if not wanted.items or not skipped:
        return list(refs), list(skipped)
    # Matched among the references and the candidates together: a decision on a string the extractor takes
    # (or that reads more like a reference than like any candidate) must not take a look-alike candidate.
    texts = [*([(src.file, src.raw) for src in ref.sources] for ref in refs), *([(s.file, s.printed)] for s in skipped)]
    hits, _ = Index(texts).match(wanted)
    found = {i - len(refs) for i in hits if i >= len(refs)}
    if not found:
        return list(refs), list(skipped)
    out = list(refs)
    for i in sorted(found):
        s = skipped[i]
        src = Source(s.printed, s.line, s.end_line, s.label, "list", s.file)
        ref = replace(parse_reference(s.printed), sources=(src,))
        out.insert(_place(out, s.file, s.line), ref)
    return out, [s for i, s in enumerate(skipped) if i not in found]


def _place(refs: Sequence[Reference], file: str | None, line: int) -> int:
    """Where a reference printed at ``line`` of ``file`` goes: before the first of that file printed after it,
    else after the last of that file, else at the end."""
    last = None
    for i, ref in enumerate(refs):
        src = ref.sources[0] if ref.sources else None
        if src is not None and src.file == file:
            if src.line > line:
                return i
            last = i
    return len(refs) if last is None else last + 1


@dataclass(frozen=True, slots=True)
class Before:
    """What the decisions made of a run's references before resolution."""

    refs: list[Reference]  # kept (corrected, with a chosen DOI or without a rejected one), taken candidates in
    decided: list[list[Decision]]  # the decisions of each reference kept, for :func:`after`
    passed: list[Skipped]  # the extractor's candidates still passed over
    dropped: list[Skipped]  # the references a curator said are none
    warnings: list[Warning_]  # the file's problems and its stale decisions

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """Every candidate the run leaves out, for the report."""
        return (*self.passed, *self.dropped)


def before(refs: Sequence[Reference], skipped: Sequence[Skipped], decisions: Decisions) -> Before:
    """Decisions applied before resolution, in both engines' corpus step: candidates taken as references after
    all (:func:`promote`), then corrections, chosen or rejected DOIs and not-a-reference."""
    if not decisions.items:  # the common run: no reference keyed, nothing matched
        return Before(list(refs), [[] for _ in refs], list(skipped), [], list(decisions.problems))
    refs, passed = promote(refs, skipped, decisions)
    found, warnings = match(refs, decisions)
    kept: list[Reference] = []
    kept_decisions: list[list[Decision]] = []
    dropped: list[Skipped] = []
    for i, ref in enumerate(refs):
        mine = found.get(i, [])
        said = [d for d in mine if d.action in PRESENCE]
        if said and said[-1].action == "not-reference":  # the later of "not a reference" / "is one" stands
            d = said[-1]
            for src in ref.sources:
                dropped.append(Skipped(src.raw, src.line, src.end_line, "not a reference: "
                                       + d.describe(decisions.source), src.file))
            continue
        for d in mine:
            ref = _before_one(ref, d)
        if mine:
            ref = replace(ref, decided=ref.decided + tuple(d.describe(decisions.source) for d in mine))
        kept.append(ref)
        kept_decisions.append(mine)
    return Before(kept, kept_decisions, passed, dropped, [*decisions.problems, *warnings])


def _before_one(ref: Reference, d: Decision) -> Reference:
    if d.action in ("use-doi", "accept-doi"):
        return replace(ref, DOI=d.doi)
    if d.action == "reject-doi":
        return replace(ref, DOI=None) if ref.DOI and (d.doi is None or doi_key(ref.DOI) == doi_key(d.doi)) else ref
    if d.action == "correct":
        return correct(ref, dict(d.fields))
    return ref


def correct(ref: Reference, fields: dict[str, Any]) -> Reference:
    """A reference with a curator's field corrections (CSL-JSON names; None clears a field)."""
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            changes[TEXT_FIELDS[name]] = None if value is None else str(value).strip() or None
        elif name == "author":
            changes["author"] = tuple(_name(a) for a in value)
            changes["author_truncated"] = False
        elif name == "issued":
            text = str(value)
            parts = [int(p) for p in text.split("-")[:3] if p.isdigit()]
            changes["issued"] = Date(parts[0], *(parts[1:3])) if parts else None
        elif name == "DOI":
            changes["DOI"] = value
    return replace(ref, **changes, parsed=True)


def _name(text: str) -> Name:
    family, _, given = text.partition(",")
    return Name(family.strip(), given.strip()) if given.strip() else Name(literal=text.strip())


def after(refs: Sequence[Reference], decided: Sequence[Sequence[Decision]], source: str) -> list[Reference]:
    """Decisions applied after resolution: a chosen DOI is the one exported, whatever the resolver said (its
    answer stays in the message); a rejected DOI the resolver found is taken back."""
    if not any(decided):
        return list(refs)
    out = []
    for ref, mine in zip(refs, decided):
        for d in mine:
            ref = _after_one(ref, d, source)
        out.append(ref)
    return out


def _after_one(ref: Reference, d: Decision, source: str) -> Reference:
    said = ref.resolution
    if d.action in ("use-doi", "accept-doi") and d.doi:
        if said and said.doi and doi_key(said.doi) == doi_key(d.doi) and said.status in (Status.VERIFIED,
                                                                                         Status.MATCHED):
            return replace(ref, DOI=said.doi)  # the resolver agrees: its status stands
        message = f"DOI chosen by a curator ({source}, entry {d.entry})" + (f"; the resolver said: {said.message}"
                                                                             if said and said.message else "")
        return replace(ref, DOI=d.doi, resolution=Resolution(Status.DECIDED, None, d.doi, backend="curator",
                                                              message=message))
    if d.action == "reject-doi" and ref.DOI and (d.doi is None or doi_key(ref.DOI) == doi_key(d.doi)):
        message = f"DOI {ref.DOI} rejected by a curator ({source}, entry {d.entry})"
        return replace(ref, DOI=None, resolution=Resolution(Status.NOT_FOUND, None, None, backend="curator",
                                                             message=message))
    return ref


def constraints(refs: Sequence[Reference], decisions: Decisions) -> tuple[Constraints, list[Warning_]]:
    """A curator's same-work and not-duplicate pairs as reference indexes for deduplication, and a warning for
    each whose other reference is gone (one whose own reference is gone was said by :func:`before`)."""
    pairs = [d for d in decisions.items if d.action in PAIRS and d.other]
    if not pairs:
        return Constraints(), []
    index = Index([[(src.file, src.raw) for src in ref.sources] for ref in refs])
    found, _ = index.match(Decisions(tuple(pairs), decisions.source))
    others, _ = index.match(Decisions(tuple(replace(d, file=d.other[0], raw=d.other[1]) for d in pairs
                                            if d.other), decisions.source))
    where = {d.entry: i for i, ds in others.items() for d in ds}
    last: dict[tuple[int, int], Decision] = {}  # per pair, the later decision stands
    warnings = []
    for i, ds in found.items():
        for d in ds:
            j = where.get(d.entry)
            if j is None:
                warnings.append(Warning_(f"{decisions.source}, entry {d.entry}: no reference of {d.other[0]} reads "
                                         f"like {shortened(d.other[1])!r} any more; not applied", decisions.source))
            elif j != i:
                pair = (min(i, j), max(i, j))
                if pair not in last or last[pair].entry < d.entry:
                    last[pair] = d
    together = tuple(sorted(p for p, d in last.items() if d.action == "same-work"))
    apart = tuple(sorted(p for p, d in last.items() if d.action == "not-duplicate"))
    return Constraints(together, apart), warnings
