"""Field precision/recall/F1 per label and whole-reference accuracy of acuref's parsers on held-out data.

Usage: python benchmarks/parse_eval.py [--data ../shared/data/parsing] [--model PATH] [--neural PATH] [--markdown]

Held-out data: the test split `python -m tools.train` never trains on (a fixed hash of each normalised
string), plus the 5,149 glutton PMC strings (fields only, no spans; never trained on).

Five readers are compared on the fields of the Reference each returns, so what is scored is what users get:
- ``rules``  — the deterministic parser alone;
- ``model``  — the CRF with its deterministic passes (``acuref.learned``) alone;
- ``neural`` — the BiLSTM-CRF (numpy) with the same passes alone;
- ``acuref`` — ``acuref.parse_reference``, the hybrid with the CRF;
- ``acuref+nn`` — the same hybrid with the BiLSTM-CRF as its learned reader (``ACUREF_PARSER=neural``).
The neural readers tag each set's strings together first (:func:`acuref.parse.learned.prepare`), as a document's
are; that time is counted in their speed.

Field comparison ("soft", the issue's "after trimming punctuation"): case, accents, punctuation and spaces are
ignored; authors and editors are compared as the list of family names (the gold span read by the same
name parser); dates by year (a gold date span without a year, "Oct" or "n.d.", is not scored); pages
after expanding abbreviated ranges; volume/issue/pages without ``vol.``/``v.``/``no.``/``pp.`` (also inside
brackets: APA's ``(pp. 45–67)``); editors without the editor words of every language read (``(éd.)``, ``(Hgg.)``); identifiers
normalised, gold DOIs and pages read after the parsers' own cleaning; URLs without their cue words
("Available from:"); AnyStyle's ``https://doi.org/…`` URLs scored as DOIs, which they are in CSL. Gold labels
of every set are mapped onto CSL fields first (a monograph title in a reference with no title of its own is
its title: :func:`monograph_as_title`); ``note`` and citation numbers are not scored. Also reports
AnyStyle's four sets together (the issue's general bar names them), glutton's gold ceiling
(:func:`glutton_ceiling`), speed and model load time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from acuref.parse import learned
from acuref.parse import rules as parse
from acuref.parse.crf import LABEL_MAP, load_tagger, segments
from acuref.parse.neural import load_neural
from acuref.model import Reference
from acuref.normalize import identifiers as ids
from acuref.normalize.names import parse_author_list, without_particles
from acuref.normalize.pages import normalize_pages
from acuref.normalize.text import clean, fold, split_label
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tools/ lives beside the package
from tools.train import DEFAULT_DATA, DEFAULT_OUT, is_test, load  # noqa: E402

DEFAULT_NEURAL = DEFAULT_OUT.with_name("neural.npz")

IGNORED = {"O", "label", "note"}
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def soft(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", fold(text)) if text else ""


def _names(names) -> str:
    return "|".join(soft(n.family or n.literal) for n in names)


# The editor words of the other languages the parser reads ("(éd.)", "(Hgg.)", "(dir.)", "(a cura di)"): gold
# editor spans carry them, and the learned reader's own list names only the English and German ones.
_EDITOR_WORDS_RE = re.compile(r"[,(\s]*\b(?:éds?|Hgg?|Hrsgg|dirs?|coords?|orgs?|réd|a\s+cura\s+di|comps?)\b\.?\)?\s*:?",
                              re.IGNORECASE)


def _locator(text: str) -> str:
    """A gold volume, issue or page span without its locator word, also inside brackets: APA's ``(pp. 45–67)`` is
    pages 45–67 (one pass of ``strip_locator`` leaves ``pp. 45–67``, which only a reader with the same slip matched)."""
    return learned.strip_locator(learned.strip_locator(text))


def field_value(label: str, text: str) -> str:
    """A gold span's value in the form a Reference field is compared in."""
    if label in ("author", "editor"):
        if label == "editor":
            text = _EDITOR_WORDS_RE.sub(" ", learned.EDITOR_WORDS_RE.sub(" ", text))
        text = split_label(text)[1]  # citation numbers are not scored, even inside an author span ("7-Taghipour M")
        return _names(parse_author_list(text.strip(" ,;:.()"))[0])
    if label == "date":  # compared by year; a span without one ("Oct", "n.d.") is a fragment with nothing to compare
        m = _YEAR_RE.search(text)
        return m.group(1) if m else ""
    if label in ("volume", "issue"):
        return soft(_locator(text))
    if label == "pages":
        return soft(normalize_pages(_locator(clean(text))))  # clean: "25-­‐7" has a soft hyphen
    if label == "container":
        return soft(learned.IN_PREFIX_RE.sub("", text.strip()))
    if label == "edition":
        m = re.search(r"\d+", text)
        return m.group(0) if m else soft(text)
    if label == "doi":
        hit = ids.find_doi(clean(text))  # clean joins DOIs broken by spaces, as the parsers do
        return ids.normalize_doi(hit[0]).lower() if hit else soft(text)
    if label == "url":  # AnyStyle's URL spans carry their cue: "Available from: http://…", "[en ligne] www.…"
        hit = ids.find_url(clean(text))
        return soft(hit[0]) if hit else soft(text)
    if label in ("pmid", "isbn"):
        return re.sub(r"\D", "", text)
    return soft(text)


def span_fields(labelled) -> Counter:
    """(label, text) spans as compared when the CRF's raw labels are scored: text folded, no value mapping."""
    return Counter((label, soft(text)) for label, text in labelled if label not in IGNORED)


def monograph_as_title(spans) -> list[tuple[int, int, str]]:
    """GROBID's monograph title (``<title level="m">``) and AnyStyle's ``container-title`` where the reference has
    no title of its own and no volume, issue or pages: the title of the work cited (a book, a report, a web page),
    which CSL calls ``title``. A ``journal`` stays the container. (acuref's passes read a lone container the same
    way; the model itself was trained on the sets' own labels.)"""
    if any(LABEL_MAP.get(name) in ("title", "volume", "issue", "pages") for _, _, name in spans):
        return list(spans)
    return [(s, e, "title" if name in ("container_title", "container-title") else name) for s, e, name in spans]


def gold_fields(raw: str, spans) -> Counter:
    out: Counter = Counter()
    for start, end, name in monograph_as_title(spans):
        label = LABEL_MAP.get(name, "note")
        if label == "url" and "doi.org/" in raw[start:end].lower():
            label = "doi"  # AnyStyle labels https://doi.org/10.… a URL; in CSL (and in acuref) it is the DOI
        if label not in IGNORED:
            value = field_value(label, raw[start:end])
            if value:
                out[(label, value)] += 1
    return out


def ref_fields(ref: Reference) -> Counter:
    out: Counter = Counter()

    def put(label, value):
        if value:
            out[(label, value)] += 1

    put("author", _names(ref.author))
    put("editor", _names(ref.editor))
    put("title", soft(ref.title))
    put("container", soft(ref.container_title))
    put("collection", soft(ref.collection_title))
    put("date", str(ref.issued.year) if ref.issued else "")
    put("volume", soft(ref.volume))
    put("issue", soft(ref.issue))
    put("pages", soft(ref.page or ref.number))
    put("publisher", soft(ref.publisher))
    put("place", soft(ref.publisher_place))
    put("edition", soft(ref.edition))
    put("doi", ref.DOI.lower() if ref.DOI else "")
    put("pmid", ref.PMID or "")
    put("pmcid", soft(ref.PMCID))
    put("url", soft(ref.URL))
    put("isbn", re.sub(r"\D", "", ref.ISBN or ""))
    return out


def glutton_gold(row: dict) -> Counter:
    out: Counter = Counter()
    for key, label in (("atitle", "title"), ("jtitle", "container"), ("volume", "volume")):
        if row.get(key):
            out[(label, soft(row[key]))] += 1
    if row.get("firstAuthor"):
        out[("first author", soft(row["firstAuthor"]))] += 1
    if row.get("firstPage"):
        out[("first page", soft(row["firstPage"]))] += 1
    # identifiers only count where the string prints them (the gold has them for every row)
    printed = re.sub(r"\s+", "", row["reference"]).lower()
    if row.get("doi") and row["doi"].lower() in printed:
        out[("doi", row["doi"].lower())] += 1
    if row.get("pmid") and re.search(rf"(?<!\d){row['pmid']}(?!\d)", printed):
        out[("pmid", row["pmid"])] += 1
    return out


def glutton_pred(ref: Reference, gold: Counter) -> Counter:
    """The same fields read off a Reference; fields absent from the gold row are not scored."""
    labels = {lab for lab, _ in gold}
    out: Counter = Counter()
    first = ref.author[0] if ref.author else None
    first_family = soft(first.family or first.literal) if first else ""
    if first_family and ("first author", first_family) not in gold:
        # glutton's firstAuthor drops name particles ("De Coster" → "Coster"); acuref keeps them, as CSL does
        bare = soft(without_particles(first.family or first.literal))
        first_family = bare if ("first author", bare) in gold else first_family
    for label, value in (("title", soft(ref.title)), ("container", soft(ref.container_title)),
                         ("volume", soft(ref.volume)), ("first author", first_family),
                         ("first page", soft(ref.page_first or ref.number)), ("doi", (ref.DOI or "").lower()),
                         ("pmid", ref.PMID or "")):
        if value and label in labels:
            out[(label, value)] += 1
    return out


def glutton_ceiling(rows: list[dict], golds: list[Counter], refs: dict[int, Reference]) -> str:
    """How far glutton's gold lets any reader of the printed string go.

    Its fields come from the matched record, not from the string: some are not printed in it at all, and its
    titles stop where the printed title turns italic (a species or gene name). A reader that gets every printed
    field right still misses those twice (the gold value unread, the printed one counted wrong), so its F1 is
    2·right / (2·right + 2·missed): the share of gold fields it can get right.
    """
    total = absent = cut = 0
    for row, row_gold in zip(rows, golds):
        printed = soft(row["reference"])
        for label, value in row_gold:
            total += 1
            if label != "doi" and value not in printed:
                absent += 1
        title = soft(refs[id(row)].title)
        gold = soft(row.get("atitle"))
        if gold and title != gold and title.startswith(gold) and title in printed:
            cut += 1
    return (f"  glutton gold: {absent} of {total} fields not printed in the string; {cut} titles cut short of the "
            f"printed title (acuref's title continues them); F1 ceiling for a reader of the printed string "
            f"{(total - absent - cut) / total:.4f}")


def tally(pairs) -> tuple[dict[str, list[int]], float]:
    """Per-label [tp, fp, fn] and the share of references with every field right."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    whole = n = 0
    for gold, pred in pairs:
        n += 1
        ok = True
        for key in set(gold) | set(pred):
            tp = min(gold[key], pred[key])
            per[key[0]][0] += tp
            per[key[0]][1] += pred[key] - tp
            per[key[0]][2] += gold[key] - tp
            ok = ok and gold[key] == pred[key]
        whole += ok
    return per, whole / max(n, 1)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def micro(per) -> float:
    return prf(*[sum(v[i] for v in per.values()) for i in range(3)])[2]


READERS = {"rules": parse.parse_rules, "model": learned.parse_with_model, "neural": learned.parse_with_model,
           "acuref": parse.parse_reference, "acuref+nn": parse.parse_reference}
NEURAL = {"neural", "acuref+nn"}


def run_reader(name: str, texts: list[str]) -> tuple[list[Reference], float]:
    """One reader over ``texts`` (one batch, as a document's strings are), and its references per second."""
    learned.use_reader("neural" if name in NEURAL else "crf")
    net = learned.default_neural()
    if net is not None:
        net.forget()  # every reader tags its strings itself: none finds another's in the cache
    t0 = time.perf_counter()
    learned.prepare(texts, every=name == "neural")
    refs = [READERS[name](t) for t in texts]
    learned.use_reader("crf")
    return refs, len(texts) / (time.perf_counter() - t0)


def print_fields(title: str, per, markdown: bool) -> None:
    if markdown:
        print(f"\n**{title}** (soft)\n\n| field | precision | recall | F1 | gold |\n|---|---|---|---|---|")
    else:
        print(f"\n{title} per field (soft): label, precision, recall, F1, gold count")
    for label, (tp, fp, fn) in sorted(per.items(), key=lambda kv: (-(kv[1][0] + kv[1][2]), kv[0])):
        p, r, f = prf(tp, fp, fn)
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {tp + fn} |" if markdown
              else f"  {label:<12}{p:>8.3f}{r:>8.3f}{f:>8.3f}{tp + fn:>8}")


def set_table(by_set: dict[str, list], tests: list, glutton: list[dict], tagged: dict, net_tagged: dict,
              results: dict[str, dict[int, Reference]]) -> list[Counter]:
    """Per set: the taggers' raw spans and every reader's fields, micro-F1 and whole-reference accuracy; returns
    glutton's gold rows."""
    golds: list[Counter] = []
    print("\nfield micro-F1 (soft) / whole-reference accuracy")
    print(f"{'dataset':<30}{'n':>6}{'CRF spans':>11}{'net spans':>11}" + "".join(f"{name:>18}" for name in READERS))
    order = sorted(by_set, key=lambda k: (not k.startswith("ALL"), k))
    gold_cache = {id(ex): gold_fields(ex.raw, ex.spans) for ex in tests}
    for name in order:
        exs = by_set[name]
        crf_pairs = [(span_fields((LABEL_MAP.get(n_, "note"), ex.raw[s:e]) for s, e, n_ in ex.spans),
                      span_fields(segments(ex.raw, *tagged[id(ex)][:2]))) for ex in exs]
        net_pairs = [(pair[0], span_fields(segments(ex.raw, *net_tagged[id(ex)][:2]))) for pair, ex in zip(crf_pairs, exs)]
        line = f"{name:<30}{len(exs):>6}{micro(tally(crf_pairs)[0]):>11.4f}{micro(tally(net_pairs)[0]):>11.4f}"
        for reader in READERS:
            per, whole = tally((gold_cache[id(ex)], ref_fields(results[reader][id(ex)])) for ex in exs)
            line += f"{micro(per):>11.4f} / {whole:.2f}"
        print(line)
    if glutton:
        line = f"{'glutton_pmc_dev (fields)':<30}{len(glutton):>6}{'':>22}"
        golds = [glutton_gold(row) for row in glutton]
        for reader in READERS:
            per, whole = tally((gold, glutton_pred(results[reader][id(row)], gold)) for row, gold in zip(glutton, golds))
            line += f"{micro(per):>11.4f} / {whole:.2f}"
        print(line)
        print(glutton_ceiling(glutton, golds, results["acuref"]))
    return golds


def field_tables(by_set: dict[str, list], tests: list, glutton: list[dict], golds: list[Counter],
                 results: dict[str, dict[int, Reference]], markdown: bool) -> None:
    """Per field, the two hybrids side by side: general and biomedical held-out strings, glutton's PMC strings."""
    gold_cache = {id(ex): gold_fields(ex.raw, ex.spans) for ex in tests}
    for domain in ("ALL biomed", "ALL general"):
        for reader in ("acuref", "acuref+nn"):
            per, _ = tally((gold_cache[id(ex)], ref_fields(results[reader][id(ex)])) for ex in by_set[domain])
            print_fields(f"{domain[4:]} — {reader}", per, markdown)
    if glutton:
        for reader in ("acuref", "acuref+nn"):
            per, _ = tally((gold, glutton_pred(results[reader][id(row)], gold)) for row, gold in zip(glutton, golds))
            print_fields(f"glutton PMC — {reader}", per, markdown)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--neural", type=Path, default=DEFAULT_NEURAL)
    ap.add_argument("--markdown", action="store_true", help="print the per-label table as Markdown for the README")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"{args.data} not found (it lives in ../shared/); nothing measured")
        return 1
    t0 = time.perf_counter()
    tagger = load_tagger(str(args.model))
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    net = load_neural(str(args.neural)) if args.neural.exists() else None
    net_load_s = time.perf_counter() - t0
    if tagger is None or net is None:
        print(f"{args.model} or {args.neural}: not a model that can be read here; nothing measured")
        return 1
    learned.default_tagger = lambda: tagger  # every reader uses the models under test
    learned.default_neural = lambda: net
    tests = [ex for ex in load(args.data) if is_test(ex.raw)]
    glutton_path = args.data / "glutton_pmc_dev.jsonl"
    glutton = [json.loads(line) for line in glutton_path.open(encoding="utf-8")] if glutton_path.exists() else []
    by_set: dict[str, list] = defaultdict(list)
    for ex in tests:
        by_set[ex.dataset].append(ex)
        by_set["ALL " + ex.domain].append(ex)
        if ex.dataset.startswith("anystyle_"):  # the issue's general bar names AnyStyle's sets
            by_set["ALL anystyle"].append(ex)

    # 1. the CRF's labels alone, compared span by span
    t0 = time.perf_counter()
    tagged = {id(ex): tagger.tag(ex.raw) for ex in tests}
    tag_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    net_tagged = dict(zip((id(ex) for ex in tests), net.tag_many([ex.raw for ex in tests])))
    net_tag_s = time.perf_counter() - t0
    print(f"held-out strings: {len(tests)} (+ {len(glutton)} glutton); CRF load {load_s * 1000:.0f} ms, "
          f"file {args.model.stat().st_size / 2**20:.1f} MiB; network load {net_load_s * 1000:.0f} ms, file "
          f"{args.neural.stat().st_size / 2**20:.1f} MiB; tagging alone, references/s: CRF {len(tests) / tag_s:,.0f}, "
          f"network (batched) {len(tests) / net_tag_s:,.0f}")

    # 2. every reader, on Reference fields
    results: dict[str, dict[int, Reference]] = {}
    speed: dict[str, float] = {}
    for name in READERS:
        refs, speed[name] = run_reader(name, [ex.raw for ex in tests])
        results[name] = dict(zip((id(ex) for ex in tests), refs))
        if glutton:
            refs, speed[name + " glutton"] = run_reader(name, [row["reference"] for row in glutton])
            results[name].update(zip((id(row) for row in glutton), refs))
    print("end-to-end speed, references/s (one core): "
          + ", ".join(f"{k} {v:,.0f}" for k, v in speed.items()))

    golds = set_table(by_set, tests, glutton, tagged, net_tagged, results)
    field_tables(by_set, tests, glutton, golds, results, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
