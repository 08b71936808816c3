"""Every user mistake: one line saying what to do, the documented exit code, no traceback, output untouched."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from acuref.resolve.cache import Cache
from conftest import REFS

CASES = [
    # (name, arguments (OUT is the output path), exit code, words the message must contain)
    ("misspelt option", ["export", str(REFS), "--no-resolv", "-o", "OUT"], 2, ["did you mean --no-resolve"]),
    ("wrong format name", ["export", str(REFS), "-f", "endnote", "-o", "OUT"], 2, ["unknown format", "bibtex"]),
    ("suffix with no format", ["export", str(REFS), "-o", "OUT.docx"], 2, ["-f"]),
    ("mailto without @", ["export", str(REFS), "--mailto", "me", "-o", "OUT"], 2, ["--mailto", "e-mail"]),
    ("missing input", ["export", "/no/such/file.txt", "--no-resolve", "-o", "OUT"], 3, ["/no/such/file.txt"]),
    ("input is a broken PDF", ["export", "PDF", "--no-resolve", "-o", "OUT"], 3, ["PDF", "cannot be opened"]),
    ("invalid CSL-JSON", ["export", "BADJSON", "--no-resolve", "-o", "OUT"], 3, ["bad.json:1", "not valid JSON"]),
    ("output in a missing folder", ["export", str(REFS), "--no-resolve", "-o", "MISSING/out.bib"], 5,
     ["does not exist"]),
]


@pytest.mark.parametrize("name,args,code,words", CASES, ids=[c[0] for c in CASES])
def test_user_mistakes(tmp_path, name, args, code, words):
    """The mistake is named on one line of stderr, with the documented exit code; the output file is unchanged."""
    out = tmp_path / "out.bib"
    out.write_text("KEEP", encoding="utf-8")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.5\n%binary")
    (tmp_path / "bad.json").write_text('[{"id": "x", "title": }]', encoding="utf-8")
    subst = {"OUT": str(out), "OUT.docx": str(tmp_path / "out.docx"), "PDF": str(tmp_path / "paper.pdf"),
             "BADJSON": str(tmp_path / "bad.json"), "MISSING/out.bib": str(tmp_path / "missing" / "out.bib")}
    argv = [subst.get(a, a) for a in args]
    env = {**os.environ, "ACUREF_CROSSREF_URL": "http://127.0.0.1:9", "ACUREF_CACHE": str(tmp_path / "c.sqlite")}
    proc = subprocess.run([sys.executable, "-m", "acuref", *argv], capture_output=True, text=True, env=env)
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("acuref: error: ") and "Traceback" not in proc.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert out.read_text(encoding="utf-8") == "KEEP"
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "missing").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.bib")]  # no temporary file left


def test_bib_with_syntax_errors_keeps_going(tmp_path):
    """A library with a broken entry: the good entries are exported, the broken one is named with its line."""
    lib = tmp_path / "lib.bib"
    lib.write_text("@article{ok1, title={One}, year={2001}}\n@article{broken, title={oops, year=2001}\n"
                   "@book{ok2, title={Two}, year={2002}}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(lib), "--no-resolve", "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "lib.bib:2" in proc.stderr and "Traceback" not in proc.stderr
    assert [i["id"] for i in json.loads(out.read_text(encoding="utf-8"))] == ["ok1", "ok2"]


def test_corrupt_cache_is_rebuilt_not_fatal(tmp_path):
    """A cache file that is not a database is moved aside and rebuilt, with a warning."""
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"garbage" * 1000)
    cache = Cache(path)
    cache.put("k", {"v": 1})
    assert cache.get("k") == {"v": 1} and "corrupt" in cache.warnings[0] and "rebuilt" in cache.warnings[0]
    assert any(p.name.startswith("c.sqlite.corrupt-") for p in tmp_path.iterdir())


def test_unopenable_cache_is_left_alone_not_called_corrupt(tmp_path):
    """A cache path SQLite cannot open is skipped with a warning and not moved aside as if corrupt."""
    path = tmp_path / "c.sqlite"
    path.mkdir()
    cache = Cache(path)
    cache.put("k", {"v": 1})
    assert cache.get("k") is None and len(cache.warnings) == 1
    assert "cannot be opened" in cache.warnings[0] and "corrupt" not in cache.warnings[0]
    assert path.is_dir() and [p.name for p in tmp_path.iterdir()] == ["c.sqlite"]


def test_locked_cache_is_skipped_not_fatal(tmp_path):
    """A cache locked by another run is skipped for this run, with a warning; nothing fails."""
    path = tmp_path / "c.sqlite"
    Cache(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        cache = Cache(path)
        cache.put("k", {"v": 1})
        assert cache.get("k") is None and cache.warnings and "locked" in " ".join(cache.warnings)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
