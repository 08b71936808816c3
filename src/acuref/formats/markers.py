"""What acuref tells a user inside an exported entry: tags (BibTeX/RIS keywords) and note lines.

One place for them, so CSL-JSON, BibTeX and RIS say the same thing: a reference kept as printed, a DOI that
was not confirmed (and is therefore not written as the DOI), a DOI acuref corrected, a retracted work.
"""

from __future__ import annotations

import re

from dataclasses import replace

from acuref.model import RETRACTING, Reference, Status

_SHOWN = RETRACTING | {"expression_of_concern"}  # notices a reader of the entry must see; corrections are not
FLAGGED = (Status.SUSPECT, Status.AMBIGUOUS, Status.FAILED, Status.CORRECTED)  # statuses a curator should look at, as tags


def tags(ref: Reference) -> list[str]:
    """``acuref-…`` keywords: Zotero turns them into tags, visible and harmless."""
    out = []
    if not ref.parsed:
        out.append("acuref-unparsed")
    res = ref.resolution
    if res and res.status in FLAGGED:
        out.append(f"acuref-{res.status}")
    if res and res.detail == "retracted":
        out.append("acuref-retracted")
    return out


def notes(ref: Reference) -> list[str]:
    """Note lines that keep what a link must not carry: an unconfirmed printed DOI, a retraction."""
    res = ref.resolution
    if res is None:
        return []
    out = []
    if res.status == Status.SUSPECT and res.printed_doi and not ref.DOI:
        out.append(f"acuref: printed DOI {res.printed_doi} not confirmed")
    elif res.status == Status.CORRECTED and res.printed_doi:
        out.append(f"acuref: DOI corrected; the document printed {res.printed_doi}")
    for notice in res.notices:
        if notice.type in _SHOWN:
            parts = [f"acuref: {notice.type.replace('_', ' ')} notice", notice.DOI or ""]
            line = " ".join(p for p in parts if p)
            out.append(f"{line}, {notice.date.year}" if notice.date else line)
    if res.detail == "retracted":
        out.insert(0, "acuref: retracted")
    return out


def repository_once(ref: Reference) -> Reference:
    """A preprint whose printed "journal" is its repository (``arXiv preprint arXiv:…``): the repository is its
    publisher (Zotero's Repository), and is not written a second time as a journal."""
    if ref.type == "article" and is_repository(ref.container_title, ref.publisher):
        return replace(ref, container_title=None)
    return ref


def is_repository(venue: object, publisher: object) -> bool:
    """Whether a printed venue is only the repository already named as the publisher (``arXiv``, ``arXiv``; ``arXiv
    preprint arXiv:1810.04805`` or ``ArXiv e-prints``, as the parser keeps them printed, and ``arXiv``)."""
    if not venue or not publisher:
        return False
    name = re.escape(str(publisher))
    return re.fullmatch(rf"{name}(?:\s*(?:preprint|e-prints?)(?:\s*{name}\s*:\s*\S+)?)?", str(venue).strip(),
                        re.IGNORECASE) is not None
