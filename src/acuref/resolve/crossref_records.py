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


def _dict(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one: a record from a mirror or a cache may have any JSON where one is due."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _date_parts(value: Any) -> Date | None:
    """``{"date-parts": [[2001, 3, 5]]}`` as a Date; anything else (strings, nulls, odd nesting) as None."""
    parts = _list(_dict(value).get("date-parts"))
    first = _list(parts[0]) if parts else []
    numbers = []
    for x in first[:3]:
        if isinstance(x, bool) or not isinstance(x, (int, float, str)) or not str(x).strip().isdigit():
            break
        numbers.append(int(str(x).strip()))
    if not numbers or not numbers[0]:
        return None
    return Date(numbers[0], numbers[1] if len(numbers) > 1 else None, numbers[2] if len(numbers) > 2 else None)


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(work: dict[str, Any]) -> Date | None:
    for key in ("published-print", "published-online", "issued", "published", "created"):
        date = _date_parts(work.get(key))
        if date is not None:
            return date
    return None


def _names(people: Any) -> tuple[Name, ...]:
    out = []
    for person in _list(people):
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
    return _date_parts(update.get("updated"))


def _kind(value: Any) -> str:
    return str(value or "").strip().lower().replace("-", "_").replace(" ", "_")


def notices_of(work: dict[str, Any]) -> tuple[Notice, ...]:
    """The updates registered against this work: ``updated-by`` entries, and ``relation`` links that retract it."""
    out = []
    for update in _list(work.get("updated-by")):
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
    for update in _list(work.get("update-to")):
        if isinstance(update, dict) and update.get("type"):
            return _kind(update["type"])
    return None
