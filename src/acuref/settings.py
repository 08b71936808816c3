"""What a run depends on, in one frozen, picklable value: built by the command line (the only reader of the
environment) or by a library user, and sent as it is to every worker, which builds its own clients from it."""

from __future__ import annotations

from dataclasses import dataclass

from acuref.model import Warning_
from acuref.resolve.backend import Resolver, backend


@dataclass(frozen=True, slots=True)
class Settings:
    """The choices of one run; the defaults are the command line's."""

    resolver: str | None = "crossref"  # a registered backend (acuref.resolve.backend), or None to stay offline
    mailto: str | None = None  # Crossref's polite pool
    crossref_url: str | None = None  # a mirror or a stand-in
    cache_path: str | None = None  # the SQLite cache of answers; None: no cache
    dedupe: bool = True
    keep_suspect_doi: bool = False
    pause_gc: bool = False  # dedupe pauses Python's cyclic collector (faster on millions of references)

    def make_resolver(self) -> tuple[Resolver | None, list[Warning_]]:
        """A fresh resolver for this process, and what opening its cache had to say."""
        if self.resolver is None:
            return None, []
        return backend(self.resolver)(self)
