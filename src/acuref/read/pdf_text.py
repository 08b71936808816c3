"""Printed lines of one entry or paragraph joined into text: words hyphenated at a line end rejoined when the
document itself spells the joined word (and kept in compounds and names such as ``Hewlett-Packard``), URLs and
DOIs broken across lines rejoined without a space, and biblatex's back-references (``Cited on pages 3, 17.``)
and hyperref's (``... 2019. 3, 17``) taken off the end.
"""

from __future__ import annotations

import re
from collections import Counter

from acuref.normalize.vocabulary import EARLY_YEAR

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]")
_TAIL_WORD_RE = re.compile(r"(?<![\w'’-])((?:[^\W\d_][\w'’]*-)*)([^\W\d_][\w'’]*)-$")
_HEAD_WORD_RE = re.compile(r"^([^\W\d_][\w'’]*)")
_LINK_TAIL_RE = re.compile(r"(?:https?://|www\.|\bdoi:\s?|\b10\.\d{4,9}/)\S*$", re.IGNORECASE)
_LINK_HEAD_RE = re.compile(r"^[\w/.\-~%#?=&:+;()]+(?=\s|$)")
_NOT_LINK = re.compile(r"^(?:accessed|visited|last|retrieved|online|abgerufen|zugriff|consult|acesso|доступ|"
                       r"cited|\(|\[)", re.IGNORECASE)
# biblatex's back-references and their translations: "Cited on pages 3, 17.", "(cit. on p. 5)", "Zitiert auf S. 5".
_BACKREF_RE = re.compile(
    r"(?:[(\[]\s?)?(?<!\w)(?:cited\s+on|cit\.\s+on|zitiert\s+auf|zit\.\s+auf|cité(?:e|s|es)?(?:\s+(?:en|à\s+la|aux?))?|"
    r"cit\.(?:\s+(?:à\s+la|en|a|op|auf|on))?|citad[oa]s?\s+(?:en|na)|citat[oaie]\s+a(?:lla)?|geciteerd\s+op|"
    r"цит(?:\.|ируется)\s+на|see\s+pages?|pages?\s+cited)\s*"
    r"(?:pages?|pp?\.|s\.|seiten?|pag(?:ina|ine|inas?)?\.?|págs?\.?|páginas?|blz\.|с\.|стр\.)?\s*"
    r"[\divxlc]+(?:(?:\s*[,–-]\s*|\s+(?:and|und|et|y|e|en)\s+)[\divxlc]+)*\s*[)\]]?\.?\s*$", re.IGNORECASE)


def vocabulary(texts: list[str]) -> Counter:
    """Lower-case words of the document as printed (hyphenated compounds whole), to tell a hyphenated word
    at a line end from a compound."""
    words: Counter = Counter()
    for text in texts:
        words.update(w.lower() for w in _WORD_RE.findall(text))
    return words


def _join_lines(lines: list[str], vocab: Counter, full: list[bool] | None) -> str:
    """An entry's printed lines as one text; line breaks are kept where nothing was rejoined."""
    out = lines[0] if lines else ""
    for k, nxt in enumerate(lines[1:]):
        out += _seam(out, nxt, vocab, full[k] if full else False) + nxt
    return out


def _seam(prev: str, nxt: str, vocab: Counter, full: bool) -> str:
    """What goes between a line and the next: nothing (a rejoined word or link), or a line break. A link
    goes on across the break after one of its separators, or anywhere when the line runs to the margin
    (biblatex lets a URL break after any letter or digit)."""
    link = _LINK_TAIL_RE.search(prev)
    head = _LINK_HEAD_RE.match(nxt)
    if link and head and not _NOT_LINK.match(nxt) and (re.search(r"[/.\-_=?&#]$", prev) or (full and len(link.group()) > 12)):
        return ""
    tail = _TAIL_WORD_RE.search(prev)
    word = _HEAD_WORD_RE.match(nxt)
    if not tail or not word:
        return "\n"
    if tail.group(1):  # "State-of-" + "the-Art": a compound goes on
        return ""
    left, right = tail.group(2), word.group(1)
    joined, compound = (left + right).lower(), f"{left}-{right}".lower()
    if vocab[compound] > vocab[joined] or (right[:1].isupper() and not vocab[joined]):
        return ""  # a compound or a name: the hyphen stays, with no break after it
    if vocab[joined] or (right[:1].islower() and not vocab[left.lower()] and not vocab[right.lower()]):
        # the document spells the word whole, or neither half is a word of it ("exper-" + "iments" in a
        # document that never spells "experiments"): a word broken by hyphenation
        return "\x00"  # marker: drop the hyphen (see rejoin)
    return "\n"  # the document does not tell: the normalisers' rules decide


def rejoin(lines: list[str], vocab: Counter, full: list[bool] | None = None) -> str:
    """An entry's printed lines as one text (``full``: whether each line runs to the right margin), words
    and links broken across lines rejoined, the line breaks kept elsewhere."""
    text = _join_lines(lines, vocab, full)
    return text.replace("-\x00", "").replace("\x00", "")


_SPACED_URL_RE = re.compile(r"\b(?:https?|ftp)\s?:\s?/\s?/\s?", re.IGNORECASE)
_URL_GLUE = "/.:-_#?=&~%+"


def close_spaced_urls(text: str) -> str:
    """``http : / / example . org / a - b`` → ``http://example.org/a-b``: a URL set with stretched glue
    between its characters (LaTeX's url package in a justified line) has gaps that read as spaces."""
    out, pos = [], 0
    for m in _SPACED_URL_RE.finditer(text):
        if m.start() < pos or not re.search(r"\s", m.group()[:-1]):  # only a URL set with gaps
            continue
        out.append(text[pos:m.start()])
        url = re.sub(r"\s", "", m.group())
        rest = text[m.end():]
        pieces = re.split(r"( |\n)", rest)
        k = 0
        while k < len(pieces):
            token = pieces[k]
            if k and url.endswith(".") and token[:1].isupper():  # the URL ended a sentence
                break
            if k == 0 or (token and (url[-1] in _URL_GLUE or token[0] in _URL_GLUE) and re.match(r"^[\w/.:\-_#?=&~%+]+[\w/]?$", token)):
                url += token
                k += 2
                continue
            break
        out.append(url)
        consumed = len("".join(pieces[: max(0, k - 1)]))
        pos = m.end() + consumed
    out.append(text[pos:])
    return "".join(out)


# biblatex's back-references that say "see page" (German's default "siehe Seite 3", French "cf. p. 3", Spanish
# "véase página 3", Dutch "zie pagina 3", Polish "cytowane na stronie 3", ...): the page word is required after
# these short phrases.
# The phrase starts a word ("Vancouver pp. 1-9" keeps its "ver"), and word separators stand between spaces: "i" is
# also a roman numeral, and optional spaces around it would let a run of "i i i" split exponentially many ways.
# The match opens at a bracket or the phrase, not at spaces before it (a leading \s* is cubic on long runs).
_SEE_BACKREF_RE = re.compile(
    r"(?:[(\[]\s?)?(?<!\w)(?:siehe|cf\.|v[ée]an?se|vid\.|ver|zie|se|katso|vegeu\s+l[ae]s?|cytowane\s+na|"
    r"cyt\.\s+na|citováno\s+na|cit\.\s+na)\s+(?:seiten?|s\.|pages?|pp?\.|páginas?|págs?\.|pàgin(?:a|es)|pàg\.|"
    r"pagina(?:['’]s)?|pag\.|sid(?:an|orna|e)|sivu|stronie|stronach|stran[ěáe]|stranách|str\.)\s*"
    r"[\divxlc]+(?:(?:\s*[,–-]\s*|\s+(?:and|und|et|y|e|en|i|a|og|och)\s+)[\divxlc]+)*\s*[)\]]?\.?\s*$",
    re.IGNORECASE)


def strip_backref(text: str) -> str:
    """An entry without biblatex's back-reference at its end."""
    m = _BACKREF_RE.search(text) or _SEE_BACKREF_RE.search(text)
    if m and m.start() > 20:
        return text[: m.start()].rstrip()
    return text


# hyperref's back-references (backref=page): the pages citing an entry, bare after its last full stop
# ("... 2019. 1, 3").
# With backref=section the sections are listed instead ("... 2019. 1, 2.3").
_NUM = r"\d{1,4}(?:\.\d{1,3}){0,3}"
# The stop before them ends a word of four letters or more, a capitalised acronym, a number or a bracket: after
# an abbreviation ("BGBl. I S. 2954", "No. 3", "Tech. Rep. 12") the number belongs to the entry.
_PAGE_LIST_RE = re.compile(r"(?:(?<=[^\W\d_]{4}\.)|(?<=\b[A-Z]{2}\.)|(?<=[A-Z]{3}\.)|(?<=\d\.)|(?<=[)\]]\.)|"
                           rf"(?<=\]))\s+({_NUM}(?:\s*,\s*{_NUM})*(?:,?\s+and\s+{_NUM})?)\s*$")
_LONE_YEAR_RE = re.compile(rf"{EARLY_YEAR}")
_YEAR_RE = re.compile(rf"(?<!\d){EARLY_YEAR}(?!\d)")


def _page_list(text: str) -> re.Match | None:
    """The list of rising page numbers ending an entry, if it ends in one after a year has been printed (a year
    alone is the entry's own: "Dune Ecology Letters. 2020")."""
    m = _PAGE_LIST_RE.search(text)
    if not m or m.start() <= 20 or _LONE_YEAR_RE.fullmatch(m.group(1)) or not _YEAR_RE.search(text[:m.start()]):
        return None
    pages = [tuple(int(d) for d in n.split(".")) for n in re.findall(r"\d+(?:\.\d+)*", m.group(1))]
    return m if all(a < b for a, b in zip(pages, pages[1:])) else None


def strip_page_lists(texts: list[str]) -> list[str]:
    """A list's entries without hyperref's back-references, where most of its entries end in such a list of
    rising page (or section) numbers (few entries end in a bare number after a full stop otherwise)."""
    hits = [_page_list(text) for text in texts]
    if sum(m is not None for m in hits) < max(3, 0.5 * len(texts)):
        return texts
    return [text[:m.start()] if m else text for text, m in zip(texts, hits)]
