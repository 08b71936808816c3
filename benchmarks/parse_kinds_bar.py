"""Issue 28's reading bar on real strings: access date, report number, arXiv id, edition and series number read on
≥ 0.9 of the references that print them, per language.

The strings: every annotated string of the parsing sets (``/work/shared/data/parsing``, language unlabelled, mostly
English, cue words tell German, Dutch and French apart) and every reference string acuref finds in the realdocs
documents (``/work/shared/realdocs``, each with its document's language). A string *prints* an item when a broad
pattern, written apart from the parser's own, finds it; it is *read* when the parsed field holds the printed value.

    python benchmarks/parse_kinds_bar.py [--strings realdocs_strings.json] [--show ITEM]

``--strings``: a JSON list of ``{doc, lang, raw}`` (made by reading each realdocs document with
``acuref.pipeline.read_path``); without it only the parsing sets are measured.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acuref import parse_reference  # noqa: E402

_ACCESS = re.compile(r"\b(?:accessed|retrieved(?:\s+on)?|viewed|last\s+access(?:ed)?|visited|cited|geraadpleegd|bezocht|"
                     r"opgehaald|verkregen|bekeken|abgerufen|zugriff|aufgerufen|zugegriffen|consulté|consultée|accédé|date\s+de\s+consultation)"
                     r"\b(?!\s*by\b)(?:(?!https?:|www\.)[^/]){0,30}?(?:\d{1,2}[./-]\d{1,2}[./-]((?:19|20)\d\d)|(?<!\d)((?:19|20)\d\d)(?!\d))",
                     re.IGNORECASE)  # a year in a link ("Retrieved from http://…/2015/08/") is no access date
_REPORT = re.compile(r"\b(?:Technical\s+Report|Tech\.?\s*Rep(?:ort)?\.?|Report|Working\s+Paper|Discussion\s+Paper|"
                     r"Forschungsbericht|Bericht|Arbeitspapier|Rapport(?:\s+technique)?|Research\s+Memorandum|Memo)"
                     r"\s*(?:No\.?|Nr\.?|Number|n°|no\.)?\s*([A-Z]{0,6}[-\s]?\d[\w./-]*\d|\d+)\b")
_ARXIV = re.compile(r"\barXiv\s*[:.]?\s*(?:abs/)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})|\barxiv\.org/abs/(\d{4}\.\d{4,5})|"
                    r"\bArXiv\s+abs/(\d{4}\.\d{4,5})", re.IGNORECASE)
_WORDS = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "zweite": "2", "dritte": "3", "vierte": "4",
          "tweede": "2", "derde": "3", "vierde": "4", "deuxième": "2", "troisième": "3", "2nd": "2", "3rd": "3"}
_EDITION = re.compile(r"(?:\b(\d{1,2})(?:st|nd|rd|th|e|de|ème|\.|)\s*|\b(second|third|fourth|fifth|zweite|dritte|vierte|tweede|"
                      r"derde|vierde|deuxième|troisième)\s+)(?:ed\.|edn\.?|edition|ed\b|Aufl\.?|Auflage|druk|éd\.|édition|"
                      r"uitgave|herz\.)", re.IGNORECASE)
# a series printed with its number, by the words that say "series" (journals named "Studies in …" or "Advances in …"
# print a volume, not a series number)
_SERIES = re.compile(r"(?:\b(?:Lecture\s+Notes\s+in\s+[A-Z][\w ]+?|LNCS|LNAI|LNBI|LNBIP|LNI|CCIS|[A-Z][\w ]+?\s+(?:Series|Reihe|"
                     r"Schriftenreihe|reeks))\s*(?:\([A-Z]+\))?,?\s*(?:vol\.|volume|Bd\.|Band|no\.|nr\.|n°)?\s*(\d{1,5})\b)"
                     r"|\bvolume\s+(\d{1,5})\s+of\s+(?:the\s+)?(?:Lecture|LNCS|LNAI|[A-Z][\w]+\s+Series)")
_NOT_SERIES = re.compile(r"(?:New|Second|Third|Conference)\s+Series|Journal\s+of\s+Physics|Physics\s+5,", re.IGNORECASE)


_LANG_CUES = (("de", re.compile(r"\b(?:abgerufen|zugriff|aufgerufen|Aufl|Auflage|Bericht|Forschungsbericht|Hrsg|Verlag|"
                                r"und|für)\b", re.IGNORECASE)),
              ("nl", re.compile(r"\b(?:geraadpleegd|bezocht|opgehaald|druk|uitgave|Uitgeverij|red\.)\b", re.IGNORECASE)),
              ("fr", re.compile(r"\b(?:consulté|accédé|éd\.|édition|Rapport|dans|Éditions)\b", re.IGNORECASE)))


def _lang(raw: str) -> str:
    for lang, rx in _LANG_CUES:
        if rx.search(raw):
            return lang
    return "en"


def _access(raw, ref):
    m = _ACCESS.search(raw)
    if not m:
        return None
    year = int(m.group(1) or m.group(2))
    return bool(ref.accessed and ref.accessed.year == year)


def _report(raw, ref):
    m = _REPORT.search(raw)
    if not m or re.fullmatch(r"(?:19|20)\d\d", m.group(1)) or re.search(r"(?:Scientific|Cell|EMBO|Physics|Qualitative)\s+Reports?", raw):
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return bool(ref.number and digits in re.sub(r"\D", "", ref.number))


def _arxiv(raw, ref):
    m = _ARXIV.search(raw)
    if not m:
        return None
    ident = m.group(1) or m.group(2) or m.group(3)
    return ident in (ref.number or "") or ident in (ref.URL or "")


def _edition(raw, ref):
    m = _EDITION.search(raw)
    if not m:
        return None
    want = m.group(1) or _WORDS.get(m.group(2).lower())
    return (ref.edition or "").strip(" .") == want


def _series(raw, ref):
    m = _SERIES.search(raw)
    if not m or _NOT_SERIES.search(raw):
        return None
    want = m.group(1) or m.group(2)
    if re.fullmatch(r"(?:19|20)\d\d", want):
        return None
    return ref.collection_number == want


ITEMS = {"access date": _access, "report number": _report, "arXiv id": _arxiv, "edition": _edition, "series": _series}


def _strings(extra: str | None) -> list[tuple[str, str, str]]:
    sys.path.insert(0, "/work/main")
    from tools.train import load  # the parsing sets as training reads them

    out = [("parsing", _lang(e.raw), e.raw) for e in load(Path("/work/shared/data/parsing"))]
    if extra:
        out += [("realdocs", d["lang"], d["raw"]) for d in json.loads(Path(extra).read_text())]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--strings")
    ap.add_argument("--show", default=None)
    args = ap.parse_args()
    tally: dict = defaultdict(lambda: [0, 0])
    misses: dict = defaultdict(list)
    for source, lang, raw in _strings(args.strings):
        ref = None
        for name, check in ITEMS.items():
            if name == "access date" and not _ACCESS.search(raw) or name == "report number" and not _REPORT.search(raw) \
                    or name == "arXiv id" and not _ARXIV.search(raw) or name == "edition" and not _EDITION.search(raw) \
                    or name == "series" and not _SERIES.search(raw):
                continue
            ref = ref or parse_reference(raw)
            ok = check(raw, ref)
            if ok is None:
                continue
            key = (name, lang if lang in ("en", "de", "nl", "fr") else "other")
            tally[key][0] += 1
            tally[key][1] += ok
            if not ok:
                misses[name].append((source, lang, raw))
    for (name, lang), (n, ok) in sorted(tally.items()):
        print(f"{name:14} {lang:5} {ok:4}/{n:<4} {ok / n:.3f}")
    for name, rows in misses.items():
        if args.show in (name, "all"):
            for source, lang, raw in rows:
                print(f"MISS {name} [{source} {lang}] {raw[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
