"""Citation-key patterns in Better BibTeX's bracket syntax (``--key-pattern '[auth:lower][year][shorttitle3_3]'``).

Read from Better BibTeX's own code (content/key-manager/legacy.peggy, the bracket grammar, and formatter.ts,
its functions and filters): a pattern is literal text and ``[function:filter:filter,arg]`` chunks, and
``a|b`` tries ``b`` when ``a`` gives an empty key or a ``:>N`` length test fails. Functions spelt with a
lower-case ``auth``/``edtr`` prefix fold their names to ASCII, as Better BibTeX's do; the finished key is
folded to ASCII and loses white space and the characters Better BibTeX calls unsafe. docs/keys.md lists
what is supported and where acuref departs from Better BibTeX.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from acuref.errors import UsageError
from acuref.formats.keys import STOP_WORDS, ascii_fold
from acuref.model import Name, Reference

__all__ = ["Pattern", "compile_pattern"]

UNSAFE = re.compile(r"[\s\"#%'(),={}~\\]")  # Better BibTeX's default citekeyUnsafeChars, white space and "\"
_CHUNK = re.compile(r"\[([^\[\]]*)\]|([^\[\]|]+)|(\|)|([\[\]])")
_FUNCTION = re.compile(r"([A-Za-z]+?|authEtal2_)(\d+)?(?:_(\d+))?")


def _names(ref: Reference, kind: str = "*") -> list[Name]:
    """The creators a function reads: authors, else editors (Better BibTeX's ``*``), or editors only."""
    if kind == "editor":
        return list(ref.editor)
    return list(ref.author or ref.editor)


def _family(name: Name) -> str:
    return name.family or name.literal


def _auth(ref: Reference, n: int, m: int, kind: str) -> str:
    names = _names(ref, kind)
    got = _family(names[m - 1]) if 0 < m <= len(names) else ""
    return got[:n] if n else got


def _authors(ref: Reference, n: int, kind: str) -> str:
    names = [_family(a) for a in _names(ref, kind)]
    return " ".join(names[:n] + ["EtAl"] if n and n < len(names) else names)


def _auth_et_al(ref: Reference, kind: str, etal: str = "EtAl", sep: str = " ") -> str:
    names = [_family(a) for a in _names(ref, kind)]
    return sep.join(names if len(names) == 2 else names[:1] + ([etal] if len(names) > 1 else []))


def _nopunct(text: str, dash: str = "-") -> str:
    """Dashes become ``dash``; opening, closing, quoting and other punctuation goes (Unicode Pd, Ps, Pe, Pi,
    Pf, Po, as Better BibTeX's nopunct)."""
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if cat == "Pd" or c in "\u2500\uff0d\u2015":
            out.append(dash)
        elif cat not in ("Ps", "Pe", "Pi", "Pf", "Po"):
            out.append(c)
    return "".join(out)


def title_words(title: str | None, nopunct: bool = True) -> list[str]:
    """A title's significant words as Better BibTeX's titleWords finds them: ``/`` and ``:`` split, the
    punctuation around each word goes, hyphenated words stay one word, and skip words and one-letter words
    (not digits) are left out."""
    text = re.sub(r"</?(?:i|b|sc|nc|code|span[^>]*)>|\"", "", title or "").replace("/", " ").replace(":", " ")
    words = []
    for raw in text.split():
        word = re.sub(r"^[\W_]+|[\W_]+$", "", raw)  # the marks around a word are not part of it
        word = _nopunct(word, "") if nopunct else word
        if not word or (len(word) == 1 and not word.isdigit()) or word.lower() in STOP_WORDS:
            continue
        words.append(word)
    return words


def _shorttitle(ref: Reference, n: int, m: int) -> str:
    words = title_words(ref.title or "")[:n]
    return " ".join((ascii_fold(w)[:1].upper() + ascii_fold(w)[1:]) if i < m else w for i, w in enumerate(words))


def _year(ref: Reference, short: bool = False) -> str:
    if not ref.issued or not ref.issued.year:
        return ""
    return f"{ref.issued.year % 100:02d}" if short else f"{ref.issued.year:02d}"


_FIELDS = {"title": "title", "publicationtitle": "container_title", "journalabbreviation": "container_title_short",
           "volume": "volume", "issue": "issue", "pages": "page", "publisher": "publisher",
           "place": "publisher_place", "doi": "DOI", "language": "language", "edition": "edition"}


def _function(name: str, n: int | None, m: int | None) -> Callable[[Reference], str]:
    """The function a chunk names (``auth``, ``authors2``, ``shorttitle3_3`` …), or a UsageError."""
    low, kind = name.lower().rstrip("_"), "*"
    if low.startswith("edtr") or low.startswith("editors"):
        low, kind = "auth" + low[4:] if low.startswith("edtr") else "authors" + low[7:], "editor"
    table: dict[str, Callable[[Reference], str]] = {
        "auth": lambda r: _auth(r, n or 0, m or 1, kind),
        "authors": lambda r: _authors(r, n or 0, kind),
        "authetal": lambda r: _auth_et_al(r, kind),
        "authetal2": lambda r: _auth_et_al(r, kind, "etal", "."),
        "authorlast": lambda r: _family(_names(r, kind)[-1]) if _names(r, kind) else "",
        "year": lambda r: _year(r), "shortyear": lambda r: _year(r, True),
        "title": lambda r: " ".join(title_words(r.title)),
        "shorttitle": lambda r: _shorttitle(r, 3 if n is None else n, m or 0),
        "veryshorttitle": lambda r: _shorttitle(r, 1 if n is None else n, m or 0),
        "journal": lambda r: r.container_title_short or r.container_title or "",
    }
    if name[:1].isupper() and low in _FIELDS and n is None:  # [Title]: the field as it is, [title]: its words
        return lambda r: str(getattr(r, _FIELDS[low]) or "")
    if low in table and (n is None or low in ("auth", "authors", "shorttitle", "veryshorttitle")):
        return table[low]
    raise UsageError(f"--key-pattern: unknown function [{name}{'' if n is None else n}]"
                     " (see docs/keys.md for the supported ones)")


def _words(text: str) -> list[str]:
    return text.split()


def _select(text: str, start: int = 1, n: int | None = None) -> str:
    words = _words(text)
    start = len(words) + start if start < 0 else max(start, 1) - 1
    return " ".join(words[start:] if n is None else words[start:start + max(n, 1)])


def _substring(text: str, start: int = 1, n: int | None = None) -> str:
    return text[start - 1:] if n is None else text[start - 1:start - 1 + n]


def _int(arg: str, what: str) -> int:
    if not re.fullmatch(r"-?\d+", arg):
        raise UsageError(f"--key-pattern: :{what} takes numbers, not {arg!r}")
    return int(arg)


_FILTERS: dict[str, Callable[..., str]] = {
    "lower": str.lower, "upper": str.upper,
    "capitalize": lambda t: re.sub(r"(^|\s)([a-z])", lambda m: m.group(1) + m.group(2).upper(), t),
    "abbr": lambda t, chars="1": "".join(w[:_int(chars, "abbr")] for w in _words(t)),
    "skipwords": lambda t: " ".join(title_words(t, nopunct=False)),
    "select": lambda t, *a: _select(t, *(_int(x, "select") for x in a)),
    "substring": lambda t, *a: _substring(t, *(_int(x, "substring") for x in a)),
    "nopunct": lambda t, dash="-": _nopunct(t, dash), "nopunctordash": lambda t: _nopunct(t, ""),
    "condense": lambda t, sep="": re.sub(r"\s+", sep, t),
    "fold": ascii_fold, "transliterate": ascii_fold, "clean": lambda t: UNSAFE.sub(
        lambda m: m.group() if m.group().isspace() else "", ascii_fold(t)).strip(),
    "ascii": lambda t: " ".join(re.sub(r"[^ -~]", "", t).split()),
    "alphanum": lambda t: " ".join(re.sub(r"[^\w\s]|_", "", t).split()),
    "prefix": lambda t, p="": p + t if t else t, "postfix": lambda t, p="": t + p if t else t,
}


@dataclass(frozen=True, slots=True)
class _Step:
    """One filter: its function and arguments, or a length test (``:>N``) that sends the key to the next
    alternative when the text so far is not longer than N, or a default (``:(text)``) for empty text."""

    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Chunk:
    literal: str = ""
    function: Callable[[Reference], str] | None = None
    fold: bool = False
    steps: tuple[_Step, ...] = ()


class _Next(Exception):
    """A length test failed: this alternative gives no key."""


def _apply(chunk: _Chunk, ref: Reference) -> str:
    if chunk.function is None:
        return chunk.literal
    text = chunk.function(ref)
    text = ascii_fold(text) if chunk.fold else text
    for step in chunk.steps:
        if step.name == ">":
            if len(re.sub(r"\s", "", text)) <= int(step.args[0]):
                raise _Next
        elif step.name == "(":
            text = text or step.args[0]
        else:
            text = _FILTERS[step.name](text, *step.args)
    return text


def _step(text: str) -> _Step:
    """One ``:filter,arg,arg`` (or ``:>N``, ``:(default)``), checked now so a bad pattern fails before any work."""
    if m := re.fullmatch(r">(\d+)", text):
        return _Step(">", (m.group(1),))
    if m := re.fullmatch(r"\((.*)\)", text):
        return _Step("(", (m.group(1),))
    name, *args = re.split(r"[,=]", text)
    if name not in _FILTERS:
        raise UsageError(f"--key-pattern: unknown filter :{name} (see docs/keys.md for the supported ones)")
    step = _Step(name, tuple(args))
    try:
        _FILTERS[name]("a b", *args)
    except TypeError:
        raise UsageError(f"--key-pattern: too many arguments for :{name}") from None
    return step


def _chunk(inside: str) -> _Chunk:
    """``[function:filter…]``: ``[shorttitle:3]`` (a number right after a title function) is its word count."""
    head, *filters = inside.split(":")
    m = _FUNCTION.fullmatch("authEtal2_" if head.lower() == "authetal2" else head)  # the 2 is part of its name
    if not m:
        raise UsageError(f"--key-pattern: cannot read [{inside}] (a function name, then :filters)")
    name, n, k = m.group(1), m.group(2), m.group(3)
    if filters and filters[0].isdigit() and name.lower() in ("title", "shorttitle", "veryshorttitle") and n is None:
        n, filters = filters[0], filters[1:]
    function = _function(name, None if n is None else int(n), None if k is None else int(k))
    fold = name[:1].islower() and name.lower().startswith(("auth", "edtr", "editors"))
    return _Chunk(function=function, fold=fold, steps=tuple(_step(f) for f in filters))


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled ``--key-pattern``: its alternatives, each a sequence of chunks."""

    text: str
    alternatives: tuple[tuple[_Chunk, ...], ...]

    def key(self, ref: Reference) -> str:
        """The first alternative's key that is not empty (folded to ASCII, unsafe characters gone), or ""."""
        for chunks in self.alternatives:
            try:
                key = "".join(_apply(c, ref) for c in chunks)
            except _Next:
                continue
            key = UNSAFE.sub("", ascii_fold(key))
            if key:
                return key
        return ""


@lru_cache(maxsize=16)
def compile_pattern(text: str) -> Pattern:
    """A pattern read and checked; a UsageError (exit 2) names what is wrong in one line."""
    if not text.strip():
        raise UsageError("--key-pattern: an empty pattern")
    alternatives: list[tuple[_Chunk, ...]] = []
    current: list[_Chunk] = []
    for m in _CHUNK.finditer(text):
        inside, literal, bar, stray = m.groups()
        if stray:
            raise UsageError(f"--key-pattern: an unmatched {stray!r} at character {m.start() + 1} of {text!r}")
        if bar:
            alternatives.append(tuple(current))
            current = []
        elif literal is not None:
            current.append(_Chunk(literal=literal))
        else:
            current.append(_chunk(inside))
    alternatives.append(tuple(current))
    if not any(alternatives):
        raise UsageError(f"--key-pattern: {text!r} has no function and no text")
    return Pattern(text, tuple(alternatives))
