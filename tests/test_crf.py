"""The learned parser's parts: tokenizer, training labels, and the model shipped in the package."""

from __future__ import annotations

import time
from importlib import resources

from acuref.crf import Tagger, default_tagger, labels_for, segments, tokenize


def test_tokenizer_splits_punctuation():
    """`2012;120(5):947–59` becomes `2012 ; 120 ( 5 ) : 947 – 59`."""
    assert [t.text for t in tokenize("2012;120(5):947–59")] == ["2012", ";", "120", "(", "5", ")", ":", "947", "–", "59"]
    assert [t.text for t in tokenize("O'Neil J. d’Azzo")] == ["O'Neil", "J", ".", "d’Azzo"]


def test_training_labels_leave_edge_punctuation_out():
    """A field's trailing comma or period is labelled O, so that all training sets share one convention."""
    raw = "Heidegger M., 1927, Être et temps."
    tokens = tokenize(raw)
    labels = labels_for(tokens, [(0, 13, "author"), (14, 19, "date"), (20, 34, "title")])
    assert list(zip([t.text for t in tokens], labels)) == [
        ("Heidegger", "author"), ("M", "author"), (".", "author"), (",", "O"), ("1927", "date"), (",", "O"),
        ("Être", "title"), ("et", "title"), ("temps", "title"), (".", "O")]


def test_shipped_model_loads_fast_and_is_small():
    """The model in the package is under 10 MB and loads in under half a second."""
    ref = resources.files("acuref") / "data" / "crf.model"
    assert ref.is_file() and ref.stat().st_size < 10 * 2**20
    t0 = time.perf_counter()
    with resources.as_file(ref) as path:
        Tagger(str(path))
    assert time.perf_counter() - t0 < 0.5


def test_model_labels_a_vancouver_reference():
    """The shipped model finds author, title, journal, date, volume and pages in a Vancouver string."""
    tagger = default_tagger()
    text = "Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31."
    tokens, tags, confidence = tagger.tag(text)
    found = dict((label, value) for label, value in segments(text, tokens, tags))
    assert found["title"] == "Measurement of pain" and found["container"] == "Lancet"
    assert found["date"] == "1974" and found["pages"] == "1127-31" and 0.5 < confidence <= 1.0
