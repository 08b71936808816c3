"""NCBI's E-utilities for DOI-less biomedical references: ECitMatch (citations -> PMIDs, hundreds per request),
ESummary (PMID -> the record validation reads, with its DOI and PMCID) and the PMC ID converter (PMID -> DOI
and PMCID where ESummary has no DOI). The only module that knows NCBI's payloads.

NCBI's limits: 3 requests a second, 10 with an API key, for every E-utility together; requests are POSTed so a
batch of 200 citations stays within any URL limit. Answers are kept in the run's SQLite cache.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import requests

from acuref._version import __version__
from acuref.errors import NetworkError
from acuref.resolve import answers
from acuref.model import Date, Name, Reference
from acuref.normalize.pages import normalize_pages
from acuref.resolve.cache import Cache
from acuref.resolve.ratelimit import RateLimiter

EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
IDCONV = "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/"


def endpoints(base: str | None) -> tuple[str, str]:
    """E-utilities' and the ID converter's addresses: NCBI's, or under ``base`` (``--ncbi-url``, a mirror or a
    test server) at NCBI's own paths, so one address serves both."""
    if not base:
        return EUTILS, IDCONV
    base = base.rstrip("/")
    return f"{base}/entrez/eutils", f"{base}/pmc/utils/idconv/v1.0/"
CITATIONS_PER_REQUEST = 200
IDS_PER_REQUEST = 200
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def citation_line(ref: Reference, key: str) -> str | None:
    """ECitMatch's ``journal|year|volume|first page|author|key|`` for a reference, or None without the journal,
    volume and first page it matches on."""
    journal = ref.container_title_short or ref.container_title
    first_page = (ref.page or "").split("-")[0] or None
    if not (journal and ref.volume and first_page):
        return None
    author = ""
    if ref.author:
        a = ref.author[0]
        initials = "".join(p[0] for p in re.split(r"[\s.\-]+", a.given or "") if p)
        author = f"{a.family} {initials}".strip() if a.family else (a.literal or "")
    fields = [journal, str(ref.issued.year) if ref.issued else "", ref.volume, first_page, author, key]
    return "|".join(re.sub(r"[|\r\n]+", " ", f).strip() for f in fields) + "|"


def parse_citmatch(text: str) -> dict[str, str | None]:
    """ECitMatch's answer: key -> PMID, or None where it found nothing or more than one."""
    out: dict[str, str | None] = {}
    for line in text.splitlines():
        parts = line.split("|")
        if len(parts) < 7:
            continue
        key, answer = parts[5].strip(), parts[6].strip()
        out[key] = answer if answer.isdigit() else None  # NOT_FOUND, AMBIGUOUS 1,2, NOT_FOUND;INVALID_JOURNAL
    return out


def _date(pubdate: str | None) -> Date | None:
    m = re.match(r"(\d{4})(?:\s+([A-Za-z]{3}))?(?:\s+(\d{1,2}))?", pubdate or "")
    if not m:
        return None
    month = _MONTHS.get((m.group(2) or "").lower())
    return Date(int(m.group(1)), month, int(m.group(3)) if month and m.group(3) else None)


def _name(author: dict[str, Any]) -> Name | None:
    """``Berman BM`` (NCBI's family name then initials) as a Name; a collective author as a literal."""
    text = str(author.get("name") or "").strip()
    if not text:
        return None
    if author.get("authtype", "Author") != "Author":
        return Name(literal=text)
    family, _, initials = text.rpartition(" ")
    if not family or not initials.isupper():
        return Name(family=text)
    return Name(family=family, given=" ".join(f"{c}." for c in initials))


def summary_to_reference(doc: dict[str, Any]) -> Reference:
    """One ESummary document (db=pubmed, JSON) as a Reference, its DOI and PMCID from ``articleids``."""
    ids = {str(i.get("idtype")): str(i.get("value")) for i in doc.get("articleids") or [] if isinstance(i, dict)}
    pmcid = ids.get("pmc") or (ids.get("pmcid", "").split(";")[0].replace("pmc-id:", "").strip() or None)
    pages = str(doc.get("pages") or "").strip() or None
    page = normalize_pages(pages) if pages else None
    title = str(doc.get("title") or "").strip().rstrip(".") or None
    return Reference(
        type="article-journal", title=title,
        author=tuple(n for n in (_name(a) for a in doc.get("authors") or [] if isinstance(a, dict)) if n),
        container_title=str(doc.get("fulljournalname") or doc.get("source") or "").strip() or None,
        container_title_short=str(doc.get("source") or "").strip() or None,
        issued=_date(doc.get("pubdate")), volume=str(doc.get("volume") or "").strip() or None,
        issue=str(doc.get("issue") or "").strip() or None, page=page,
        DOI=ids.get("doi") or None, PMID=str(doc.get("uid") or ids.get("pubmed") or "") or None,
        PMCID=pmcid if pmcid and pmcid.startswith("PMC") else None,
    )


class PubMedClient:
    """ECitMatch, ESummary and the ID converter, rate-limited and cached."""

    def __init__(self, *, api_key: str | None = None, email: str | None = None, cache: Cache | None = None,
                 session: requests.Session | None = None, eutils: str = EUTILS, idconv: str = IDCONV,
                 timeout: tuple[float, float] = (5.0, 60.0), max_retries: int = 4,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.api_key = api_key
        self.email = email
        self.cache = cache
        self.session = session or requests.Session()
        self.session.headers.update({"User-Agent": f"acuref/{__version__} (https://pypi.org/project/acuref/)"})
        self.eutils = eutils.rstrip("/")
        self.idconv = idconv
        self.timeout = timeout
        self.max_retries = max_retries
        self._sleep = sleep
        # One budget for every E-utility: NCBI counts them together.
        self.limiter = RateLimiter({"eutils": 10.0 if api_key else 3.0}, 1, clock=clock, sleep=sleep)
        self.requests_made = 0
        self._lock = threading.Lock()

    def _post(self, url: str, data: dict[str, str]) -> requests.Response:
        data = {**data, "tool": "acuref"}
        if self.email:
            data["email"] = self.email
        if self.api_key:
            data["api_key"] = self.api_key
        last = ""
        for attempt in range(self.max_retries + 1):
            self.limiter.acquire("eutils")
            try:
                with self._lock:
                    self.requests_made += 1
                resp = self.session.post(url, data=data, timeout=self.timeout, stream=True)
                answers.read_body(resp)
            except requests.exceptions.RequestException as err:
                last = f"cannot be reached ({type(err).__name__})"
                resp = None
            finally:
                self.limiter.release()
            if resp is not None and resp.status_code == 429:
                last = "rate limited (429)"
                self.limiter.back_off("eutils", 1.0 + attempt)
                continue
            if resp is not None and resp.status_code < 500:
                return resp
            if resp is not None:
                last = f"server error {resp.status_code}"
            self._sleep(random.uniform(0.5, 1.0) * 2 ** attempt)
        raise NetworkError(f"NCBI E-utilities {last}")

    def _cached(self, prefix: str, keys: Iterable[str]) -> tuple[dict[str, Any], list[str]]:
        """The cache's answers for ``keys`` (under ``prefix:``), and the keys still to ask NCBI for."""
        hits: dict[str, Any] = {}
        todo = []
        for key in dict.fromkeys(keys):
            hit = self.cache.get(f"{prefix}:{key}") if self.cache is not None else None
            if hit is not None:
                hits[key] = hit
            else:
                todo.append(key)
        return hits, todo

    def citmatch(self, lines: Sequence[str]) -> dict[str, str | None]:
        """PMIDs for ECitMatch lines, by their key; many lines per request."""
        hits, todo = self._cached("citmatch", lines)
        out: dict[str, str | None] = {line.split("|")[5]: hit.get("pmid") for line, hit in hits.items()}
        for i in range(0, len(todo), CITATIONS_PER_REQUEST):
            chunk = todo[i:i + CITATIONS_PER_REQUEST]
            resp = self._post(f"{self.eutils}/ecitmatch.cgi", {"db": "pubmed", "retmode": "xml",
                                                                 "bdata": "\r".join(chunk)})
            found = parse_citmatch(resp.text) if resp.status_code == 200 else {}
            for line in chunk:
                key = line.split("|")[5]
                out[key] = found.get(key)
                if self.cache is not None and resp.status_code == 200:
                    self.cache.put(f"citmatch:{line}", {"pmid": out[key]})
        return out

    def summaries(self, pmids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """ESummary documents by PMID; many PMIDs per request."""
        out, todo = self._cached("esummary", pmids)
        for i in range(0, len(todo), IDS_PER_REQUEST):
            chunk = todo[i:i + IDS_PER_REQUEST]
            resp = self._post(f"{self.eutils}/esummary.fcgi", {"db": "pubmed", "retmode": "json",
                                                                "id": ",".join(chunk)})
            result = _json(resp).get("result") or {}
            for pmid in chunk:
                doc = result.get(pmid)
                if isinstance(doc, dict) and not doc.get("error"):
                    out[pmid] = doc
                    if self.cache is not None:
                        self.cache.put(f"esummary:{pmid}", doc)
        return out

    def convert(self, pmids: Iterable[str]) -> dict[str, dict[str, str]]:
        """The PMC ID converter's DOI and PMCID by PMID (only works it knows: those with a PMCID)."""
        out: dict[str, dict[str, str]] = {}
        ids = list(dict.fromkeys(pmids))
        for i in range(0, len(ids), IDS_PER_REQUEST):
            chunk = ids[i:i + IDS_PER_REQUEST]
            resp = self._post(self.idconv, {"ids": ",".join(chunk), "idtype": "pmid", "format": "json"})
            for rec in _json(resp).get("records") or []:
                if isinstance(rec, dict) and rec.get("pmid") and not rec.get("errmsg"):
                    out[str(rec["pmid"])] = {k: str(rec[k]) for k in ("doi", "pmcid") if rec.get(k)}
        return out


def _json(resp: requests.Response) -> dict[str, Any]:
    """A JSON answer's object; a 200 that is not one (cut, an HTML page) is a failure, never read as no match."""
    if resp.status_code != 200:
        return {}
    data = answers.json_object(resp)
    if data is None:
        raise NetworkError(f"NCBI E-utilities sent {answers.broken(resp)}")
    return data
