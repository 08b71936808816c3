"""The learned parser's parts: tokenizer, training labels, and the model shipped in the package."""

from __future__ import annotations

from importlib import resources

import pytest

from acuref.parse.crf import LABEL_MAP, LABELS, default_tagger, labels_for, load_tagger, segments, tokenize


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
    assert set(default_tagger().labels()) <= set(LABELS)
    assert set(LABEL_MAP.values()) <= set(LABELS)


def test_training_without_data_is_a_one_line_error(tmp_path, capsys):
    """`python -m tools.train` on a folder with no annotated sets exits 1 with one line and writes no model."""
    from tools.train import main

    out = tmp_path / "crf.model"
    assert main(["--data", str(tmp_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no annotated strings" in err[0] and not out.exists()


def _strings() -> list[str]:
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data" / "seed_references.jsonl"
    seeds = [json.loads(line)["raw"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    kinds = [line.split("\t")[-1] for line in (data.parent / "reference_kinds.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    return (seeds + kinds) * 8


def test_sixteen_threads_read_as_one():
    """16 threads sharing the tagger give every string the labels and confidence one thread gives it."""
    from concurrent.futures import ThreadPoolExecutor

    tagger = default_tagger()
    assert tagger is not None
    texts = _strings()
    want = [tagger.tag(t)[1:] for t in texts]
    with ThreadPoolExecutor(max_workers=16) as pool:
        got = list(pool.map(lambda t: tagger.tag(t)[1:], texts))
    assert len(texts) > 500 and got == want


def test_tagger_pickles_as_its_path():
    """A tagger sent to another process (pickled) reopens its model and reads the same."""
    import pickle

    tagger = default_tagger()
    clone = pickle.loads(pickle.dumps(tagger))
    text = "Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31."
    assert clone.path == tagger.path and clone.tag(text)[1] == tagger.tag(text)[1]
