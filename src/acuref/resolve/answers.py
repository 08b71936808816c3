"""What a resolver's HTTP answer is: one rule for every backend that speaks JSON over HTTP.

A 200 answer counts only when its body is a whole JSON object. A cut body, an HTML page (a proxy's or a
captive portal's), a bare list or string, JSON nested beyond reason: each is a *broken answer*, a failure
like a 5xx: retried, then the references it was for are ``failed`` (exit 4), and it is never cached, so
the next run against a working server is not held back by it. Any error of the HTTP library itself (a
body shorter than its Content-Length, a redirect loop, a bad encoding) is a failure of the same kind.
"""

from __future__ import annotations

import time
from typing import Any

import requests

# Everything requests raises for a request that got no usable answer: connection, timeout, a body cut
# short (ChunkedEncodingError), a redirect loop (TooManyRedirects), a body that cannot be decoded.
FAILURES = (requests.exceptions.RequestException, ValueError, RecursionError)


MAX_SECONDS = 90.0  # a whole answer, however slowly its bytes come (a read timeout only bounds each pause)
MAX_BYTES = 64 * 2**20  # no answer acuref asks for is near this; a body past it is not read into memory


class TooSlowOrTooLarge(requests.exceptions.RequestException):
    """An answer still coming after ``MAX_SECONDS``, or larger than ``MAX_BYTES``."""


def read_body(resp: requests.Response, *, seconds: float | None = None, limit: int | None = None,
              clock: Any = time.monotonic) -> None:
    """Read a streamed answer's body within a time and size bound, so ``resp.json()`` and ``resp.text`` work."""
    seconds = MAX_SECONDS if seconds is None else seconds
    limit = MAX_BYTES if limit is None else limit
    start = clock()
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(65536):
        size += len(chunk)
        chunks.append(chunk)
        if size > limit:
            resp.close()
            raise TooSlowOrTooLarge(f"an answer larger than {limit >> 20} MiB")
        if clock() - start > seconds:
            resp.close()
            raise TooSlowOrTooLarge(f"an answer still coming after {seconds:.0f} s")
    resp._content = b"".join(chunks)  # what requests itself sets when it reads a body whole
    resp._content_consumed = True


def json_object(resp: requests.Response) -> dict[str, Any] | None:
    """The answer's body as a JSON object, or None when it is anything else."""
    try:
        data = resp.json()
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def broken(resp: requests.Response) -> str:
    """Why a 200 answer that is not the JSON asked for was refused, in a few words for the message."""
    kind = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
    head = resp.content[:64].lstrip().lower()
    if "html" in kind or head.startswith((b"<!doctype html", b"<html")):
        return "an HTML page instead of JSON"
    try:
        resp.json()
    except (ValueError, RecursionError):
        return "a body that is not whole JSON"
    return "JSON that is not of the expected shape"


def failure(err: Exception) -> str:
    """A request that failed in the HTTP library, named for the message."""
    return str(err) if isinstance(err, TooSlowOrTooLarge) else type(err).__name__
