"""The learned parser's parts: tokenizer, training labels, and the model shipped in the package."""

from __future__ import annotations

from importlib import resources

import pytest

from acuref.crf import LABEL_MAP, LABELS, default_tagger, labels_for, load_tagger, segments, tokenize


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


def test_shipped_model_is_small():
    """The model in the package is under 10 MB (its load time is measured in benchmarks/parse_eval.py)."""
    ref = resources.files("acuref") / "data" / "crf.model"
    assert ref.is_file() and ref.stat().st_size < 10 * 2**20


def test_unreadable_model_warns_instead_of_raising(tmp_path):
    """A damaged model file gives a warning and no tagger, so parsing falls back to the rules."""
    bad = tmp_path / "crf.model"
    bad.write_bytes(b"not a model")
    with pytest.warns(RuntimeWarning, match="cannot be read"):
        assert load_tagger(str(bad)) is None


def test_model_labels_a_vancouver_reference():
    """The shipped model finds author, title, journal, date, volume and pages in a Vancouver string."""
    tagger = default_tagger()
    text = "Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31."
    tokens, tags, confidence = tagger.tag(text)
    found = dict((label, value) for label, value in segments(text, tokens, tags))
    assert found["title"] == "Measurement of pain" and found["container"] == "Lancet"
    assert found["date"] == "1974" and found["pages"] == "1127-31" and 0.5 < confidence <= 1.0


def test_model_labels_are_the_known_ones():
    """The shipped model emits only labels acuref knows, and every dataset label maps onto one of them."""
    assert set(default_tagger()._tagger.labels()) <= set(LABELS)
    assert set(LABEL_MAP.values()) <= set(LABELS)


def test_training_without_data_is_a_one_line_error(tmp_path, capsys):
    """`python -m acuref.train` on a folder with no annotated sets exits 1 with one line and writes no model."""
    from acuref.train import main

    out = tmp_path / "crf.model"
    assert main(["--data", str(tmp_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no annotated strings" in err[0] and not out.exists()
