"""The edition a reference prints, in figures or words, in English, German, Dutch and French: ``2nd ed.``,
``second edition``, ``3. Aufl.``, ``zweite Auflage``, ``2e druk``, ``tweede druk``, ``2e éd.``, ``Troisième édition``.

CSL's ``edition`` holds the number (``2``) when the string gives one, so that every style can print it its own way;
a reader that kept the words (``second edition``) or took another number for it (``ch. 7, 2nd edn.`` read as 7)
is mended from the printed phrase. ``Vol. 6. Ed. Nathan Houser`` names an editor, not an edition.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Reference
from acuref.normalize.pages import normalize_pages

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6, "siebte": 7,
    "achte": 8, "neunte": 9, "zehnte": 10, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5,
    "zesde": 6, "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10, "première": 1, "premier": 1, "deuxième": 2,
    "seconde": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
    "neuvième": 9, "dixième": 10,
}
_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|erste|zweite|dritte|vierte|fünfte|" \
        r"sechste|siebte|achte|neunte|zehnte|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|" \
        r"première|premier|deuxième|seconde|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième)[nrs]?"
_EDITION_WORD = r"(?:ed\b\.?|edn\b\.?|edition\b|éd\b\.?|édition\b|[ée]dit\.|Aufl\b\.?|Auflage\b|Ausg\b\.?|Ausgabe\b|" \
                r"druk\b|dr\.|uitgave\b|editie\b)"
_EDITION_RE = re.compile(
    rf"(?<![\w.])(?:(?P<n>\d{{1,3}})\s*(?P<suffix>st|nd|rd|th|e|de|ste|ème|eme|è|re|er|ª|a|\.)?(?:,(?=\s*[^\W\d]))?|(?P<w>{_WORD}))\s*"
    rf"(?:(?:rev(?:ised)?\.?|revised|überarb(?:eitete)?\.?|erw(?:eiterte)?\.?|herz(?:iene)?\.?|revue|augmentée|"
    rf"durchges(?:ehene)?\.?|aktualis(?:ierte)?\.?|korr(?:igierte)?\.?|verb(?:esserte)?\.?|neu(?:\s+bearb(?:eitete)?\.?)?|"
    rf"bearb(?:eitete)?\.?|ergänzte|und|and|et|en)\s*,?\s*)*(?P<ed>{_EDITION_WORD})",
    re.IGNORECASE)


def read_edition(ref: Reference, text: str) -> Reference:
    """``ref`` with the edition its string prints, as a number; unchanged when it prints none."""
    if ref.parsed and "(" in text:
        ref = _without_note(ref, text)
        if "(=" in text or "( =" in text:
            ref = _series_statement(ref, text)
    if not ref.parsed or not _cue(text):
        return ref
    for m in _EDITION_RE.finditer(text):
        if _an_editor(m, text):
            continue
        if m.group("n") and not 0 < int(m.group("n")) <= 150:
            continue
        number = m.group("n") or str(_ordinal(m.group("w")))
        changes: dict = {"edition": number}
        if m.group("n"):  # "Chimie organique, 2e éd": off the title; "…, Sixth Edition" is often the title's own
            changes["title"] = _without_edition(ref.title, m.group(0), text, m.start())
            if ref.container_title and _TRANSLATOR_RE.match(" " + ref.container_title):
                changes.update(container_title=None, container_title_short=None)  # a translator, not a work
            if ref.volume == number and not _VOLUME_WORD_RE.search(text):
                changes["volume"] = None  # "18. Auflage" read as a volume: a book's edition is no volume
        if ref.type == "article-journal" and not (ref.volume or ref.issue):
            # a journal has volumes, not editions: "Lipid analysis, 3rd edn. The Oily Press" is a book (or a part)
            book = not (ref.editor or re.search(r"(?:^|[.,]\s)In:?\s", text))
            changes["type"] = "book" if book else "chapter"
            if book and ref.container_title and not ref.publisher:
                changes.update(publisher=ref.container_title, container_title=None, container_title_short=None)
        return replace(ref, **changes)
    return ref


# APA's note after a book's title: "(2nd ed.)", "(1a. ed)", "(Second revised edition)", "(Repr)", "(4. printing)",
# "(Vol. 115)", "(First, pp. 152–179)", "(Primera edición, p. 22)"; a reader that kept it in the title or the book's
# name (or cut it at its closing parenthesis) is mended, and its numbers go to their fields.
_NOTE_RE = re.compile(r"\s*\((?P<note>[^()]{2,80})\)?\s*$")
_NOTE_ORDINAL = r"(?:first|second|third|fourth|fifth|primera|primer|segunda|tercera|cuarta|quinta|primeira|terceira|" \
                r"prima|seconda|terza|première|deuxième|troisième|erste|zweite|dritte)"
_NOTE_EDITION_RE = re.compile(rf"(?:(?:\d{{1,3}}\s*(?:st|nd|rd|th|a|ª|e|\.)?|{_NOTE_ORDINAL})\s*(?:[\w.]+\s+){{0,2}}?"
                              rf"(?:ed\b\.?|edn\b\.?|edition|edición|edição|edizione|éd\b\.?|édition|Aufl\b\.?|Auflage|"
                              rf"printing|impr\b\.?|impresión)|{_NOTE_ORDINAL}|repr\.?|reprint|reimpr\.?|"
                              rf"(?:abridged|updated|revised|and|\s)+)", re.IGNORECASE)
_NOTE_VOLUME_RE = re.compile(r"Vols?\.\s*(?P<v>\d+(?:[-–]\d+)?)")
_NOTE_PAGES_RE = re.compile(r"pp?\.\s*(?P<p>\d+(?:\s*[-–]\s*\d+)?)")


def _without_note(ref: Reference, text: str) -> Reference:
    """``ref`` without an APA note closing its title or its book's name (see ``_NOTE_RE``)."""
    for key in ("title", "container_title"):
        value = getattr(ref, key)
        m = _NOTE_RE.search(value) if value and "(" in value else None
        printed = re.search(r"\(" + re.escape(m.group("note").strip()) + r"[^()]{0,80}\)", text) if m else None
        if not m or not printed or m.start() < 3:
            continue  # the whole note, as printed: a reader may have cut it at a comma ("(First")
        changes: dict = {key: value[: m.start()].rstrip(" ,.:;")}
        for part in (p.strip() for p in printed.group(0)[1:-1].split(",")):
            edition = _NOTE_EDITION_RE.fullmatch(part)
            volume, pages = _NOTE_VOLUME_RE.fullmatch(part), _NOTE_PAGES_RE.fullmatch(part)
            if edition:
                number = re.match(r"\d+", part)
                if number and "print" not in part.lower() and "impr" not in part.lower():
                    changes.setdefault("edition", number.group(0))
            elif volume:
                changes["volume"] = ref.volume or volume.group("v")
            elif pages:
                changes["page"] = ref.page or normalize_pages(pages.group("p"))
            else:
                break
        else:
            if key == "container_title" and ref.container_title_short == value:
                changes["container_title_short"] = None
            ref = replace(ref, **changes)
    return ref


# German humanities print the series in parentheses after the title: "(=Die Kirche von Paderborn. 3)",
# "(= Studien zur Geschichte, Bd. 12)".
_SERIES_STATEMENT_RE = re.compile(r"\(\s?=\s?(?P<series>[^()=]{2,200}?)[\s.,;:]*(?:(?:Bd|Band|Nr|Heft|H|Vol|Teil)\.?\s*)?"
                                  r"(?P<number>\d{1,5}[a-z]?)?\s*\)")


def _series_statement(ref: Reference, text: str) -> Reference:
    """``Title (=Series. 3)``: the series and its number leave the title (or the book's name) for their fields."""
    m = _SERIES_STATEMENT_RE.search(text)
    if not m:
        return ref
    series = m.group("series").strip(" .,;:")
    if re.fullmatch(r"(?:Bd|Band|Nr|Heft|H|Vol|Teil)\.?", series):  # "(= Bd. 2)": a volume of the work, no series
        changes: dict = {"volume": ref.volume or m.group("number")} if m.group("number") else {}
        if ref.container_title and re.fullmatch(r"(?:Bd|Band|Nr|Heft|H|Vol|Teil)\.?", ref.container_title.strip()):
            changes.update(container_title=None, container_title_short=None)
        return replace(ref, **changes)
    changes = {"collection_title": series, "collection_number": m.group("number")}
    printed = re.sub(r"\s+", " ", m.group(0))
    for key in ("title", "container_title"):
        value = getattr(ref, key)
        if value and "(=" in value.replace("( =", "(="):
            at = value.replace("( =", "(=").find("(=")
            if at > 3:
                changes[key] = value[:at].rstrip(" ,.;:")
        elif value and printed.startswith("(") and value.endswith(printed.rstrip(")")):
            changes[key] = value[: len(value) - len(printed) + 1].rstrip(" ,.;:(")
    return replace(ref, **changes)


def _an_editor(m: "re.Match[str]", text: str) -> bool:
    """``Vol. 6. Ed. Nathan Houser``, ``pp. 1–20. Ed. by``: a bare number, the short word, a name after it."""
    short = m.group("ed").lower().rstrip(".") in ("ed", "éd")
    bare = m.group("n") and m.group("suffix") in (None, ".")
    return bool(short and bare and re.match(r"\s+(?:by\s+|par\s+|von\s+)?[A-Z]", text[m.end(): m.end() + 30]))


def _ordinal(word: str) -> int:
    w = word.lower()
    return _ORDINALS.get(w) or _ORDINALS[w[:-1]]


def _cue(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in ("ed", "éd", "aufl", "ausg", "druk", "dr.", "uitgave", "editie"))


def _without_edition(title: str | None, printed: str, text: str = "", start: int = -1) -> str | None:
    """The title without an edition phrase that closes it (``Chimie organique, 2e éd``), or without the start of one
    that it ran into (``Einführung in die Philosophie. 7`` of ``… 7. Auflage. Freiburg``: the same figures of the
    string, not a number that closes the title, as in ``Bd. 2. 2. Auflage``); then without a translator's sentence."""
    if not title:
        return title
    title = _TRANSLATOR_RE.sub("", title).rstrip(" .,;") or title
    at = title.rfind(printed)
    if at > 8 and len(title) - at - len(printed) <= 2:
        return title[:at].rstrip(" ,.;:([") or title
    number = re.match(r"\d+", printed)
    if number and len(title) > 8 + number.end() and start >= 0:
        for k in range(min(len(printed), len(title)) - 1, number.end() - 1, -1):  # title[-k - 1] exists
            if title.endswith(printed[:k]) and title[-k - 1] in " .,(" and text.find(title) == start + k - len(title):
                return title[:-k].rstrip(" ,.;:([") or title
    return title


# a translator named after the title: "Was ist Philosophie?. Übersetzt von …", "…. Translated by …"
_TRANSLATOR_RE = re.compile(r"(?:(?<=[?!])\.)?\s+(?:Übersetzt von|Übers\. v(?:on|\.)|Aus dem \w+ (?:übersetzt|übertragen) von|"
                            r"Translated by|Trans\. by|Traduit (?:de l[’']\w+ )?par|Trad\. par|Traducción de|"
                            r"Tradução de|Traduzione di|Vertaald door)\s.*$")
_VOLUME_WORD_RE = re.compile(r"\b(?:Bd|Band|Vol|vol|T|Tome|Teil|deel|Jg)\b\.?\s*\d")


__all__ = ["read_edition"]
