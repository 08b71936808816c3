"""Writing a run's outputs: one step for all of them, so a failed run never leaves a truncated or clobbered file.

Every output is written only once all of them can be: regular files go to temporary files beside their
targets first, then streams (standard output, a device, a FIFO) are written, and only then are the
temporary files renamed over their targets. A device is written to, never replaced by a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from acuref.errors import OutputError, UsageError
from acuref.pipeline import own_output
from acuref.read.documents import DOCUMENT_SUFFIXES


@dataclass(frozen=True, slots=True)
class Target:
    """One output a command line names: its flag (for messages) and its path (``-`` is standard output)."""

    flag: str
    path: str


def _surrogate_bytes(err: UnicodeError) -> tuple[str, int]:
    """A file name that is not UTF-8 reaches the text as surrogate escapes (PEP 383): show each byte as the
    Windows-1252 letter it most likely was (``caf\\xe9`` → ``café``), so every output stays valid UTF-8."""
    assert isinstance(err, UnicodeEncodeError)
    raw = bytes(ord(c) - 0xDC00 if 0xDC80 <= ord(c) <= 0xDCFF else 0x3F for c in err.object[err.start:err.end])
    return raw.decode("cp1252", errors="replace"), err.end


def encode(text: str) -> bytes:
    """``text`` as UTF-8, lone surrogates (from undecodable file names) shown as letters, never an error."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        out, start = [], 0
        while True:
            try:
                out.append(text[start:].encode("utf-8"))
                return b"".join(out)
            except UnicodeEncodeError as err:
                out.append(text[start:start + err.start].encode("utf-8"))
                shown, end = _surrogate_bytes(err)
                out.append(shown.encode("utf-8"))
                start += end


def display(text: str) -> str:
    """A message as one printable line: file names with newlines or undecodable bytes cannot split or break it."""
    text = encode(text).decode("utf-8")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _same(a: str, b: str) -> bool:
    """Whether two paths name one file (existing or not): the same inode, or the same absolute path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _is_stream(path: str) -> bool:
    """A target that is written to, not replaced: a character or block device, a FIFO or a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check(targets: Sequence[Target], inputs: Iterable[str] = ()) -> None:
    """Refuse, before any work, two outputs that are one file and an output that is one of the inputs."""
    for t in targets:
        if not t.path:
            raise UsageError(f"{t.flag}: an empty file name (give a file, or '-' for standard output)")
    named = [t for t in targets if t.path != "-"]
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            if _same(a.path, b.path) and not _is_stream(a.path):
                raise UsageError(f"{a.flag} {display(a.path)} and {b.flag} {display(b.path)} are one file; "
                                 "give each output its own name")
    inputs = [p for p in inputs if p != "-"]
    files = [p for p in inputs if not os.path.isdir(p)]
    folders = [os.path.realpath(p) for p in inputs if os.path.isdir(p)]
    for t in named:
        if _is_stream(t.path):
            continue
        if any(_same(t.path, p) for p in files) or (_is_document(t.path) and _inside(t.path, folders)):
            raise UsageError(f"{t.flag} {display(t.path)} is also an input; writing it would replace it "
                             "(give the output another name)")


def _is_document(path: str) -> bool:
    """An existing document that is not acuref's own output (a review page of an earlier run is replaced as
    any output is; a bibliography may be an earlier run's output too): replacing it loses the user's text."""
    return (os.path.isfile(path) and os.path.splitext(path)[1].lower() in DOCUMENT_SUFFIXES
            and own_output(path) is None)


def _inside(path: str, folders: Sequence[str]) -> bool:
    where = os.path.realpath(path)
    return any(os.path.commonpath([where, folder]) == folder for folder in folders)


def excluded(targets: Sequence[Target]) -> frozenset[str]:
    """The real paths of a run's output files (links resolved): a folder walk never reads them back as inputs."""
    return frozenset(os.path.realpath(t.path) for t in targets if t.path and t.path != "-")


def _fail(path: str, err: OSError) -> OutputError:
    where = "standard output" if path == "-" else display(path)
    return OutputError(f"{where}: cannot write: {err.strerror or err}")


def _prepare(path: str, data: bytes) -> str:
    """Write ``data`` to a temporary file beside ``path``; return its name."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(folder):  # os.path answers False where Path raises (a name too long for the system)
        raise OutputError(f"{display(path)}: cannot write: folder {display(str(folder))!r} does not exist")
    if os.path.isdir(target):
        raise OutputError(f"{display(path)}: cannot write: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise _fail(path, err) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError as err:
        _unlink(tmp)
        raise _fail(path, err) from None
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _stream(path: str, data: bytes) -> None:
    """Standard output or a device: written directly; a full disk or a closed pipe is an error, not a traceback."""
    try:
        if path == "-":
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)  # a test's or an embedder's text-only stdout has none
            if buffer is None:
                sys.stdout.write(data.decode("utf-8"))
            else:
                buffer.write(data)
            sys.stdout.flush()
        else:
            with open(path, "wb") as fh:
                fh.write(data)
    except OSError as err:
        if err.errno == errno.EPIPE:
            raise BrokenPipeError(err.errno, err.strerror) from None
        raise _fail(path, err) from None


def write_all(outputs: Sequence[tuple[str, str]]) -> None:
    """Write every ``(path, text)``, or none: nothing replaces an existing file until every output is ready."""
    temps: list[tuple[str, str]] = []
    try:
        for path, text in outputs:
            if path != "-" and not _is_stream(path):
                temps.append((_prepare(path, encode(text)), path))
        for path, text in outputs:
            if path == "-" or _is_stream(path):
                _stream(path, encode(text))
        for tmp, path in temps:
            try:
                os.replace(tmp, path)
            except OSError as err:
                raise _fail(path, err) from None
    finally:
        for tmp, _ in temps:
            _unlink(tmp)


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder, then rename."""
    write_all([(path, text)])


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
