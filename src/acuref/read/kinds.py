"""The input kinds acuref reads beyond plain text, Markdown, reStructuredText, HTML and PDF, behind one registry.

Each kind is a module of ``read/`` with a loader ``load(data, name) -> Document`` and one ``register`` line at
the bottom of this file; what a folder walk picks up, what ``--help`` lists and how a file is recognised all
follow the registry (the way ``formats/registry.py`` holds the output formats). A kind is recognised by its
content first (``sniff`` on the first bytes), then by its suffix, so a misnamed file is still read as what it
is. Kinds acuref refuses (old binary Word, RTF, encrypted Office files) are listed here too, each with the one
line a user gets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from acuref.errors import InputError
from acuref.read.documents import Document, is_pdf

SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class InputKind:
    """An input kind: its name, the suffixes that select it, how its first bytes are recognised, its loader."""

    name: str
    suffixes: tuple[str, ...]
    load: Callable[[bytes, str], Document]
    sniff: Callable[[bytes], bool] | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A kind acuref does not read: its suffixes, how its first bytes look, and the line a user gets."""

    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    message: str


_KINDS: dict[str, InputKind] = {}
_REFUSED: list[Refusal] = []


def register(kind: InputKind) -> InputKind:
    _KINDS[kind.name] = kind
    return kind


def kinds() -> tuple[InputKind, ...]:
    return tuple(_KINDS.values())


def suffixes() -> frozenset[str]:
    """Every suffix a registered kind reads (a folder walk reads these beside the text documents)."""
    return frozenset(s for k in _KINDS.values() for s in k.suffixes)


def refused_suffixes() -> frozenset[str]:
    """Suffixes of kinds acuref refuses: a folder walk names such files instead of passing them over unsaid."""
    return frozenset(s for r in _REFUSED for s in r.suffixes)


def find(name: str, head: bytes) -> InputKind | None:
    """The kind of a file, by its first bytes, else by its suffix; None: a text document or PDF."""
    head = head[:SNIFF_BYTES]
    sniffed = next((k for k in _KINDS.values() if k.sniff and k.sniff(head)), None)
    if sniffed:
        return sniffed
    suffix = Path(name).suffix.lower()
    return next((k for k in _KINDS.values() if suffix in k.suffixes), None)


def refuse(name: str, head: bytes) -> None:
    """Raise the one-line refusal for a kind acuref does not read, by its content only: Word saves HTML under
    ``.doc`` too, and that is read as the web page it is."""
    head = head[:SNIFF_BYTES]
    for refusal in _REFUSED:
        if refusal.sniff(head):
            raise InputError(f"{name}: {refusal.message}")


def whole(path: str) -> bool:
    """Whether a file is read whole, never in windows: a PDF, or a registered kind (a package or a record list)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    return is_pdf(head) or find(path, head) is not None


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encrypted_office(head: bytes) -> bool:
    """An encrypted .docx/.xlsx is an OLE container holding an ``EncryptedPackage`` stream."""
    return head.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in head


def _old_office(head: bytes) -> bool:
    return head.startswith(_OLE)


def _rtf(head: bytes) -> bool:
    return head.lstrip().startswith(b"{\\rtf")


def _register_builtins() -> None:
    from acuref.read import jats, latexinput, odf, ooxml

    register(InputKind("docx", (".docx", ".docm", ".dotx"), ooxml.load, ooxml.sniff,
                       "Word documents (paragraphs, lists, notes, tables; Zotero, Mendeley, EndNote, Citavi, Word citations)"))
    register(InputKind("odt", (".odt", ".ott"), odf.load, odf.sniff,
                       "LibreOffice/OpenDocument text (Zotero and Mendeley reference marks too)"))
    register(InputKind("jats", (".nxml",), jats.load, jats.sniff,
                       "JATS XML articles (PubMed Central, publishers, pandoc): the <ref-list> as records"))
    register(InputKind("bbl", (".bbl",), latexinput.load_bbl, latexinput.sniff_bbl,
                       "LaTeX .bbl (BibTeX styles' \\bibitem lists, biblatex's \\entry data)"))
    register(InputKind("aux", (".aux",), latexinput.load_aux, latexinput.sniff_aux,
                       "LaTeX .aux: exactly the \\citation keys, taken from the .bib files it names"))
    _REFUSED.extend([
        Refusal((".docx", ".odt"), _encrypted_office, "an encrypted Office file; save it without a password first"),
        Refusal((".doc", ".dot", ".wps"), _old_office,
                "an old binary Word (.doc) file; save it as .docx, .odt or HTML first"),
        Refusal((".rtf",), _rtf, "an RTF file; save it as .docx, .odt or HTML first"),
    ])


_register_builtins()
