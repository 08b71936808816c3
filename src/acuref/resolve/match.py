"""Does a Crossref record describe the reference as printed? Numbers decide; the title confirms.

Each field both sides know either agrees or contradicts; a field one side lacks is unknown and counts
for nothing. One contradiction vetoes the record, so a search hit that is "the right paper" with the
wrong volume or pages (a different version, an erratum, a mis-citation) is never accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from acuref.model import Reference
from acuref.normalize.text import fold

# How much each agreeing field adds to the score (normalised over the fields both sides know).
WEIGHTS = {"title": 0.40, "author": 0.20, "year": 0.15, "volume": 0.10, "page": 0.15}
TITLE_AGREE = 0.90
TITLE_CONTRADICT = 0.60


@dataclass(frozen=True, slots=True)
class Verdict:
    """The field-by-field comparison of a reference with a candidate record."""

    agreements: tuple[str, ...]
    contradictions: tuple[str, ...]
    score: float
    title_similarity: float | None

    @property
    def vetoed(self) -> bool:
        return bool(self.contradictions)


def _number(value: str | None) -> str | None:
    """``0041`` → ``41``; ``e1234`` → ``1234``; ``S12`` → ``s12``: the comparable core of a locator."""
    if not value:
        return None
    v = value.strip().lower()
    m = re.fullmatch(r"[a-z]?0*(\d+)[a-z]?", v)
    return m.group(1) if m else re.sub(r"\s+", "", v)


def _first_locator(ref: Reference) -> str | None:
    return _number(ref.page_first or ref.number)


def _family(ref: Reference) -> str | None:
    if not ref.author or ref.author[0].literal:
        return None
    return fold(ref.author[0].family) or None


def title_similarity(a: str | None, b: str | None) -> tuple[float, float] | None:
    """(similarity, containment): how alike two titles are, and how well the shorter sits inside the longer.

    A printed title may stop before the subtitle, or a record may carry only part of it; containment
    alone never confirms a title (a short fragment fits anywhere), but it prevents a false contradiction.
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return None
    short, long_ = sorted((fa, fb), key=len)
    contained = fuzz.partial_ratio(short, long_) / 100
    sim = max(fuzz.ratio(fa, fb) / 100, fuzz.token_sort_ratio(fa, fb) / 100,
              contained if len(short) >= 0.6 * len(long_) else 0.0)
    return sim, contained


def compare(ref: Reference, cand: Reference) -> Verdict:
    agree: list[str] = []
    contra: list[str] = []
    known: dict[str, float] = {}

    if ref.issued and cand.issued:
        diff = abs(ref.issued.year - cand.issued.year)
        (agree if diff <= 1 else contra).append("year")  # ±1: epub ahead of print, online vs issue year
        known["year"] = 1.0 if diff == 0 else 0.7 if diff == 1 else 0.0
    rv, cv = _number(ref.volume), _number(cand.volume)
    if rv and cv:
        (agree if rv == cv else contra).append("volume")
        known["volume"] = float(rv == cv)
    ri, ci = _number(ref.issue), _number(cand.issue)
    if ri and ci and ri.isdigit() and ci.isdigit() and ri != ci:
        contra.append("issue")
    rp, cp = _first_locator(ref), _first_locator(cand)
    if rp and cp:
        same = rp == cp or (ref.number and cand.page_first and _number(cand.page_first) == _number(ref.number))
        (agree if same else contra).append("page")
        known["page"] = float(bool(same))
    rf, cf = _family(ref), _family(cand)
    if rf and cf:
        sim = fuzz.ratio(rf, cf) / 100
        # "Bahgat Kutkat" for "Bahgat": two names of a list read as one family still name the first author
        ok = sim >= 0.85 or rf.endswith(cf) or cf.endswith(rf) or rf.replace(" ", "") == cf.replace(" ", "") \
            or (len(cf) >= 4 and cf in rf.split()) or (len(rf) >= 4 and rf in cf.split())
        (agree if ok else contra).append("author")
        known["author"] = sim if ok else 0.0
    sims = title_similarity(ref.title, cand.title)
    ts = None
    if sims is not None:
        ts, contained = sims
        if ts >= TITLE_AGREE:
            agree.append("title")
        elif max(ts, contained) < TITLE_CONTRADICT:
            contra.append("title")
        known["title"] = ts
    if ref.container_title and cand.container_title and journals_alike(ref.container_title, cand.container_title):
        agree.append("journal")
    total = sum(WEIGHTS[k] for k in known)
    score = sum(WEIGHTS[k] * v for k, v in known.items()) / total if total else 0.0
    return Verdict(tuple(agree), tuple(contra), round(score, 3), ts)


def journals_alike(a: str, b: str) -> bool:
    """``J Clin Oncol`` ~ ``Journal of Clinical Oncology`` ~ ``J. Clin. Oncol.``: same words, or one abbreviates the other."""
    fa, fb = fold(a).split(), fold(b).split()
    if not fa or not fb:
        return False
    if fa == fb or fuzz.ratio(" ".join(fa), " ".join(fb)) >= 90:
        return True
    # The one with fewer (or, at a tie, shorter) words is the abbreviation: the order of a and b must not matter.
    short, long_ = sorted(([w for w in fa if w not in _JOURNAL_STOP], [w for w in fb if w not in _JOURNAL_STOP]),
                          key=lambda ws: (len(ws), sum(map(len, ws))))
    i = 0
    for word in long_:
        if i < len(short) and word.startswith(short[i]):
            i += 1
    return bool(short) and i == len(short) and len(short) >= min(2, len(long_))


_JOURNAL_STOP = frozenset({"of", "the", "and", "for", "in", "on"})


def accepts(ref: Reference, verdict: Verdict) -> bool:
    """A found candidate is accepted only without contradiction and with enough agreement.

    Either the title agrees and one more field does (year, first author, volume or first page), or the
    volume and first page agree together with the journal, the year or the first author — the only way a
    partial citation such as ``N Engl J Med 2010; 363:454-461`` can be matched.
    """
    if verdict.vetoed:
        return False
    a = set(verdict.agreements)
    if "title" in a:
        return bool(a & {"year", "author", "volume", "page"})
    if {"volume", "page"} <= a:
        # Numbers alone identify an article within a journal; they need the journal, year or first author too.
        return bool(a & {"journal", "year", "author"}) and (not ref.title or "author" in a or "year" in a)
    return False
