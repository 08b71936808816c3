"""Crossref work JSON → the model. The only module that knows Crossref's JSON shape."""

from __future__ import annotations

from typing import Any

from acuref.model import Date, Name, Notice, Reference
from acuref.normalize.pages import normalize_pages

_TYPES = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter",
    "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book",
    "proceedings-article": "paper-conference", "report": "report", "dissertation": "thesis", "dataset": "dataset",
    "posted-content": "article", "reference-entry": "entry", "standard": "standard", "peer-review": "review",
}
# Only what validation and enrichment use: sent as `select=` so list responses stay small.
SELECT = ("DOI,type,title,author,container-title,short-container-title,volume,issue,page,article-number,"
          "published-print,published-online,issued,ISSN,publisher,score,update-to,updated-by,relation")


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(work: dict[str, Any]) -> Date | None:
    for key in ("published-print", "published-online", "issued", "published", "created"):
        parts = (work.get(key) or {}).get("date-parts")
        if parts and parts[0] and parts[0][0]:
            p = [int(x) for x in parts[0][:3] if x is not None]
            return Date(p[0], p[1] if len(p) > 1 else None, p[2] if len(p) > 2 else None)
    return None


def _names(people: Any) -> tuple[Name, ...]:
    out = []
    for person in people or []:
        if not isinstance(person, dict):
            continue
        if person.get("family"):
            out.append(Name(family=str(person["family"]), given=str(person.get("given") or ""),
                            suffix=str(person.get("suffix") or "")))
        elif person.get("name"):
            out.append(Name(literal=str(person["name"])))
    return tuple(out)


def work_to_reference(work: dict[str, Any]) -> Reference:
    """One Crossref ``work`` message (or list item) as a Reference."""
    page = _first(work.get("page"))
    number = _first(work.get("article-number"))
    if page and "-" not in page and not number:
        number, page = page, None
    elif page:
        page = normalize_pages(page)
    return Reference(
        type=_TYPES.get(str(work.get("type")), "article-journal" if work.get("container-title") else "document"),
        author=_names(work.get("author")), editor=_names(work.get("editor")),
        title=_first(work.get("title")), container_title=_first(work.get("container-title")),
        container_title_short=_first(work.get("short-container-title")), issued=_date(work),
        volume=_first(work.get("volume")), issue=_first(work.get("issue")), page=page, number=number,
        publisher=_first(work.get("publisher")), DOI=_first(work.get("DOI")), ISSN=_first(work.get("ISSN")),
    )


def score_of(work: dict[str, Any]) -> float:
    try:
        return float(work.get("score") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def _update_date(update: dict[str, Any]) -> Date | None:
    parts = (update.get("updated") or {}).get("date-parts") if isinstance(update.get("updated"), dict) else None
    if parts and parts[0] and parts[0][0]:
        p = [int(x) for x in parts[0][:3] if x is not None]
        return Date(p[0], p[1] if len(p) > 1 else None, p[2] if len(p) > 2 else None)
    return None


def _kind(value: Any) -> str:
    return str(value or "").strip().lower().replace("-", "_").replace(" ", "_")


def notices_of(work: dict[str, Any]) -> tuple[Notice, ...]:
    """The updates registered against this work: ``updated-by`` entries, and ``relation`` links that retract it."""
    out = []
    for update in work.get("updated-by") or []:
        if isinstance(update, dict) and update.get("type"):
            out.append(Notice(_kind(update["type"]), _first(update.get("DOI")), _update_date(update),
                              _first(update.get("source"))))
    relation = work.get("relation")
    if isinstance(relation, dict):
        for name, links in relation.items():
            kind = _kind(name)
            if not kind.startswith("is_") or not any(w in kind for w in ("retract", "withdraw")):
                continue
            for link in links if isinstance(links, list) else []:
                if isinstance(link, dict):
                    doi = _first(link.get("id")) if link.get("id-type", "doi") == "doi" else None
                    if not any(n.DOI and doi and n.DOI.lower() == doi.lower() for n in out):
                        out.append(Notice("retraction" if "retract" in kind else "withdrawal", doi, None, "relation"))
    return tuple(out)


def notice_kind(work: dict[str, Any]) -> str | None:
    """What a notice record announces (``retraction``, ``correction`` …) when the work is itself a notice."""
    for update in work.get("update-to") or []:
        if isinstance(update, dict) and update.get("type"):
            return _kind(update["type"])
    return None
