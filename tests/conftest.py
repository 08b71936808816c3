from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
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


def seed_rows() -> list[dict]:
    return [json.loads(line) for line in (DATA / "seed_references.jsonl").read_text(encoding="utf-8").splitlines()]
