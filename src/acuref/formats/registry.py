"""The formats acuref writes and reads, by name and by file suffix: adding one is a module and one ``register`` line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from acuref.errors import UsageError
from acuref.model import Entry, Reference, Warning_
from acuref.normalize.controls import without_controls

Loader = Callable[[str, str | None], tuple[list[Reference], list[Warning_]]]


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """What a user may ask of any writer; a format ignores what it has no use for."""

    ascii_only: bool = False  # BibTeX: non-ASCII letters as LaTeX accents
    style: str | None = None  # text, html, markdown: a shipped CSL style's name or a .csl file (None: APA)


@dataclass(frozen=True, slots=True)
class Format:
    """An export format: its ``-f`` name, the output suffixes that select it, a writer, and a reader if it has one.

    ``suffixes`` select the format for ``-o FILE`` (the first format registered for a suffix wins) and, when
    ``load`` is given, are read as bibliographies (``acuref export my.bib new-pages/``).
    """

    name: str
    suffixes: tuple[str, ...]
    dump: Callable[[Sequence[Entry], WriteOptions], str]
    load: Loader | None = None
    summary: str = ""


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    _REGISTRY[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get(name: str) -> Format:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(_REGISTRY)}") from None


def for_suffix(suffix: str) -> Format | None:
    """The format an output file with this suffix is written in."""
    return next((f for f in _REGISTRY.values() if suffix.lower() in f.suffixes), None)


def reader_for(suffix: str) -> Loader | None:
    """The reader of a bibliography file with this suffix, or None for documents."""
    return next((f.load for f in _REGISTRY.values() if f.load and suffix.lower() in f.suffixes), None)


def read_suffixes() -> frozenset[str]:
    return frozenset(s for f in _REGISTRY.values() if f.load for s in f.suffixes)


def render(entries: Sequence[Entry], name: str, *, ascii_only: bool = False, style: str | None = None) -> str:
    """The bibliography as text in the named format (never with a control character: whatever a field held)."""
    return without_controls(get(name).dump(entries, WriteOptions(ascii_only=ascii_only, style=style)))


def choose(name: str | None, output: str | None, style: str | None) -> str:
    """The format a command writes: ``-f NAME``, else the suffix of ``-o``, else plain text with a style and
    CSL-JSON without one; a suffix no format claims is a usage error naming the choices."""
    if name:
        return get(name).name
    if output and output != "-":
        suffix = PurePath(output).suffix.lower()
        fmt = for_suffix(suffix)
        if fmt:
            return fmt.name
        if suffix:
            raise UsageError(f"cannot tell the format from {output!r}; give -f with one of: {', '.join(names())}")
    return "text" if style else "csl-json"
