"""The neural reader run in numpy: shapes, the CRF's dynamic programs against brute force, and the shipped weights."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from acuref.parse import learned
from acuref.parse.crf import LABELS, tokenize
from acuref.parse.neural import default_neural, encode, load_neural
from acuref.parse.neural_numpy import marginals, viterbi


def _path_score(em, tags, trans, start, end):
    return start[tags[0]] + sum(em[i, t] for i, t in enumerate(tags)) + sum(
        trans[a, b] for a, b in zip(tags, tags[1:])) + end[tags[-1]]


def _random_crf(seed, lengths, labels=3):
    rng = np.random.default_rng(seed)
    em = rng.normal(size=(len(lengths), max(lengths), labels)).astype(np.float32)
    mask = np.arange(max(lengths))[None, :] < np.asarray(lengths)[:, None]
    return em, mask, rng.normal(size=(labels, labels)), rng.normal(size=labels), rng.normal(size=labels)


@pytest.mark.parametrize("seed", range(5))
def test_viterbi_finds_the_brute_force_best_path(seed):
    """Every sequence of a padded batch gets the path a search over all paths finds, whatever its length."""
    lengths = [4, 1, 3, 2]
    em, mask, trans, start, end = _random_crf(seed, lengths)
    paths = viterbi(em, mask, trans, start, end)
    for row, n in enumerate(lengths):
        best = max(itertools.product(range(3), repeat=n), key=lambda p: _path_score(em[row], p, trans, start, end))
        assert tuple(paths[row, :n]) == best


@pytest.mark.parametrize("seed", range(3))
def test_marginals_match_the_brute_force_sums(seed):
    """P(label at position) from forward-backward equals the sum over all paths, padding left aside."""
    lengths = [3, 2]
    em, mask, trans, start, end = _random_crf(seed, lengths)
    marg = marginals(em, mask, trans, start, end)
    for row, n in enumerate(lengths):
        paths = list(itertools.product(range(3), repeat=n))
        weights = np.exp([_path_score(em[row], p, trans, start, end) for p in paths])
        for pos, label in itertools.product(range(n), range(3)):
            want = sum(w for p, w in zip(paths, weights) if p[pos] == label) / weights.sum()
            assert marg[row, pos, label] == pytest.approx(want, rel=1e-4)


def test_shipped_weights_are_small_and_load():
    """The network in the package is a few MB, and loads with every label the CRF has."""
    ref = resources.files("acuref") / "data" / "neural.npz"
    assert ref.is_file() and ref.stat().st_size < 8 * 2**20
    net = default_neural()
    assert net is not None and net.labels() == list(LABELS)


def test_emissions_have_one_row_per_token():
    """A batch of strings of different lengths gives (strings, longest, labels) scores and the mask of real tokens."""
    net = default_neural()
    texts = ["Smith J. A title. Journal. 2001;3:4-5.", "Doe, J. (1999). Book. Press."]
    encoded = [encode(tokenize(t), net.words) for t in texts]
    em, mask = net.net.emissions(encoded)
    assert em.shape == (2, max(len(e[0]) for e in encoded), len(LABELS))
    assert mask.sum() == sum(len(e[0]) for e in encoded)


# Strings written for this test: (string, a label that some token must get, the text of that token)
TABLE = [
    ("Okafor N, Lindqvist P. Sleep and memory in shift workers. J Occup Health. 2015;57(2):101-9.", "container", "Occup"),
    ("Okafor N, Lindqvist P. Sleep and memory in shift workers. J Occup Health. 2015;57(2):101-9.", "author", "Okafor"),
    ("Marchetti, L. (2004). Rivers of the north: a history. Oxford: Clarendon Press.", "publisher", "Clarendon"),
    ("Marchetti, L. (2004). Rivers of the north: a history. Oxford: Clarendon Press.", "date", "2004"),
    ("Brandt, K. and Olsen, T., 2011. Grain prices in the long run. Economic Review, 12(4), pp. 33-58.", "pages", "33"),
    ("Brandt, K. and Olsen, T., 2011. Grain prices in the long run. Economic Review, 12(4), pp. 33-58.", "title", "Grain"),
]


def test_shipped_weights_tag_a_table_of_strings():
    """Strings tagged together get the labels a reader would give their plain parts."""
    net = default_neural()
    texts = list(dict.fromkeys(t for t, _, _ in TABLE))
    tagged = dict(zip(texts, net.tag_many(texts)))
    for text, label, word in TABLE:
        tokens, tags, confidence = tagged[text]
        assert 0.0 < confidence <= 1.0
        assert label in {tag for tok, tag in zip(tokens, tags) if tok.text == word}, (text, word)


def test_batched_and_single_tagging_agree():
    """A string tagged in a batch of others reads exactly as it does alone."""
    net = default_neural()
    texts = [t for t, _, _ in TABLE[::2]] + ["Short. 1999."]
    together = net.tag_many(texts)
    for text, (tokens, tags, conf) in zip(texts, together):
        alone = net.tag_many([text])[0]
        assert alone[1] == tags and alone[2] == pytest.approx(conf, abs=1e-5)


def test_the_neural_reader_parses_after_prepare():
    """With the network chosen, a prepared string parses to the same fields as one tagged on its own."""
    text = TABLE[4][0]
    learned.use_reader("neural")
    try:
        alone = learned.parse_with_model(text)
        learned.prepare([text, "Another string, 2003."])
        assert learned.parse_with_model(text) == alone
        assert alone is not None and alone.container_title and alone.issued and alone.issued.year == 2011
    finally:
        learned.use_reader("crf")


def test_unknown_reader_and_damaged_weights_are_reported(tmp_path):
    """A parser name that does not exist raises; an unreadable weights file warns and gives no tagger."""
    with pytest.raises(ValueError, match="unknown parser"):
        learned.use_reader("lstm")
    bad = tmp_path / "neural.npz"
    bad.write_bytes(b"not an archive")
    with pytest.warns(RuntimeWarning, match="cannot be read"):
        assert load_neural(str(bad)) is None


def test_runtime_never_imports_torch():
    """Parsing with the network loads numpy only: torch is a training-time extra."""
    code = ("import sys; from acuref.parse import learned; learned.use_reader('neural');"
            "import acuref; acuref.parse_reference('Doe J. A title. Some Journal 2001;3:4-5.');"
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_reads_the_parser_from_the_environment(tmp_path):
    """ACUREF_PARSER=neural parses with the network; an unknown name is a usage error (exit 2), not a traceback."""
    src = tmp_path / "refs.txt"
    src.write_text(TABLE[0][0] + "\n" + TABLE[2][0] + "\n", encoding="utf-8")
    env = {**os.environ, "ACUREF_PARSER": "neural"}
    out = tmp_path / "out.json"
    run = subprocess.run([sys.executable, "-m", "acuref", "parse", "--one-per-line", str(src), "-o", str(out), "-q"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0 and "Okafor" in out.read_text(encoding="utf-8")
    env["ACUREF_PARSER"] = "lstm"
    run = subprocess.run([sys.executable, "-m", "acuref", "parse", "--one-per-line", str(src), "-q"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 2 and "ACUREF_PARSER" in run.stderr and "Traceback" not in run.stderr


def test_batches_hold_a_bounded_number_of_padded_tokens():
    """Short strings share a batch; a string too long to share one with them is tagged alone."""
    from acuref.parse import neural_numpy

    assert neural_numpy._batches([0, 1, 2, 3], [10, 100, 2000, 3000]) == [[0, 1], [2], [3]]
    assert neural_numpy._batches(list(range(70)), [5] * 70) == [list(range(64)), list(range(64, 70))]


@pytest.mark.parametrize("reader", ["crf", "neural"])
def test_a_journal_cut_inside_its_brackets_is_whole(reader):
    """A journal whose name holds a bracketed year keeps it, and the year after the bracket is the date."""
    text = ("Vogel Q, Lund B: Bone loss after long flights and short stays. Spine (Phila Pa 1976) 2004, "
            "29(19):2115-9.")
    learned.use_reader(reader)
    try:
        ref = learned.parse_with_model(text)
    finally:
        learned.use_reader("crf")
    assert ref is not None and ref.container_title == "Spine (Phila Pa 1976)"
    assert ref.issued is not None and ref.issued.year == 2004 and ref.volume == "29"


def test_the_tagger_pickles_as_its_path_and_threads_share_it():
    """A pickled tagger reloads its weights and tags as before; threads tagging at once get the same labels."""
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    net = default_neural()
    texts = [t for t, _, _ in TABLE]
    want = [tags for _, tags, _ in net.tag_many(texts)]
    copy = pickle.loads(pickle.dumps(net))
    assert [tags for _, tags, _ in copy.tag_many(texts)] == want
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: copy.tag_many([t])[0][1], texts * 3))
    assert got == want * 3


def test_prepare_takes_any_list_of_strings():
    """Empty, odd and non-string items are passed over; the strings still parse one by one afterwards."""
    learned.use_reader("neural")
    try:
        learned.prepare([])
        learned.prepare(["", "   ", "…", "x" * 20_000, None, "(", "2001"])  # type: ignore[list-item]
        learned.parse_with_model("(")  # read alone, without an error
        assert learned.parse_with_model(TABLE[0][0]).container_title
    finally:
        learned.use_reader("crf")


def test_numpy_reads_what_torch_trained(tmp_path):
    """Weights exported by tools/train_neural.py give the same label scores in numpy as in torch (needs torch)."""
    torch = pytest.importorskip("torch")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tools.train import Example
    from tools.train_neural import Model, batch_tensors, encode_all, export, vocab

    from acuref.parse.neural import NeuralTagger

    examples = [Example("t", "general", text, ()) for text, _, _ in TABLE[::2]]
    words, chars = vocab(examples, 1, 1)
    torch.manual_seed(0)
    model = Model(len(words) + 2, len(chars) + 2, len(LABELS), hid=8)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.3)
    model.eval()
    export(model, words, chars, tmp_path / "n.npz")
    with torch.no_grad():  # the file keeps the two big tables in half precision
        model.word.weight.copy_(model.word.weight.half().float())
        model.feat.weight.copy_(model.feat.weight.half().float())
        rows = encode_all(examples, {w: i + 2 for i, w in enumerate(words)}, {c: i + 2 for i, c in enumerate(chars)})
        x, _ = batch_tensors(rows)
        want = model.emissions(*x).numpy()
    net = NeuralTagger(str(tmp_path / "n.npz"))
    got, mask = net.net.emissions([encode(tokenize(ex.raw), net.words) for ex in examples])
    assert np.abs(want - got)[mask].max() < 1e-4
