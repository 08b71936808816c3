"""Authors that are not people, and authors a list does not print again.

- A body's name at the head of the string (``Sea Shepherd Conservation Society. « Title »``, ``Ministero del lavoro
  e delle politiche sociali - Decreto …``) is the author, read whole: a full stop after an abbreviation inside the
  name (Polish ``ds.``, ``d.s.``) does not end it, nor does a domain (``Redakcja Site.pl``).
- ``———.``, ``——,`` or a lone dash where the authors stand (CSL's subsequent-author-substitute, biblatex's
  ``\\bibnamedash``) repeats the authors of the entry before it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from acuref.model import Name, Reference
from acuref.normalize.names import classify, org_led

__all__ = ["org_author", "organisations", "same_authors"]

# Where a body's name printed first ends: a full stop, a spaced dash, an opening quote, a comma, a colon or a year.
_HEAD_END_RE = re.compile(r"\.\s+|\s+[-–—]\s+|\s*[«“„\"]|,\s+|:\s+|\s*\(\s*(?:\d{4}|[a-z]\.\s?[a-zA-Z]\.)")
# A full stop that closes an abbreviation inside a name: Polish "ds." / "d.s." (do spraw), "św." (saint), "im."
# (named after), German "e. V."
_ABBREVIATION_RE = re.compile(r"(?:^|\s)(?:ds|d\.s|św|im|e|e\.\s?V|St)$")
_LABEL = r"(?:\[[^\]]{1,12}\]|\(\d{1,4}\)|\d{1,4}[.)])"  # "[4]", "(4)", "4.", "4)"
_LABEL_RE = re.compile(rf"^\s*{_LABEL}\s+")
_MAX_HEAD = 160
_ACRONYM_RE = re.compile(r"[A-Z][A-Z&]{2,7}")
# A body's name in lower case after its institution's word is French, Italian, Spanish, German or Polish, where a
# connector follows that word ("Ministero della salute", "Centre de toxicomanie", "Komisja ds. Edukacji"); English
# bodies capitalise their words, so "Statistics for experimenters" or "Association of obesity with …" is a title.
_CONNECTOR_RE = re.compile(r"\S+\s+(?:de|du|des|del|dell|della|delle|dei|degli|di|da|do|dos|das|ds\.|d\.s\.|für|dla|na|pour|"
                           r"per)[\s'’]|(?:[LlDd]['’]|The\s+)?(?:Encyclop|Enciclop|Enzyklop)")  # or an encyclopaedia


def _head(text: str) -> str | None:
    """The body's name the string opens with, or None when it opens otherwise."""
    text = _LABEL_RE.sub("", text, count=1)
    for m in _HEAD_END_RE.finditer(text):
        if m.start() > _MAX_HEAD:
            return None  # (checked first: an abbreviation's stop goes on scanning, and must not rescan long heads)
        head = text[: m.start()].strip()
        end = m.group().strip()[:1]
        if end == "." and _ABBREVIATION_RE.search(head):
            continue
        if not head:
            return None
        # a lower-case name after an institution's word is not taken before a comma or a colon: there it may be a
        # title ("Asociación del síndrome … con …, consumo de …")
        led = end not in ",:" and org_led(head) and _CONNECTOR_RE.match(head) is not None
        if _ACRONYM_RE.fullmatch(head) and (end == "." or (end in "-–—" and text[m.end():m.end() + 1].isupper())):
            return head  # "NIST. Title", "OECD – Title" (not "HIV – the epidemic …"; nor before a colon: "DRAW: A …")
        return head if len(head) > 8 and (classify(head) == "org" or led) else None
    return None


def _name_text(name: Name) -> str:
    return name.literal or " ".join(p for p in (name.given, name.family) if p)


# A statute or decree named first ("Legge 8 ottobre 2010, n. 170", "D.Lgs. 66/2017", "Regolamento (UE) 2016/679",
# "Verordnung (EU) …", "Décret n° …"): the act's name, never an author.
_LAW_RE = re.compile(
    r"(?:Legge|Decreto|D\.\s?(?:M|L|P\.\s?R|Lgs|I|P\.\s?C\.\s?M)\.|Circolare|Regolamento|Direttiva|Gesetz|Verordnung|"
    r"Richtlinie|Loi|Décret|Arrêté|Ley|Real Decreto|Ustawa|Rozporządzenie|Dyrektywa|Regulation|Directive)"
    r"(?=\s*(?:\d|n\.|nr\b|\(|[a-zà-ÿ]|Ministeriale|Legislativo))"
)


def _people_as_bodies(ref: Reference) -> Reference:
    """An organisation read as a person (``Diabetes Fonds`` as family Fonds, given Diabetes) is one literal name."""
    if not ref.author or len(ref.author) > 3:
        return ref
    names = tuple(Name(literal=f"{n.given} {n.family}") if _body_as_person(n) else n for n in ref.author)
    return replace(ref, author=names) if names != ref.author else ref


def _body_as_person(n: Name) -> bool:
    """A one-word given name before a family name that together name a body (``Diabetes`` ``Fonds``)."""
    return bool(n.given and n.family and not n.literal and " " not in n.given.strip(".") and not n.given.endswith(".")
                and classify(f"{n.given} {n.family}") == "org")


def organisations(ref: Reference, text: str) -> Reference:
    """The reading's authors where they are bodies: the body printed at the head of ``text`` (:func:`org_author`),
    then a body split into given and family names made one literal name again."""
    return _people_as_bodies(org_author(ref, text))


def org_author(ref: Reference, text: str) -> Reference:
    """The body at the head of ``text`` as the one author, where the reading has none or has only its start; an
    act's name read as the author is none."""
    if len(ref.author) > 1:
        return ref
    law = _LAW_RE.match(_LABEL_RE.sub("", text, count=1))
    if law:
        now = _name_text(ref.author[0]) if ref.author else ""
        word = now.split()[:1]  # (a blank name has no first word)
        return replace(ref, author=()) if word and law.group().startswith(word[0][:4]) else ref
    head = _head(text)
    if head is None:
        return ref
    title = ref.title or ""
    if title.strip(" .") == head or ((ref.container_title or "").strip(" .") == head and (
            ref.volume or ref.page or not title)):
        return ref  # the reader made it the title, or a journal's name, and nothing else is
    cut = head  # what of the head the title may have taken
    if ref.author:
        now = _name_text(ref.author[0]).rstrip(". ")
        if not (len(now) < len(head) and head.startswith(now)):
            return ref  # another reading of the author stands
        cut = head[len(now):].strip(" .")
    changes: dict[str, object] = {"author": (Name(literal=head),)}
    if cut and title.startswith(cut):
        changes["title"] = title[len(cut):].strip(" .,:;-–—") or _after(text, head)
    if (ref.container_title or "").strip(" .") == head:
        changes["container_title"] = None  # the body is who wrote it, not where it appeared
    return replace(ref, **changes)  # type: ignore[arg-type]


_AFTER_END_RE = re.compile(r"\s+(?:https?://|www\.)|\s*\[|\.\s|,\s|$")


def _after(text: str, head: str) -> str | None:
    """What follows the body's name up to the next stop, link or bracket: the title a reading lost to the name."""
    at = text.find(head)
    rest = text[at + len(head):].lstrip(" .,:;-–—") if at >= 0 else ""
    m = _AFTER_END_RE.search(rest)
    title = rest[: m.start()].strip(" .,:;") if m else ""
    return title if len(title) > 2 else None


# The authors left out: two or more dashes or underscores, or one dash alone before the title, then a stop or comma.
_DASH_RE = re.compile(rf"^\s*(?:{_LABEL}\s*)?(?:(?P<many>[―—–-]{{2,}}|_{{3,}})|[―—–](?=\s))\s*[.,:]?\s")


def same_authors(refs: Sequence[Reference], raws: Sequence[str]) -> list[Reference]:
    """``refs`` in order, each whose string opens with a dash where the authors stand given the authors of the nearest
    entry before it that prints its authors.

    ``———`` always stands for the authors; a lone dash only where the list also prints ``———`` or where at most
    half its entries open with one: a list of dashed entries is a list of bullets, and an unnamed bullet after a named
    one is no repetition of its authors."""
    dashes = [_DASH_RE.match(raw or "") for raw in raws]
    single = sum(1 for m in dashes if m and not m.group("many"))
    lone_counts = any(m and m.group("many") for m in dashes) or 2 * single <= len(raws)
    out: list[Reference] = []
    named: tuple[Name, ...] = ()
    for ref, m in zip(refs, dashes):
        if not m or not (m.group("many") or lone_counts):
            named = ref.author
        elif not ref.author and named:
            ref = replace(ref, author=named)
        out.append(ref)
    return out
