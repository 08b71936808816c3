"""Whitespace, line-break hyphenation, list labels and typographic noise in reference strings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from acuref.normalize.identifiers import join_broken_dois

_NOT_WORD_RE = re.compile(r"\W+")

# Words that keep their hyphen when a line break falls right after it ("low-\nfrequency").
_KEEP_HYPHEN = frozenset(
    "non low high self long short well cross co multi anti pre post semi sub inter intra double single "
    "time dose age sex cell case open two three four five one all full half large small wide first second".split()
)
_BREAK_HYPHEN_RE = re.compile(r"(\w+)-[ \t]*\r?\n[ \t]*(?=(\w))")
_WS_RE = re.compile(r"\s+")
_LABEL_RE = re.compile(
    r"^\s*(?:\[(\d{1,4}[a-z]?)\]|\((\d{1,4})\)|(\d{1,3})(?:[.)](?=\s)|-(?=[A-Z][a-z]+\s[A-Z]{1,3}[,.\s]))"
    r"|([•·▪◦●■*–-])(?=\s)"
    r"|(\^)(?:\s+[a-z]{1,2}(?=\s))*(?=\s)"  # Wikipedia: "^ Smith …", "^ a b Smith …"
    r"|\[([A-Za-z][\w.+:-]{0,30}\d[\w.+:-]{0,30})\](?=\s|$))\s*"  # a citation key: "[Allison2006-MIT]", "[Knu73]"
)
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, CJK ideographs, Hangul
_ZW_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def dehyphenate(text: str) -> str:
    """Join words broken across lines: ``Endo-\\nscopic`` → ``Endoscopic``, ``low-\\nfrequency`` kept."""
    if "-\n" not in text and "- \n" not in text and "-\r\n" not in text and "-\t\n" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        left, nxt = m.group(1), m.group(2)
        if left.lower() in _KEEP_HYPHEN or nxt.isupper() or nxt.isdigit() or left.isdigit():
            return left + "-"
        return left

    return _BREAK_HYPHEN_RE.sub(join, text)


def squash(text: str) -> str:
    """Collapse all whitespace (line breaks, tabs, no-break spaces) to single spaces and trim."""
    return _WS_RE.sub(" ", _ZW_RE.sub("", text)).strip()


def split_label(text: str) -> tuple[str | None, str]:
    """``[12] Smith J...`` → (``12``, ``Smith J...``); bullets give (None, rest)."""
    m = _LABEL_RE.match(text)
    if not m:
        return None, text
    label = m.group(1) or m.group(2) or m.group(3) or m.group(6)
    return label, text[m.end():]


# A URL cut by a space after one of its dots or slashes ("http://www. boston.com/…", "…/research/ tatepapers/…"):
# the piece after the space starts lower case and goes on as a host or path.
_URL_BREAK_RE = re.compile(r"((?:https?://|www\.)[^\s<>\"]*[/.])\s+(?=[a-z0-9][\w~%-]*[/.][\w/])")
_URL_SCHEME_BREAK_RE = re.compile(r"\b(https?:)\s+(?=//)", re.IGNORECASE)


def join_broken_urls(text: str) -> str:
    text = _URL_SCHEME_BREAK_RE.sub(r"\1", text)
    joined = _URL_BREAK_RE.sub(r"\1", text)
    while joined != text:  # a URL may be cut more than once
        text, joined = joined, _URL_BREAK_RE.sub(r"\1", joined)
    return text


# A line holding only a list number, left inside an entry by PDF copy-paste ("Jones \n1. \nMP").
_STRAY_NUMBER_LINE_RE = re.compile(r"\n[ \t]*\d{1,3}\.[ \t]*(?=\n)")


# The shape check, the rules and the model clean one string in turn; a small cache serves them, and does not
# hold on to the thousands of paragraphs extraction scores through evidence().
@lru_cache(maxsize=64)
def clean(text: str) -> str:
    if "<" in text:  # JATS/HTML emphasis pasted with the string: "<italic>Arch Intern Med.</italic>"
        text = _INLINE_TAG_RE.sub("", text)
    if "\n" in text:
        text = _STRAY_NUMBER_LINE_RE.sub("", text)
    text = squash(dehyphenate(join_broken_dois(text)))
    if "http" in text or "www." in text:
        text = join_broken_urls(text)
    return _DASH_RUN_RE.sub("-", text)


_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_MARKUP_RE = re.compile(r"<[^>]+>")
# "25-­‐7" (hyphen, soft hyphen, Unicode hyphen) between page numbers: one range dash. An ASCII "--" stays:
# it is the BibTeX range the model was trained on.
_DASH_RUN_RE = re.compile(r"(?<=\d)\s*(?=-*[\u2010-\u2015])[-\u2010-\u2015]{2,}\s*(?=\d)")
_INLINE_TAG_RE = re.compile(r"</?(?:i|b|em|strong|italic|bold|sup|sub|u|sc|span|font)\b[^<>]{0,200}>", re.IGNORECASE)
# Letters NFKD does not take apart: Møller ~ Moller, Łódź ~ Lodz, Strauß ~ Strauss.
LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
                          "Đ": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE", "ı": "i"})
_NON_WORD_RE = re.compile(r"[\W_]+")


def fold(text: str | None) -> str:
    """Lower case, accents and markup removed, punctuation to single spaces; other scripts are kept."""
    if not text:
        return ""
    if not text.isascii():
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text.translate(LETTERS)))
    text = text.lower()
    if "<" in text:
        text = _MARKUP_RE.sub(" ", text)
    return _NON_WORD_RE.sub(" ", text).strip()


def letters_key(text: str) -> str:
    """Letters and digits only, case folded: how two printings of one title or name are compared exactly."""
    return _NOT_WORD_RE.sub("", text.casefold())


def looks_abbreviated(journal: str) -> bool:
    """``J Pain Symptom Manage`` or ``Am. J. Med.``: every word but one short and capitalised."""
    words = journal.replace(".", " ").split()
    if not words:
        return False
    short = sum(1 for w in words if len(w) <= 5 and w[:1].isupper())
    return "of" not in words and "and" not in words and short >= max(1, len(words) - 1)


_CLOSERS = {"”": "“", "’": "‘", "»": "«"}  # a closing mark → the opening mark it needs
_OPENERS = {"“": "”", "‘": "’", "«": "»", "„": "“"}


def clean_title(title: str) -> str:
    """A title without the quotes or brackets around it and the punctuation after it (``?``/``!``/``...`` stay)."""
    title = title.strip(" ,;:")
    if title.endswith(('".', '”.', '’.', '».', '“.')):  # "“Physical Ethnology”.": the period outside the quotes
        title = title[:-1]
    if len(title) > 2 and title[0] in "“\"'‘«[„" and title[-1] in "”\"'’»]“" and title[0] not in title[1:-1]:
        title = title[1:-1]
    elif title[-1:] in _CLOSERS and _CLOSERS[title[-1]] not in title:  # "Formulae’": the opening quote was left out
        title = title[:-1]
    elif title[:1] in _OPENERS and _OPENERS[title[0]] not in title:
        title = title[1:]
    title = title.rstrip(" /")  # "Navigation //": GOST's separator before the journal
    return title.strip(" ,;:") if title.endswith(("?", "!", "...")) else title.strip(" .,;:")


SENTENCE_SPLIT_RE = re.compile(r"(?<=[.?!])\s+(?=[\"“‘'(\[]?[A-Z0-9À-Þ])")
# a closing ’ or ' must end a word group: "People’s" inside the title does not close it
_QUOTED_RE = re.compile(r"[“\"«‘'](.{3,400}?)(?:[”\"»]|[’'](?=[\s,.;:]|$))")
_TITLE_END_INITIAL_RE = re.compile(r",\s+([A-Z]\.)$")
_PART_SEGMENT_RE = re.compile(r"^(?:Part|Section|Series|Sect|Ser|Pt)\b\.?")


def split_title_container(mid: str) -> tuple[str | None, str | None]:
    """``Title. Journal`` → (title, journal): a quoted title, else the last sentence break that is not inside a
    dotted journal abbreviation (``J. Mol. Biol.``)."""
    mid = mid.strip(" ,;:")
    if not mid:
        return None, None
    q = _QUOTED_RE.match(mid)
    if q and (q.end() == len(mid) or mid[q.end()] in ",." or mid[q.end() - 2] in ",.?!"):
        title = q.group(1).strip(" ,.")
        container = mid[q.end():].strip(" ,.;:") or None
        return title, container
    segs = SENTENCE_SPLIT_RE.split(mid)
    if len(segs) == 1:
        return mid.rstrip("."), None
    # Dotted journal abbreviations ("J. Mol. Biol.") come apart at every period: glue them back.
    j = len(segs) - 1
    while j > 1 and _abbrev_run(segs[j - 1]):
        j -= 1
    if j > 1 and _PART_SEGMENT_RE.match(segs[j]):
        j -= 1
    title = " ".join(segs[:j]).strip()
    container = " ".join(segs[j:]).strip()
    initial = _TITLE_END_INITIAL_RE.search(title)
    if initial:  # "… tropospheric ozone, J. Geophys. Res.": a title does not end in a lone capital
        title, container = title[: initial.start()], initial.group(1) + " " + container
    return title.rstrip(".") if not title.endswith(("?", "!")) else title, container.rstrip(".") or None


# An abbreviated journal word: capitalised, cut short, so it ends in a consonant ("Cogn.", "Spectrom.").
_ABBREV_WORD_RE = re.compile(r"(?:^|\s)(?:[A-Z][A-Za-z]{0,12}[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]|[A-Z][a-z]?)\.$")


def _abbrev_run(seg: str) -> bool:
    """A piece of a dotted journal abbreviation (``J.``, ``Mass Spectrom.``), not the end of a title."""
    words = seg.split()
    return (1 <= len(words) <= 5 and bool(_ABBREV_WORD_RE.search(seg))
            and all(w[0].isupper() or w in ("&", "of", "and", "the", "de", "y") for w in words))
