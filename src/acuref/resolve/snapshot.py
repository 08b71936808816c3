"""A local snapshot of Crossref metadata: an embedded SQLite file with DOI look-up and bibliographic search.

Why SQLite FTS5 and not DuckDB: it ships with Python (no extension to download, which DuckDB's full-text
search needs), one file that several processes read at once, BM25 ranking built in, and inserts in batches
at tens of thousands of works a second. One machine's index; a cluster outgrows it into OpenSearch behind
the same resolver protocol.

The file holds, per work, the fields validation and enrichment read (Crossref's own JSON, compressed) and
one full-text row of its title, authors, journal, year, volume and pages. A search asks only for the rarest
terms of the reference as printed (their posting lists are short, so a query costs about a millisecond even
with millions of works) and hands the works that hold the most of them, by BM25's idf weights, to the same
validation as the API path.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import sqlite3
import threading
import time
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acuref.errors import InputError, OutputError

SCHEMA_VERSION = "1"
# The keys kept of each work: what crossref_records reads (SELECT), so a snapshot answer equals an API answer.
KEPT = ("DOI", "type", "title", "author", "container-title", "short-container-title", "volume", "issue", "page",
        "article-number", "published-print", "published-online", "issued", "ISSN", "publisher", "update-to",
        "updated-by", "relation", "editor")
_STOP = frozenset("""a an and are as at by de der die du el en et for from how in into is la le les of on or over
the to und van von with al vol no pp doi org http https www""".split())
_TOKEN = re.compile(r"[^\W_]+")
TERMS_PER_QUERY = 10  # the rarest terms of a reference that a search asks for, at most
MIN_TERMS = 4
# Beyond MIN_TERMS, terms are added while their posting lists stay within a budget that grows with the index
# (a term's document count does too): 2,000 postings, or 1 in 200 works.
POSTINGS_BUDGET = 2000
BUDGET_SHARE = 1 / 200
ROWS = 8


def terms(text: str) -> list[str]:
    """Lower-cased, accent-free words and numbers, as FTS5's unicode61 tokenizer (remove_diacritics 2) splits."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [t for t in _TOKEN.findall(folded) if (len(t) > 1 or t.isdigit()) and t not in _STOP]


def kept_record(work: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A work as an index keeps it: its lower-cased DOI (the key) and the fields validation reads (:data:`KEPT`)."""
    kept = {k: work[k] for k in KEPT if k in work}
    kept["DOI"] = str(kept["DOI"]).strip()
    return kept["DOI"].lower(), kept


def text_of(work: dict[str, Any]) -> str:
    """The full-text row of a work: title, authors, journal, year, volume, issue and pages."""
    def first(key: str) -> str:
        value = work.get(key)
        return " ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")

    people = " ".join(str(a.get("family") or a.get("name") or "") for a in work.get("author") or []
                      if isinstance(a, dict))
    year = ""
    for key in ("published-print", "published-online", "issued"):
        parts = (work.get(key) or {}).get("date-parts") if isinstance(work.get(key), dict) else None
        if parts and parts[0] and parts[0][0]:
            year = str(parts[0][0])
            break
    return " ".join([first("title"), people, first("container-title"), first("short-container-title"), year,
                     first("volume"), first("issue"), first("page"), first("article-number")])


def read_works(path: Path) -> Iterator[dict[str, Any]]:
    """Crossref work records from a file: the public data file's JSON (``{"items": [...]}``, a ``.json`` file) or
    JSON Lines (one work, or one API answer, per line), either of them gzipped."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            if path.name.endswith((".json", ".json.gz")):
                try:
                    yield from _items(json.load(fh))
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}: not a JSON file of Crossref records ({err.msg}, line {err.lineno})") \
                        from None
                except RecursionError:
                    raise InputError(f"{path}: not a JSON file of Crossref records (nested beyond reason)") from None
                return
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    yield from _items(json.loads(line))
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}: line {line_no}: not a JSON record ({err.msg})") from None
                except RecursionError:
                    raise InputError(f"{path}: line {line_no}: not a JSON record (nested beyond reason)") from None
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot be read ({err})") from None


def _items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        items = data["items"]
    elif isinstance(data, dict) and isinstance(data.get("message"), dict):
        message = data["message"]
        items = message.get("items") if isinstance(message.get("items"), list) else [message]
    else:
        items = [data]
    for work in items:
        if isinstance(work, dict) and work.get("DOI"):
            yield work


@dataclass(frozen=True, slots=True)
class BuildReport:
    works: int
    duplicates: int  # records of a DOI already read (the first one stays)
    seconds: float
    bytes: int


class Snapshot:
    """An open snapshot file; safe to share between threads (one connection each)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError(f"{self.path}: no snapshot index here (build one with: acuref index build WORKS.jsonl)")
        self._local = threading.local()
        con = self._con()
        try:
            version = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as err:
            raise InputError(f"{self.path}: not an acuref snapshot index ({err})") from None
        if not version or version[0] != SCHEMA_VERSION:
            raise InputError(f"{self.path}: snapshot index of another version; rebuild it with acuref index build")
        self.size = con.execute("SELECT COUNT(*) FROM works").fetchone()[0]
        self._df: dict[str, int] = {}
        self._average: float | None = None  # terms per work, read on the first search

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("PRAGMA query_only = 1")
            con.execute("PRAGMA mmap_size = 1073741824")
            self._local.con = con
        return con

    def works(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Records by lower-cased DOI; None where the snapshot has none."""
        keys = list(dict.fromkeys(d.lower() for d in dois if d))
        out: dict[str, dict[str, Any] | None] = dict.fromkeys(keys)
        con = self._con()
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for doi, blob in con.execute(f"SELECT doi, record FROM works WHERE doi IN ({marks})", chunk):
                out[doi] = json.loads(zlib.decompress(blob))
        return out

    def doc_frequency(self, term: str) -> int:
        df = self._df.get(term)
        if df is None:
            row = self._con().execute("SELECT doc FROM vocab WHERE term = ?", (term,)).fetchone()
            df = row[0] if row else 0
            if len(self._df) < 1_000_000:
                self._df[term] = df
        return df

    def query_terms(self, query: str) -> list[str]:
        """The rarest terms of a reference that the snapshot holds at all (a term it lacks cannot help)."""
        seen = list(dict.fromkeys(terms(query)))
        known = [(df, t) for t in seen if (df := self.doc_frequency(t)) > 0]
        known.sort()
        # A common term costs a long posting list and adds little to BM25: past the rarest few, stop at the budget.
        chosen: list[str] = []
        total = 0
        budget = max(POSTINGS_BUDGET, self.size * BUDGET_SHARE)
        for df, t in known[:TERMS_PER_QUERY]:
            if len(chosen) >= MIN_TERMS and total + df > budget:
                break
            chosen.append(t)
            total += df
        return chosen

    def _average_length(self) -> float:
        """Terms per work, from FTS5's averages record (its row count, then its token count)."""
        if self._average is None:
            row = self._con().execute("SELECT block FROM search_data WHERE id = 1").fetchone()
            count, at = _varint(row[0]) if row else (0, 0)
            tokens, _ = _varint(row[0], at) if row else (0, 0)
            self._average = tokens / count if count and tokens else 20.0
        return self._average

    def _ranked(self, summed: list[tuple[int, float]], rows: int) -> list[tuple[int, float]]:
        """The best ``rows`` works by idf sum times their length factor."""
        if not summed:
            return []
        marks = ",".join("?" * len(summed))
        lengths = {i: _varint(sz)[0] for i, sz in self._con().execute(
            f"SELECT id, sz FROM search_docsize WHERE id IN ({marks})", [r for r, _ in summed])}
        average = self._average_length()
        scored = [(r, s * (K1 + 1) / (1 + K1 * (1 - B + B * lengths.get(r, average) / average))) for r, s in summed]
        scored.sort(key=lambda h: (-h[1], h[0]))
        return scored[:rows]

    def search(self, query: str, rows: int = ROWS) -> list[tuple[dict[str, Any], float]]:
        """The best BM25 hits for a reference as printed, with their scores (higher is better)."""
        chosen = self.query_terms(query)
        if not chosen:
            return []
        # BM25 with each term counted once (works here are short, a term rarely repeats): the idf of the terms
        # a work holds, summed in SQL, times a factor of the work's length alone, read for the best-summed
        # RANKED works only. FTS5's bm25() decodes every matching work's position lists and length: more than
        # twice as slow where the terms are common, which is every search for a work the index lacks.
        union = " UNION ALL ".join(["SELECT rowid AS r, ? AS w FROM search WHERE search MATCH ?"] * len(chosen))
        weights = [x for t in chosen for x in (_idf(self.size, self.doc_frequency(t)), f'"{t}"')]
        con = self._con()
        summed = con.execute(f"SELECT r, SUM(w) AS s FROM ({union}) GROUP BY r ORDER BY s DESC, r LIMIT ?",
                             (*weights, max(RANKED, rows))).fetchall()
        hits = self._ranked(summed, rows)
        if not hits:
            return []
        marks = ",".join("?" * len(hits))
        blobs = dict(con.execute(f"SELECT id, record FROM works WHERE id IN ({marks})", [h[0] for h in hits]))
        return [(json.loads(zlib.decompress(blobs[rowid])), round(score, 3)) for rowid, score in hits if rowid in blobs]


def _idf(works: int, df: int) -> float:
    """BM25's inverse document frequency of a term held by ``df`` of ``works`` works (never negative)."""
    return math.log((works - df + 0.5) / (df + 0.5) + 1)


# BM25's usual constants; with a term counted once, a work's score is its idf sum times
# (K1 + 1) / (1 + K1 * (1 - B + B * length / average length)).
K1, B = 1.2, 0.75
# The works, best idf sum first, that are ranked by length too: 32 lost 1 of the 100 held-out references
# without a DOI to short filler works on a 1 M-work index, 64 none (benchmarks/snapshot_bench.py).
RANKED = 64


def _varint(data: bytes, at: int = 0) -> tuple[int, int]:
    """SQLite's varint (FTS5 stores lengths and counts so): the value and the offset after it."""
    value = 0
    for i in range(at, min(at + 9, len(data))):
        byte = data[i]
        if i - at == 8:
            return (value << 8) | byte, i + 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i + 1
    return value, len(data)


def build(sources: Iterable[str | Path], out: str | Path, *, batch: int = 5000) -> BuildReport:
    """Read Crossref work records into a new snapshot file at ``out`` (written beside it, then renamed)."""
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    if tmp.exists():
        tmp.unlink()
    t0 = time.perf_counter()
    try:
        con = sqlite3.connect(tmp)
    except sqlite3.Error as err:
        raise OutputError(f"{out}: cannot be written ({err})") from None
    try:
        con.executescript(f"""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            INSERT INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
            CREATE TABLE works(id INTEGER PRIMARY KEY, doi TEXT NOT NULL UNIQUE, record BLOB NOT NULL);
            CREATE VIRTUAL TABLE search USING fts5(text, content='',
                                                   tokenize='unicode61 remove_diacritics 2');
        """)
        works = 0
        rows: list[tuple[str, bytes, str]] = []

        def flush() -> None:
            for doi, blob, text in rows:
                cur = con.execute("INSERT OR IGNORE INTO works(doi, record) VALUES (?, ?)", (doi, blob))
                if cur.rowcount == 0:
                    continue  # the same DOI twice: the first record stays (a contentless index cannot forget)
                con.execute("INSERT INTO search(rowid, text) VALUES (?, ?)", (cur.lastrowid, text))
            rows.clear()

        con.execute("BEGIN")
        for source in sources:
            for work in read_works(Path(source)):
                doi, kept = kept_record(work)
                rows.append((doi, zlib.compress(json.dumps(kept, separators=(",", ":")).encode(), 6), text_of(kept)))
                works += 1
                if len(rows) >= batch:
                    flush()
        flush()
        con.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(search, 'row')")
        con.execute("INSERT INTO search(search) VALUES ('optimize')")
        con.commit()
        count = con.execute("SELECT COUNT(*) FROM works").fetchone()[0]
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, out)
    return BuildReport(count, works - count, time.perf_counter() - t0, out.stat().st_size)
