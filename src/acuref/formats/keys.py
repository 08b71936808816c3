"""Citation keys in the Better BibTeX style: ``auth.lower + shorttitle(3,3) + year``, unique per run."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from acuref.model import Reference
from acuref.normalize.text import LETTERS

# Better BibTeX skips these words in short titles.
STOP_WORDS = frozenset(
    "a ab aboard about above across after against al along amid among an and anti around as at before behind below "
    "beneath beside besides between beyond but by d da das de del dell dello dei degli della dem den der des di die "
    "do down du during ein eine einem einen einer eines el en et except for from gli i il in inside into is l la las "
    "le les like lo los near nor of off on onto or over past per plus round save since so some sur than the through "
    "to toward towards un una unas under underneath une unlike uno unos until up upon versus via von while with "
    "within without yet zu zum het een van voor met op".split()
)


def ascii_fold(text: str) -> str:
    """``Schröder`` → ``Schroder``; ``ß`` → ``ss``; everything else not ASCII is dropped."""
    return unicodedata.normalize("NFKD", text.translate(LETTERS)).encode("ascii", "ignore").decode("ascii")


def _word(w: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", ascii_fold(w))


def base_key(ref: Reference) -> str:
    if ref.author:
        first = ref.author[0]
        name = first.family or first.literal
        # An organisation gives its first significant word, as Better BibTeX does.
        words = name.split()  # none when the name is only spaces (a CSL library may hold {"literal": " "})
        auth = _word(words[0] if first.literal and words else name.replace(" ", ""))
    elif ref.editor:
        auth = _word((ref.editor[0].family or ref.editor[0].literal).replace(" ", ""))
    else:
        auth = ""
    words = [_word(w) for w in re.split(r"[\s\-–—/:]+", ref.title or ref.container_title or "")]
    short = [w for w in words if w and w.lower() not in STOP_WORDS][:3]
    title = "".join(w[:1].upper() + w[1:] for w in short)
    year = str(ref.issued.year) if ref.issued else ""
    key = f"{auth.lower()}{title}{year}"
    if not auth and not title:
        return f"anon{year}"  # a key must not start with a digit
    if not auth:
        key = key[0].lower() + key[1:]
    return key


def _kept_key(ref: Reference) -> str | None:
    """An entry read from the user's own library keeps its key: their documents cite it."""
    for src in ref.sources:
        if src.kind == "bibliography" and src.label and re.fullmatch(r"[^\s,{}%#\\\"'=()]+", src.label):
            return src.label
    return None


def assign_keys(refs: Iterable[Reference], pattern: str | None = None) -> list[str]:
    """Keys for ``refs`` in order (from ``pattern`` when given); a clash gets ``a``, ``b``, … on the second and
    later uses."""
    refs = list(refs)
    made = _pattern_keys(pattern)
    keys: list[str] = []
    seen: dict[str, int] = {}
    kept = [_kept_key(r) for r in refs]
    used: set[str] = set()
    taken = {k for k in kept if k}
    for ref, own in zip(refs, kept):
        if own and own not in used:
            used.add(own)
            keys.append(own)
            continue
        base = made(ref) or base_key(ref)  # a pattern that gives nothing falls back to the default key
        n = seen.get(base, 0)
        key = base
        while key in used or key in taken:
            key = base + _suffix(n)
            n += 1
        seen[base] = n
        used.add(key)
        keys.append(key)
    return keys


def _pattern_keys(pattern: str | None) -> Callable[[Reference], str]:
    """What makes a reference's key before clashes are settled: the pattern's keys, or none (the default)."""
    if pattern is None:
        return lambda ref: ""
    from acuref.formats.keypattern import compile_pattern  # it reads this module's words: imported when asked

    return compile_pattern(pattern).key


def _suffix(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out
