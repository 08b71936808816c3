from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ (training and rendering) is not part of the installed package
DATA = Path(__file__).resolve().parent / "data"
REFS = ROOT / "refs"


@pytest.fixture(scope="session")
def csl_validator():
    import jsonschema
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)

    class ItemValidator:
        """Validates one CSL item against the schema, which describes an array of items."""

        def iter_errors(self, item):
            return validator.iter_errors([item])

    return ItemValidator()


def require_tool(ok: object, what: str) -> None:
    """Fail in CI (where .ci/run installs every consumer) and skip elsewhere when a real consumer is missing."""
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI; .ci/run must install it")
    pytest.skip(f"{what} is not installed on this machine (.ci/run installs it)")


def seed_rows() -> list[dict]:
    return [json.loads(line) for line in (DATA / "seed_references.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(autouse=True)
def no_network(request, monkeypatch, tmp_path):
    """No test reaches the network: every requests call is intercepted by `responses` (an unmocked URL
    raises ConnectionError), the Crossref URL points at a closed local port, and the cache is private.
    Only tests marked `live` (deselected unless asked for with -m live) are let through."""
    import responses

    monkeypatch.setenv("ACUREF_CACHE", str(tmp_path / "cache.sqlite"))
    if request.node.get_closest_marker("live"):
        yield None
        return
    monkeypatch.setenv("ACUREF_CROSSREF_URL", "http://127.0.0.1:9")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture(autouse=True)
def _reader_restored():
    """A test that chooses a reader (learned.use_reader) leaves the process on the one it found."""
    from acuref.parse import learned

    name = learned.reader_name()
    yield
    learned.use_reader(name)


def page_of(body: str) -> str:
    """A whole HTML page (doctype, head with a title) around ``body``."""
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"


def found_in(text: str, name: str = "page.md") -> tuple[list[str], list]:
    """The references extracted from a document's text (each on one line) and the candidates skipped."""
    from acuref.read import extract_with_report
    from acuref.read.documents import load_text

    sources, skipped = extract_with_report(load_text(text, name))
    return [s.raw.replace("\n", " ") for s in sources], skipped
