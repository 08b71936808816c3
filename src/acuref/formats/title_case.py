"""CSL ``text-case="title"`` as citeproc-js does it, for English titles (citeproc-py's own left ``Long-term``).

citeproc-js splits a title at punctuation (hyphens and slashes too, so ``Long-Term``, ``Platinum/Paclitaxel``),
then at spaces, and capitalises each all-lowercase word longer than one letter unless it is a stop word, plus
the first word and the word after ``:``, ``?`` or ``!``. Its stop words and their pattern are copied as they
are (``v.`` is a pattern there: ``v3.0`` stays lowercase), so the two renderers agree word for word.
"""

from __future__ import annotations

import re

# citeproc-js 2.4 (CSL.SKIP_WORDS), in its order.
_SKIP_WORDS = (
    'about', 'above', 'across', 'afore', 'after', 'against', 'al', 'along', 'alongside', 'amid', 'amidst',
    'among', 'amongst', 'anenst', 'apropos', 'apud', 'around', 'as', 'aside', 'astride', 'at', 'athwart',
    'atop', 'barring', 'before', 'behind', 'below', 'beneath', 'beside', 'besides', 'between', 'beyond', 'but',
    'by', 'circa', 'despite', 'down', 'during', 'et', 'except', 'for', 'forenenst', 'from', 'given', 'in',
    'inside', 'into', 'lest', 'like', 'modulo', 'near', 'next', 'notwithstanding', 'of', 'off', 'on', 'onto',
    'out', 'over', 'per', 'plus', 'pro', 'qua', 'sans', 'since', 'than', 'through', ' thru', 'throughout',
    'thruout', 'till', 'to', 'toward', 'towards', 'under', 'underneath', 'until', 'unto', 'up', 'upon',
    'versus', 'vs.', 'v.', 'vs', 'v', 'via', 'vis-à-vis', 'with', 'within', 'without', 'according to',
    'ahead of', 'apart from', 'as for', 'as of', 'as per', 'as regards', 'aside from', 'back to', 'because of',
    'close to', 'due to', 'except for', 'far from', 'inside of', 'instead of', 'near to', 'next to', 'on to',
    'out from', 'out of', 'outside of', 'prior to', 'pursuant to', 'rather than', 'regardless of', 'such as',
    'that of', 'up to', 'where as', 'or', 'yet', 'so', 'for', 'and', 'nor', 'a', 'an', 'the', 'de', "d'",
    'von', 'van', 'c', 'ca',
)
_SKIP = re.compile(r"(?:(?:[?!:]*\s+|-|^)(?:" + "|".join(_SKIP_WORDS) + r")(?=[!?:]*\s+|-|$))")
# Where citeproc-js cuts a title before looking at words (its Output.Formatters tag pattern, markup aside).
_CUTS = re.compile("(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\))")
_SPACES = re.compile("[\u00a0\u0020\u2000-\u200b\u205f\u3000]+")
_LONE_GREEK = re.compile("[\u0370-\u03ff]")


def _capitalise(word: str) -> str:
    m = re.match(r"(\s*)(.)(.*)", word, re.S)
    if not m or (_LONE_GREEK.fullmatch(m[2]) and not m[3]):
        return word  # a lone Greek letter is a symbol
    return m[1] + m[2].upper() + m[3]


def title_case(text: str) -> str:
    """``text`` in title case the way citeproc-js writes an English title."""
    pieces = _CUTS.split(text)  # strings at even places, the cuts between them at odd places
    first, after_stop = True, False
    for i in range(0, len(pieces), 2):
        if i and re.search(r"[!?:]$", pieces[i - 1]):
            after_stop = True
        if not pieces[i].strip():
            continue
        words = _SPACES.split(pieces[i])
        seps = _SPACES.findall(pieces[i])
        for j, word in enumerate(words):
            if not word:
                continue
            lower = word.lower()
            # citeproc-js passes the following cut only for the first piece (a quirk kept to agree with it)
            before_hyphen = i == 0 and j == len(words) - 1 and i + 1 < len(pieces) and pieces[i + 1] == "-"
            if ((len(word) > 1 and not _SKIP.search(lower)) or before_hyphen or first or after_stop) \
                    and word == lower:
                words[j] = _capitalise(word)
            first = after_stop = False
        pieces[i] = "".join(w + (seps[k] if k < len(seps) else "") for k, w in enumerate(words))
    return "".join(pieces)
