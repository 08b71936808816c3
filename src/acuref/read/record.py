"""An exact record a document carries, as the read stage hands it on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Record:
    """One exact record a document carries: a CSL-JSON item (as JSON text, so it stays immutable), who wrote
    it (``zotero``, ``mendeley``, ``endnote``, ``citavi``, ``jats``, ``biblatex``), its id there, its line."""

    csl: str
    manager: str
    id: str | None = None
    line: int = 1
