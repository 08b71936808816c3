"""Tables of works: a table whose header names a title column and authors, a year or a venue gives one reference a row.

A README or a web page often lists papers as a table (``| Title | Authors | Venue | Year | Link |``). Read cell by
cell, a row is a heap of fields with nothing between them; read by its header, it is a reference whose fields
are known. Each row of such a table becomes one list entry written in citation order (authors. title. venue,
year. links), so the row is judged and parsed as the reference it is; a table whose header names no title column
(a price list, a timetable) is read as before.
"""

from __future__ import annotations

import re

from acuref.normalize.names import is_author_list
from acuref.normalize.vocabulary import EARLY_YEAR
from acuref.read.judge import IN_LIST, NAME_FIRST_RE, PROSE, evidence_of, has_core, judged

# Header words (lower case, matched at the start of a header word or as the whole header) for each role.
_ROLES = (
    ("title", ("title", "titel", "titre", "título", "titolo", "tytuł", "название", "paper", "article", "publication",
               "题目", "标题", "论文", "論文", "タイトル", "書名", "제목")),
    ("author", ("author", "autor", "auteur", "autore", "autori", "autoren", "авторы", "автор", "著者", "作者", "저자",
                "by")),
    ("year", ("year", "jahr", "année", "año", "anno", "ano", "rok", "год", "年", "年份", "date", "published")),
    ("venue", ("venue", "journal", "conference", "source", "published in", "zeitschrift", "revue", "revista",
               "rivista", "czasopismo", "журнал", "期刊", "会议", "出处", "雑誌", "掲載誌", "publisher", "verlag",
               "éditeur", "editorial", "editore", "出版社", "издательство", "booktitle", "proceedings")),
    ("link", ("link", "links", "url", "pdf", "doi", "code", "download", "paper link", "链接", "リンク")),
)
_ORDER = ("author", "title", "venue", "year", "link")
_WORD_RE = re.compile(r"[^\W\d_]+")


def column_role(header: str) -> str | None:
    """What a header cell names (``"Paper Title"`` → ``"title"``), or None."""
    low = " ".join(header.lower().replace("*", " ").replace("_", " ").split())
    if not low or len(low) > 40:
        return None
    words = _WORD_RE.findall(low)
    for role, names in _ROLES:  # phrases first: "published in" is a venue, "paper link" a link
        if any(" " in name and name in low for name in names):
            return role
    for role, names in _ROLES:
        for name in names:
            if " " in name:
                continue
            if not name.isascii():
                if name in low:
                    return role
            elif any(w == name or (len(name) > 3 and w.startswith(name)) for w in words):
                return role
    return None


def table_roles(headers: list[str]) -> list[str | None] | None:
    """The role of each column when the header names a title column and authors, a year or a venue; else None."""
    roles: list[str | None] = []
    for header in headers:
        role = column_role(header)
        roles.append(role if role not in roles else None)  # a second "Title" column is not read as one
    if "title" in roles and {"author", "year", "venue"} & set(roles):
        return roles
    return None


def row_reference(roles: list[str | None], cells: list[str]) -> str | None:
    """A row of a table of works written as a reference: ``Authors. Title. Venue, Year. Links``; None for a row
    with no title (a group row, an empty row)."""
    by_role: dict[str, list[str]] = {}
    for role, cell in zip(roles, cells):
        cell = " ".join(cell.split())
        if role and cell:
            by_role.setdefault(role, []).append(cell)
    if "title" not in by_role:
        return None
    parts = []
    for role in _ORDER:
        text = " ".join(by_role.get(role, ()))
        if not text:
            continue
        if role == "year" and parts and by_role.get("venue"):
            parts[-1] = parts[-1].rstrip(".") + ", " + text
            continue
        parts.append(text)
    last = len(parts) - 1
    return " ".join(p if p.endswith((".", "?", "!")) or k == last else p + "." for k, p in enumerate(parts))


_NAME_CELL_RE = NAME_FIRST_RE  # "Amsel, Karin", "Roe, J."


_YEAR_CELL_RE = re.compile(EARLY_YEAR)


def row_as_entry(cells: list[str]) -> str | None:
    """A row of a table with no header naming its columns whose cells together read as one reference (``Amsel,
    K. | Birds of the marsh | Vogelwelt 4, 3-9 | 2011``) while no cell does alone, its first cell a name: the cells
    joined, each closed with a stop; None for any other row (a data table's, or one that holds a whole entry in a
    cell)."""
    cells = [" ".join(c.split()) for c in cells if c.strip()]
    if not 2 <= len(cells) <= 8 or any(has_core(c) and evidence_of(c) >= IN_LIST for c in cells):
        return None
    if any(c.isdigit() and not _YEAR_CELL_RE.fullmatch(c) for c in cells):
        return None  # "Roe, J. | Heron count | 45 | 2010": a count in a cell of its own, a data table's row
    if not (_NAME_CELL_RE.match(cells[0]) or is_author_list(cells[0].rstrip(" ."))):
        return None  # a film's or an event's name and a description: a table of things, not of works cited
    if any(len(c.split()) > 30 or (len(c.split()) >= 8 and judged(c) == PROSE) for c in cells):
        return None
    text = " ".join(c if c.endswith((".", "?", "!")) else c + "." for c in cells)
    # (three cells or more set the fields apart: "Name | Title | Place : Publisher | 2011" needs no more marks)
    if has_core(text) and evidence_of(text) >= (2 if len(cells) >= 3 else IN_LIST) and judged(text) is None:
        return text
    return None
