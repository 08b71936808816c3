"""What a run depends on, in one frozen, picklable value: built by the command line (the only reader of the
environment) or by a library user, and sent as it is to every worker, which builds its own clients from it."""

from __future__ import annotations

from dataclasses import dataclass

from acuref.decisions import Decisions
from acuref.model import Warning_
from acuref.resolve.backend import Chain, Resolver, backend, parse_spec


@dataclass(frozen=True, slots=True)
class Settings:
    """The choices of one run; the defaults are the command line's."""

    # a registered backend (acuref.resolve.backend) as NAME or NAME:ARGUMENT, several joined by commas and asked
    # in turn ("local:refs.sqlite,crossref"), or None to stay offline
    resolver: str | None = "crossref"
    mailto: str | None = None  # Crossref's polite pool; also the e-mail NCBI asks E-utilities users for
    ncbi_api_key: str | None = None  # NCBI E-utilities: 10 requests a second instead of 3
    ncbi_url: str | None = None  # --ncbi-url: NCBI's services under another address (a mirror or a stand-in)
    crossref_url: str | None = None  # a mirror or a stand-in
    cache_path: str | None = None  # the SQLite cache of answers; None: no cache
    dedupe: bool = True
    keep_suspect_doi: bool = False
    pause_gc: bool = False  # dedupe pauses Python's cyclic collector (faster on millions of references)
    decisions: Decisions = Decisions()  # a curator's decisions (acuref.decisions), applied in the corpus step
    key_pattern: str | None = None  # --key-pattern: Better BibTeX-style citation keys; None: the default keys

    def make_resolver(self) -> tuple[Resolver | Chain | None, list[Warning_]]:
        """A fresh resolver for this process, and what opening its cache had to say."""
        if self.resolver is None:
            return None, []
        made, warnings = [], []
        for name, arg in parse_spec(self.resolver):
            factory = backend(name)
            resolver, said = factory(self) if arg is None else factory(self, arg)
            made.append(resolver)
            warnings += said
        return (made[0] if len(made) == 1 else Chain(tuple(made))), warnings
