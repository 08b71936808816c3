"""Family names printed in capitals (``BARTHES Roland``, ``Pascal CATHÉBRAS``, ``BRICEÑO RUIZ, J.``) told from
initials and acronyms, and the letters every name pattern is built from."""

from __future__ import annotations

import re

__all__ = ["LOW", "PARTICLE", "UP", "caps_family", "caps_name", "case_family", "inverted_first"]

# Latin, Cyrillic and Greek letters: a Russian or Greek name ("Колмогоров А. Н.", "Παπαδόπουλος Γ.") has the same
# shapes as a Latin one, and splits the same way into family and given names
UP = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐЎΆΈ-ΊΌΎ-ΏΑ-ΡΣ-Ω"
LOW = "a-zß-öø-ÿĀ-ſа-яёіїєґўΐά-ώ"
# Lower-case particles only: a capitalised "Van" or "De" is matched as a family word, so that every token of
# a name has exactly one way to match (overlapping alternatives made these patterns backtrack exponentially).
PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|das|dos|du|des|la|le|ter|ten|zu|al|el|bin|y|d')(?![a-zA-ZÀ-ſ])"
_ALLCAPS_RE = re.compile(rf"^[{UP}'’\-\s]+$")
# A family name in capitals of four letters or more with a vowel ("FRYE", "RUIZ"): initials have no vowels or fewer
# letters ("JF", "AMD"); four letters with three consonants in a row are initials too ("AJFK"), a longer word with
# them is a name ("SCHMIDT", "CASTRO").
_VOWEL = "AEIOUYÀ-ÖØ-Ý"
_CAPS_WORD_RE = re.compile(rf"[{UP}]*[{_VOWEL}][{UP}]*")
_THREE_CONSONANTS_RE = re.compile(rf"[^{_VOWEL}\s]{{3}}")


def caps_family(part: str) -> bool:
    """``BRICEÑO RUIZ``: two family words in capitals, neither of them initials (longer runs are titles in capitals)."""
    words = part.split()
    return len(words) == 2 and part.isupper() and all(
        len(w) >= 4 and _CAPS_WORD_RE.fullmatch(w) and not (len(w) == 4 and _THREE_CONSONANTS_RE.search(w))
        for w in words)


def case_family(family: str) -> str:
    """A family name in capitals as printed in mixed case: ``REY-DEBOVE`` → ``Rey-Debove``."""
    if len(family) > 2 and _ALLCAPS_RE.match(family) and any(c.isalpha() for c in family):
        return "-".join(w.capitalize() for w in family.title().split("-")) if "-" in family else family.title()
    return family


# French, Spanish, Portuguese and Italian lists print the family name in capitals, before or after the given
# names: "BARTHES Roland", "REY-DEBOVE Josette", "Pascal CATHÉBRAS", "Jean-Luc de LA FONTAINE".
# five capitals or more, or capitals joined: initials ("JF", "AMD Duhaime", "Russell RCG") have up to four
_CAPS = rf"[{UP}]{{5,}}(?:[-'’\s][{UP}]{{2,}})*|[{UP}]{{2,}}[-'’\s][{UP}]{{2,}}"
_GIVEN = rf"[{UP}][{LOW}]+(?:[-\s][{UP}][{LOW}]+)*(?:\s+[{UP}]\.)*"
# before the given name, four capitals with a vowel are a family name too ("FRYE Northrop"); after it they are
# initials ("Osterhaus ADME")
# ("OECD Publishing", "IEEE Computer", "UNDP Indonesia" are one body: an acronym's letters, not a name's, so the
# four capitals may not open with two vowels and the word after them must not be a body's or a publisher's)
_CAPS_FIRST_RE = re.compile(rf"(?P<fam>(?:{_CAPS}|(?![{_VOWEL}]{{2}})(?=[{UP}]*[{_VOWEL}])[{UP}]{{4}}))\s+(?P<given>{_GIVEN})")
_NOT_GIVEN_RE = re.compile(r"(?:Publishing|Press|Publications|Publishers|Books|Computer|Society|Group|Media|Online|"
                           r"News|Report|Reports|Foundation|Institute|Indonesia|India|Africa|Asia|Europe)\b")
_CAPS_LAST_RE = re.compile(rf"(?P<given>{_GIVEN})\s+(?P<fam>(?:{PARTICLE}\s+)*(?:{_CAPS}))")




def caps_name(part: str) -> tuple[str, str] | None:
    """(family, given) of a name whose family name is in capitals, before or after the given names; None otherwise."""
    caps = _CAPS_FIRST_RE.fullmatch(part) or _CAPS_LAST_RE.fullmatch(part)
    if caps is None or _NOT_GIVEN_RE.match(caps.group("given")):
        return None
    return case_family(caps.group("fam")), caps.group("given")


def inverted_first(parts: list[str], kinds: list[str | None], body: str) -> bool:
    """``Knorr Cetina, Karin`` or ``Smith, John``: the first name is inverted, its family name of one or two words;
    a two-word family name is only read so before a comma (not ``Rob Kling and Rob``) and where nothing but
    given-first names follow (``… , and Kate Jones``)."""
    if kinds[0] == "fam":
        return True
    return kinds[0] == "givenfirst" and len(parts[0].split()) == 2 and "." not in parts[0] and all(
        k in ("givenfirst", "initfirst") for k in kinds[2:]) and body.lstrip()[len(parts[0]):].lstrip()[:1] == ","
