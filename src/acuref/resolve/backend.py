"""What the resolve stage needs of a metadata source, and the registry of sources by name.

A backend converts its own payloads: it hands the stage :class:`Candidate` records, never JSON. Adding one
(a local snapshot index, PubMed) is a module with a class that has these four methods plus one ``register``
line; ``--resolver NAME`` and :func:`acuref.pipeline.run` take it from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from acuref.errors import UsageError
from acuref.model import Notice, Reference


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record a backend holds, as a Reference, with what the stage weighs besides its fields."""

    record: Reference
    score: float = 0.0  # the backend's own relevance score for a search hit (ties between agreeing records)
    notices: tuple[Notice, ...] = ()  # updates registered against this work (retractions, corrections)
    notice_of: str | None = None  # this record is itself a notice ("retraction", "correction" …) of another work


class Resolver(Protocol):
    """A metadata source the resolve stage asks; ``NetworkError`` for a source that cannot be reached."""

    name: str
    concurrency: int  # requests the stage may keep in flight

    def records(self, dois: Iterable[str]) -> dict[str, Candidate | None]:
        """Records for many DOIs, keyed by lower-cased DOI; None where the source has none."""

    def registrar(self, doi: str) -> str | None:
        """Who registered a DOI the source has no record of (``crossref``, ``datacite`` …), or None if nobody."""

    def record(self, doi: str) -> Candidate | None:
        """One record by DOI, for a DOI registered with this source but missing from a batch answer."""

    def search(self, query: str) -> list[Candidate]:
        """Candidates for a reference as printed, best first."""

    # Optional, for a source that matches on parsed fields in batches (PubMed's ECitMatch):
    #   prepare(refs: Sequence[Reference]) -> None   asked once with every reference the stage will search
    #   find(ref: Reference) -> list[Candidate]     used instead of search(query_for(ref))


UNKNOWN_REGISTRAR = "?"  # what registrar() answers when the source cannot tell (a snapshot that lacks a DOI)


@dataclass(frozen=True, slots=True)
class Chain:
    """Resolvers asked in turn: what the first leaves ``not found`` goes to the next (``local:PATH,crossref``)."""

    resolvers: tuple[Any, ...]

    @property
    def name(self) -> str:
        return ",".join(r.name for r in self.resolvers)


def parse_spec(spec: str) -> list[tuple[str, str | None]]:
    """``local:refs.sqlite,crossref`` -> [("local", "refs.sqlite"), ("crossref", None)]."""
    out = []
    for part in spec.split(","):
        name, _, arg = part.strip().partition(":")
        if not name:
            raise UsageError(f"--resolver {spec!r}: an empty resolver name")
        out.append((name, arg or None))
    return out


# name -> factory(settings[, argument]) -> (resolver, warnings); the argument is what follows "name:"
_BACKENDS: dict[str, Callable[..., Any]] = {}


def register(name: str, factory: Callable[..., Any]) -> None:
    _BACKENDS[name] = factory


def backend(name: str) -> Callable[..., Any]:
    try:
        return _BACKENDS[name]
    except KeyError:
        raise UsageError(f"unknown resolver {name!r}; choose one of: {', '.join(_BACKENDS)}") from None


def names() -> tuple[str, ...]:
    return tuple(_BACKENDS)
