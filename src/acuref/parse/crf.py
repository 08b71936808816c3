"""The learned parser: a linear-chain CRF (python-crfsuite) that labels the tokens of a reference string.

Tokens are words and single punctuation marks (``2012;120(5):947–59`` → ``2012 ; 120 ( 5 ) : 947 – 59``).
Features describe each token's shape, case and position, membership in small dictionaries (months, name
particles, journal-abbreviation words, publisher words, locator words) and its neighbours. The labels map
onto the CSL model; :func:`acuref.parse.parse_reference` runs this model where its rules are unsure.
"""

from __future__ import annotations

import re
import threading
import warnings
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from acuref.normalize.vocabulary import MODEL_MONTH_WORDS

# Every label the model emits (``learned.py`` reads each of them into the model's fields or ignores it on purpose).
LABELS = ("author", "editor", "title", "container", "collection", "date", "volume", "issue", "pages",
          "publisher", "place", "edition", "doi", "pmid", "pmcid", "url", "isbn", "note", "label", "O")
# Dataset labels (unified schema, AnyStyle, GROBID) → ours.
LABEL_MAP = {
    "author": "author", "editor": "editor", "translator": "note", "title": "title", "journal": "container",
    "container_title": "container", "container-title": "container", "collection_title": "collection",
    "collection-title": "collection",
    "date": "date", "volume": "volume", "issue": "issue", "pages": "pages", "publisher": "publisher",
    "institution": "publisher", "location": "place", "edition": "edition", "doi": "doi", "pmid": "pmid",
    "pmcid": "pmcid", "url": "url", "isbn": "isbn", "note": "note", "notes": "note", "genre": "note",
    "source": "note", "identifier": "note", "report_number": "issue", "chapter": "note", "issn": "note",
    "citation_number": "label", "citation-number": "label",
}
TOKEN_RE = re.compile(r"\w+(?:[’'](?=\w)\w+)*|[^\w\s]")
_PARTICLES = frozenset("van von der den de del della di da dos du des la le ter ten zu al el bin".split())
JOURNAL_WORDS = frozenset(
    "j journal med medicine clin clinical res rev am int br eur proc natl acad sci soc assoc ann arch bull lett "
    "biol chem phys neurol oncol pharmacol physiol psychiatry psychol pediatr surg cardiol endocrinol immunol "
    "microbiol genet nutr dis health care nurs dent vet cancer blood lancet nature science plos bmj jama nejm "
    "trans transactions quarterly annals letters reports acta scand jpn chin ger fr can aust n engl pract "
    "ther altern complement evid based mol cell gen exp neurosci".split())
_PUBLISHER_WORDS = frozenset("press publishing publishers publisher verlag books university wiley springer elsevier "
                             "saunders lippincott mosby churchill thieme academic sons ltd inc gmbh co company "
                             "uitgeverij bohn stafleu".split())
_LOCATOR_WORDS = frozenset("vol volume no nr issue pp p pages suppl supplement pt part s e art".split())
_EDITOR_WORDS = frozenset("ed eds editor editors edited hrsg red".split())
_LINK_WORDS = frozenset("doi pmid pmc pmcid pubmed http https www url available retrieved accessed cited isbn "
                        "epub internet".split())


# Feature name → the words that carry it (the model was trained with these names).
_DICTIONARIES = (("month", MODEL_MONTH_WORDS), ("particle", _PARTICLES), ("journalword", JOURNAL_WORDS),
                 ("publisherword", _PUBLISHER_WORDS), ("locatorword", _LOCATOR_WORDS), ("editorword", _EDITOR_WORDS),
                 ("linkword", _LINK_WORDS), ("etal", frozenset({"et", "al"})))


class Token(NamedTuple):  # made ~40 times per string; a frozen dataclass costs about twice as much to make
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    new = tuple.__new__  # skips NamedTuple's Python-level __new__: a quarter of tokenizing time
    return [new(Token, (m.group(0), m.start(), m.end())) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    s = re.sub(r"[A-ZÀ-Þ]", "X", word)
    s = re.sub(r"[a-zß-ÿ]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


@lru_cache(maxsize=65536)
def _token_features(word: str) -> tuple[bytes, ...]:
    low = word.lower()
    f = [f"w={low}", f"sh={_shape(word)}", f"s3={low[-3:]}"]
    if word.isdigit() and word.isascii():  # not "²"
        n = int(word) if len(word) < 6 else 0
        f.append("year" if 1600 <= n <= 2099 and len(word) == 4 else f"digits{min(len(word), 5)}")
    elif word[:1].isupper():
        f.append("upper" if word.isupper() and len(word) > 1 else "title")
        if len(word) <= 3 and word.isupper():
            f.append("initials")
    elif word.isalpha():
        f.append("lower")
    f.extend(name for name, words in _DICTIONARIES if low in words)
    if not word[0].isalnum():
        f.append(f"punct={word}")
    return tuple(a.encode() for a in f)


_OFFSETS = (-3, -2, -1, 1, 2, 3)


@lru_cache(maxsize=65536)
def _neighbour_features(word: str) -> tuple[tuple[bytes, ...], ...]:
    """What a token tells its neighbours, per offset (cached: formatting these dominated tagging time).

    Word and shape at ±1, the word at ±2, the shape at ±3: the full set (both at every offset, plus prefix,
    short suffix and length features) measured 0.0005 better on the general sets (0.001 for the model alone) and
    15-22% slower end to end (held-out mix 2,075 vs 2,387 refs/s, general strings 1,819 vs 2,213).
    """
    low, shape = word.lower(), _shape(word)
    return tuple(((f"{-d}:w={low}".encode(), f"{-d}:sh={shape}".encode()) if abs(d) == 1
                  else (f"{-d}:w={low}".encode(),) if abs(d) == 2 else (f"{-d}:sh={shape}".encode(),))
                 for d in _OFFSETS)


def features(tokens: list[Token]) -> list[list[bytes]]:
    """The feature names of every token (the CRF's input sequence), UTF-8 encoded.

    Bytes because python-crfsuite would otherwise encode every name on every call: about 700 per reference,
    a fifth of tagging time. The names are cached per word, so each is encoded once.
    """
    n = len(tokens)
    words = [t.text for t in tokens]
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    base = [_token_features(w) for w in words]
    punct = [not w[0].isalnum() for w in words]
    breaks = [i + 1 < n and words[i] in ".:?" and starts[i + 1] > ends[i] and (i == 0 or len(words[i - 1]) > 2)
              for i in range(n)]
    context = _context(words, starts, ends, base, punct, breaks, _right(words, breaks))
    columns = _neighbour_columns([_neighbour_features(w) for w in words])
    return [[*own, *ctx, *n1, *n2, *n3, *n4, *n5, *n6] for own, ctx, n1, n2, n3, n4, n5, n6 in zip(base, context, *columns)]


def _right(words: list[str], breaks: list[bool]) -> list[tuple[bytes, bytes]]:
    """Looking right: sentence breaks left before the end, and before the next number (the journal sits right
    before its numbers, the title one piece earlier; a book's title has no numbers after it at all)."""
    n = len(words)
    right: list[tuple[bytes, bytes]] = [(b"", b"")] * n
    left, next_num = 0, -1
    for i in range(n - 1, -1, -1):
        if words[i].isdigit() and words[i].isascii():
            next_num = 0
        right[i] = (_TO_END[min(left, 4)], _TO_NUM[min(next_num, 3) + 1])
        if breaks[i]:
            left += 1
            if next_num >= 0:
                next_num += 1
    return right


def _context(words: list[str], starts: list[int], ends: list[int], base: list[tuple[bytes, ...]], punct: list[bool],
             breaks: list[bool], right: list[tuple[bytes, bytes]]) -> list[list[bytes]]:
    """Looking left: the piece (authors. title. journal.), brackets and quotes open, spacing, years seen."""
    n = len(words)
    seen_year = quoted = after_quote = False
    depth = periods = 0  # inside ( or [; sentence-like pieces so far
    context: list[list[bytes]] = []
    for i, t in enumerate(words):
        f = [_PIECE[min(periods, 5)], *right[i], _POS[i * 10 // n]]
        if depth:
            f.append(b"in_paren")
        if quoted:
            f.append(b"in_quotes")
        elif after_quote:
            f.append(b"after_quotes")
        if punct[i]:
            if t in "([":
                depth += 1
            elif t in ")]" and depth:
                depth -= 1
            elif t in "“\"":
                if quoted and t == "\"":
                    after_quote = True
                quoted = not quoted if t == "\"" else True
            elif t == "”":
                quoted, after_quote = False, True
            elif breaks[i]:
                periods += 1
        if i > 0:
            if ends[i - 1] == starts[i]:
                f.append(b"glued")  # no space before: "120(5)", "P.", "947–59"
            if punct[i - 1]:
                f.append(_after(words[i - 1]))
        if i + 1 < n and punct[i + 1]:
            f.append(_before(words[i + 1]))
        if b"year" in base[i]:
            f.append(b"later_year" if seen_year else b"first_year")
            seen_year = True
        elif seen_year:
            f.append(b"after_year")
        context.append(f)
    context[0].append(b"BOS")
    context[-1].append(b"EOS")
    return context


def _neighbour_columns(neigh: list[tuple[tuple[bytes, ...], ...]]) -> list[list[tuple[bytes, ...]]]:
    """Neighbour j = i + d tells token i its pair for offset d, stored at _OFFSETS.index(-d) == 5 - k."""
    n = len(neigh)
    empty: tuple[bytes, ...] = ()
    columns = []
    for k, d in enumerate(_OFFSETS):
        if d < 0:
            columns.append([empty] * -d + [pair[5 - k] for pair in neigh[: n + d]])
        else:
            columns.append([pair[5 - k] for pair in neigh[d:]] + [empty] * d)
    return columns


@lru_cache(maxsize=1024)
def _after(mark: str) -> bytes:
    return ("after=" + mark).encode()


@lru_cache(maxsize=1024)
def _before(mark: str) -> bytes:
    return ("before=" + mark).encode()


_PIECE = tuple(f"piece={k}".encode() for k in range(6))
_TO_END = tuple(f"to_end={k}".encode() for k in range(5))
_TO_NUM = (b"to_num=none",) + tuple(f"to_num={k}".encode() for k in range(4))
_POS = tuple(f"pos={k}".encode() for k in range(10))


def labels_for(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[str]:
    """The gold label of each token: the span it falls in, else ``O``.

    Punctuation at the edges of a span is labelled ``O``: the sets disagree on whether a field's trailing
    "." or "," belongs to it, and the model should learn one convention.
    """
    out = []
    for tok in tokens:
        label = "O"
        for start, end, name in spans:
            if start <= tok.start < end:
                label = LABEL_MAP.get(name, "note")
                break
        out.append(label)
    for i, tok in enumerate(tokens):
        if out[i] != "O" and not tok.text[0].isalnum() and tok.text not in "([":
            edge_left = i == 0 or out[i - 1] != out[i]
            edge_right = i + 1 == len(tokens) or out[i + 1] != out[i]
            if edge_left or edge_right:
                out[i] = "O"
    # a closing bracket or quote that trails a field is punctuation too, once its neighbour became "O"
    for i in range(len(tokens) - 1, -1, -1):
        if out[i] != "O" and tokens[i].text in ")]”\"'" and (i + 1 == len(tokens) or out[i + 1] == "O") \
                and "(" not in "".join(t.text for t in tokens[max(0, i - 8):i]):
            out[i] = "O"
    return out


class Tagger:
    """A loaded model, safe to share between threads and to pickle (it travels as its path).

    A pycrfsuite tagger holds the string it was last ``set`` until it is asked for the tags and marginals,
    so one handle shared by threads mixes their strings: every thread opens its own.
    """

    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()
        self._handle()  # open once now, so an unreadable file fails here and not at the first parse

    def _handle(self):  # noqa: ANN202 - pycrfsuite has no type information
        handle = getattr(self._local, "tagger", None)
        if handle is None:
            import pycrfsuite

            handle = pycrfsuite.Tagger()
            handle.open(self.path)
            self._local.tagger = handle
        return handle

    def labels(self) -> list[str]:
        return list(self._handle().labels())

    def __getstate__(self) -> dict[str, str]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def tag(self, text: str) -> tuple[list[Token], list[str], float]:
        """Tokens, their labels, and the mean marginal probability of the chosen labels (0..1)."""
        tokens = tokenize(text)
        if not tokens:
            return tokens, [], 0.0
        handle = self._handle()
        handle.set(features(tokens))
        tags = handle.tag()
        confidence = sum(map(handle.marginal, tags, range(len(tags)))) / len(tags)
        return tokens, tags, confidence


@lru_cache(maxsize=1)
def default_tagger() -> Tagger | None:
    """The model shipped in the package, or None when it is absent or unreadable (the rules then read alone)."""
    ref = resources.files("acuref") / "data" / "crf.model"
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load_tagger(str(path))


def load_tagger(path: str) -> Tagger | None:
    """A model file opened for tagging, or None with a warning when it cannot be used."""
    try:
        return Tagger(path)
    except ImportError:
        return None
    except (OSError, ValueError) as err:  # a damaged install must not make every parse raise
        warnings.warn(f"acuref: the parser model {path} cannot be read ({err}); the rules parse alone",
                      RuntimeWarning, stacklevel=2)
        return None


def segments(text: str, tokens: list[Token], tags: list[str]) -> list[tuple[str, str]]:
    """Consecutive tokens with one label, as (label, text as printed)."""
    out: list[tuple[str, str]] = []
    start = None
    for i, (tok, tag) in enumerate(zip(tokens, tags)):
        if start is None or tag != tags[i - 1]:
            if start is not None and tags[i - 1] != "O":
                out.append((tags[i - 1], text[start:tokens[i - 1].end]))
            start = tok.start
    if tokens and tags[-1] != "O" and start is not None:
        out.append((tags[-1], text[start:tokens[-1].end]))
    return out
