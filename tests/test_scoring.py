"""The scoring conventions of benchmarks/parse_eval.py, which the README's parse figures rest on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "parse_eval", Path(__file__).resolve().parents[1] / "benchmarks" / "parse_eval.py")
parse_eval = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(parse_eval)


@pytest.mark.parametrize("labels,expected", [
    (["author", "container_title", "publisher", "date"], ["author", "title", "publisher", "date"]),
    (["author", "container-title", "location", "publisher"], ["author", "title", "location", "publisher"]),
    (["author", "title", "container_title", "publisher"], ["author", "title", "container_title", "publisher"]),
    (["author", "container_title", "volume", "pages"], ["author", "container_title", "volume", "pages"]),
    (["author", "journal", "date"], ["author", "journal", "date"]),
])
def test_a_monograph_title_without_a_title_is_the_title(labels, expected):
    """A book's title labelled as a container, in a reference with no title or numbers, is scored as the title."""
    spans = [(i * 10, i * 10 + 5, label) for i, label in enumerate(labels)]
    assert [label for _, _, label in parse_eval.monograph_as_title(spans)] == expected


def test_a_citation_number_inside_a_gold_author_span_is_not_scored():
    """``7-Taghipour M`` in a gold author span is compared as ``Taghipour``: citation numbers are not scored."""
    assert parse_eval.field_value("author", "7-Taghipour M, Razmkon A") == "taghipour|razmkon"
    assert parse_eval.field_value("author", "Taghipour M, Razmkon A") == "taghipour|razmkon"
