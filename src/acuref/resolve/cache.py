"""An on-disk SQLite cache of Crossref answers, keyed by DOI and by normalised query.

A second run over the same input makes no request at all. A corrupt cache file is moved aside and
rebuilt; a locked one is skipped for the run with a warning. Neither stops the run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def default_path(environ: Mapping[str, str]) -> Path:
    """``$ACUREF_CACHE``, else the user's cache folder (XDG on Linux, Library/Caches, LOCALAPPDATA).

    The environment is passed in: only the command line reads the process environment.
    """
    env = environ.get("ACUREF_CACHE")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "acuref" / "crossref.sqlite"


class Cache:
    """Thread-safe key → JSON store in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._unreadable = 0  # values read that were not JSON objects
        self._open()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=2.0, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored REAL NOT NULL)")
        db.execute("SELECT count(*) FROM answers").fetchone()
        return db

    def _open(self) -> None:
        try:
            self._db = self._connect()
            return
        except OSError as err:
            reason = err.strerror or str(err)
        except sqlite3.OperationalError as err:
            # Locked, read-only or unopenable: the file itself is sound, so it is left exactly where it is.
            reason = str(err)
            if "locked" in reason.lower() or "busy" in reason.lower():
                self.warnings.append(f"{self.path}: cache is locked by another run; continuing without it")
                return
        except sqlite3.DatabaseError as err:
            self._rebuild(err)
            return
        self.warnings.append(f"{self.path}: cache cannot be opened ({reason}); continuing without it")

    def _rebuild(self, err: sqlite3.DatabaseError) -> None:
        """Move a file that is not a database aside (kept for inspection) and start an empty cache."""
        broken = self.path.with_name(self.path.name + f".corrupt-{int(time.time())}")
        try:
            self.path.replace(broken)
            self._db = self._connect()
        except (sqlite3.DatabaseError, OSError) as err2:
            self.warnings.append(f"{self.path}: cache is corrupt ({err}) and cannot be rebuilt ({err2}); "
                                 "continuing without it")
            return
        self.warnings.append(f"{self.path}: cache was corrupt ({err}); moved to {broken.name} and rebuilt")

    def get(self, key: str) -> dict[str, Any] | None:
        """The answer stored under ``key`` (always a JSON object), or None: a value that is not one (written by
        another program, or damaged) is a miss, asked again and replaced, with one warning for the run."""
        if self._db is None:
            return None
        with self._lock:
            try:
                row = self._db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
            except sqlite3.DatabaseError:
                return None
        if row is None:
            return None
        try:
            value = json.loads(row[0]) if isinstance(row[0], (str, bytes)) else None
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict):
            return value
        with self._lock:
            if not self._unreadable:
                self.warnings.append(f"{self.path}: cache holds answers that are not JSON objects; "
                                     "they are asked again and replaced")
            self._unreadable += 1
        return None

    def put(self, key: str, value: Any) -> None:
        if self._db is None:
            return
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                                 (key, json.dumps(value, ensure_ascii=False), time.time()))
            except sqlite3.DatabaseError as err:
                self.warnings.append(f"{self.path}: cache write failed ({err}); continuing")

    def drain(self) -> list[str]:
        """The warnings not yet said, said now (each once)."""
        with self._lock:
            out, self.warnings[:] = list(self.warnings), []
        return out

    def __bool__(self) -> bool:
        return True  # an open cache is a cache, even when empty (``__len__`` would make it false)

    def __len__(self) -> int:
        if self._db is None:
            return 0
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
