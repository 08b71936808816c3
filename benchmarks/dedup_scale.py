"""Deduplication at scale: 10,000, 100,000 and 1,000,000 synthetic references, time and peak memory.

Usage: python benchmarks/dedup_scale.py [--sizes 10000,100000,1000000]

Each size runs in its own process. About a quarter of the references are second or third citations of
a work, varied the way real citations vary: title case and punctuation, a typo, a missing DOI or issue,
an abbreviated journal, initials instead of given names, the epub year. Clusters are checked against
the generator's truth. Time is for deduplication alone (fingerprints, blocking, comparison, clustering,
merging); peak memory is the process's maximum resident size, inputs included.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time

# A vocabulary and a pool of surnames large enough that unrelated works rarely share first words or an
# author-year pair by chance — as in real bibliographies — yet small enough to produce near-misses.
_STEMS = ("acupunct neuropath diabet periph chron random trial effect treat patient cancer chemotherap induc "
          "clinic analys systemat review outcom therap model mous rat cell express receptor signal protein gene "
          "respons risk factor cohort control placebo sham needl stimul electr moxibust serotonin opioid brain "
          "spinal nerv inflamm cytokin qualit sleep anxiet depress older adult child women acut back neck knee "
          "osteoarthr migrain headach fibromyalg injur surger recover dose safet efficac mechan pathway metabol "
          "insulin glucos lipid vascul cardi renal hepat pulmon immun infect viral bacteri antibiot vaccin").split()
_ENDS = ("", "s", "ic", "ies", "al", "ed", "ing", "ion", "ity", "ive", "ous", "ment")
WORDS = sorted({s + e for s in _STEMS for e in _ENDS})
_SYL = ("an be ca da el fa ga ha ib ja ka la ma na ob pa ra sa ta ul va wa ya zo ber dor gan hol kin lor mon "
        "nor pet ros sil tam ven wil").split()
SURNAMES = sorted({(a + b + c).capitalize() for a in _SYL for b in _SYL for c in ("", "s", "son", "er", "ez", "ini")})
JOURNALS = [("Journal of Clinical Oncology", "J Clin Oncol"), ("Pain", "Pain"), ("Acupuncture in Medicine", "Acupunct Med"),
            ("Diabetes Care", "Diabetes Care"), ("Blood", "Blood"), ("Neuroscience Letters", "Neurosci Lett"),
            ("Journal of Alternative and Complementary Medicine", "J Altern Complement Med"),
            ("Evidence-Based Complementary and Alternative Medicine", "Evid Based Complement Alternat Med")]


def works(n_works: int, rng: random.Random):
    from acuref.model import Date, Name, Reference

    out = []
    for w in range(n_works):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
        authors = tuple(Name(rng.choice(SURNAMES), f"{rng.choice('ABCDEFGHJKLMNPRSTW')}.") for _ in range(rng.randint(1, 6)))
        full, short = rng.choice(JOURNALS)
        year = rng.randint(1980, 2024)
        first = rng.randint(1, 2000)
        out.append(Reference(title=title, author=authors, container_title=full, container_title_short=short,
                             issued=Date(year), volume=str(rng.randint(1, 400)), issue=str(rng.randint(1, 12)),
                             page=f"{first}-{first + rng.randint(2, 20)}", DOI=f"10.5555/w{w}" if rng.random() < 0.7 else None))
    return out


def variant(ref, rng: random.Random):
    from dataclasses import replace

    from acuref.model import Date

    title = ref.title
    r = rng.random()
    if r < 0.3:
        title = title.title()
    elif r < 0.5:
        i = rng.randrange(len(title))
        title = title[:i] + title[i + 1:]  # a typo
    elif r < 0.6:
        title = title + "."
    changes = {"title": title, "container_title": rng.choice((ref.container_title, ref.container_title_short))}
    if rng.random() < 0.5:
        changes["DOI"] = None
    if rng.random() < 0.3:
        changes["issue"] = None
    if rng.random() < 0.1 and ref.issued:
        changes["issued"] = Date(ref.issued.year + rng.choice((-1, 1)))
    if rng.random() < 0.3 and ref.author:
        changes["author"], changes["author_truncated"] = ref.author[:1], True
    return replace(ref, **changes)


def build(n: int, seed: int = 7):
    rng = random.Random(seed)
    base = works(int(n * 0.78), rng)
    refs, truth = [], []
    for w, ref in enumerate(base):
        refs.append(ref)
        truth.append(w)
    while len(refs) < n:
        w = rng.randrange(len(base))
        refs.append(variant(base[w], rng))
        truth.append(w)
    order = list(range(len(refs)))
    rng.shuffle(order)
    return [refs[i] for i in order], [truth[i] for i in order]


def child(n: int) -> None:
    from acuref.dedupe.stage import deduplicate

    refs, truth = build(n)
    t0 = time.perf_counter()
    out, report = deduplicate(refs, pause_gc=True)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Check clusters against the generator's truth: false merges and missed duplicates.
    member_of = {}
    for k, steps in report.merged_from.items():
        for step in steps:
            member_of[step.member] = k
    cluster = [member_of.get(i, -1 - i) for i in range(n)]
    works_by_cluster: dict[int, set[int]] = {}
    for i, c in enumerate(cluster):
        works_by_cluster.setdefault(c, set()).add(truth[i])
    false_merges = sum(len(ws) - 1 for ws in works_by_cluster.values())
    true_groups: dict[int, set[int]] = {}
    for i, w in enumerate(truth):
        true_groups.setdefault(w, set()).add(cluster[i])
    missed = sum(len(cs) - 1 for cs in true_groups.values())
    dupes = n - len(true_groups)
    print(json.dumps({"n": n, "seconds": secs, "peak_mib": peak, "out": len(out), "duplicates": dupes,
                      "found": dupes - missed, "false_merges": false_merges}))


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(int(sys.argv[2]))
        return 0
    sizes = [10_000, 100_000, 1_000_000]
    if len(sys.argv) > 2 and sys.argv[1] == "--sizes":
        sizes = [int(x) for x in sys.argv[2].split(",")]
    print(f"{'references':>12}{'seconds':>10}{'refs/s':>10}{'peak MiB':>10}{'duplicates':>12}{'found':>9}"
          f"{'false merges':>14}")
    results = {}
    for n in sizes:
        proc = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True)
        if proc.returncode:
            print(f"{n:>12} failed: {proc.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(proc.stdout)
        results[n] = r
        print(f"{n:>12,}{r['seconds']:>10.1f}{n / r['seconds']:>10,.0f}{r['peak_mib']:>10,.0f}{r['duplicates']:>12,}"
              f"{r['found']:>9,}{r['false_merges']:>14,}")
    if 100_000 in results and 1_000_000 in results:
        ratio = results[1_000_000]["seconds"] / results[100_000]["seconds"]
        print(f"time 1M / 100k = {ratio:.1f} (n log n allows about 12; linear is 10); "
              f"1M peak {results[1_000_000]['peak_mib'] / 1024:.2f} GiB (limit 4 GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
