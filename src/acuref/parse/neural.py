"""The neural reader: a BiLSTM-CRF that labels the tokens of reference strings, run in numpy (no torch at run time).

Each token is read as its word (lower-cased, digits as ``0``), its characters (a convolution over them, max-pooled)
and the CRF's own feature names (:func:`acuref.parse.crf.features`) hashed into a fixed table and summed; a
bidirectional LSTM reads the sequence and a linear-chain CRF chooses the labels. ``tools/train_neural.py`` trains it
with torch and writes every weight into one ``.npz``; this module only multiplies them. All strings given together
are tagged together, in batches of similar length: the per-step arithmetic is small, so batching is what makes
numpy fast here (one string at a time spends most of its time in Python around tiny arrays).
"""

from __future__ import annotations

import threading
import warnings
import zlib
from functools import lru_cache
from importlib import resources

from acuref.parse.crf import Token, features, tokenize

MAX_CHARS = 16  # characters read per token: longer words are told apart by their first sixteen and their hash
N_BUCKETS = 1 << 15  # hashed CRF features; collisions cost little next to the word and character views


def word_key(word: str) -> str:
    """The vocabulary key of a word: lower-cased, every digit as 0 (years and pages share a few keys)."""
    return "".join("0" if c.isdigit() else c for c in word.lower())


@lru_cache(maxsize=1 << 17)
def bucket(name: bytes) -> int:
    """A feature name's row in the hashed table (CRC-32: the same in training and here, on every platform)."""
    return zlib.crc32(name) % N_BUCKETS


def encode(tokens: list[Token], words: dict[str, int]) -> tuple[list[int], list[str], list[list[int]]]:
    """Word ids, the tokens' texts (their characters are read by the network) and hashed feature ids of one token
    sequence (word id 0 pads, 1 is unknown)."""
    texts = [t.text for t in tokens]
    word_ids = [words.get(word_key(t), 1) for t in texts]
    feat_ids = [list(map(bucket, fs)) for fs in features(tokens)]
    return word_ids, texts, feat_ids


def char_ids(word: str, chars: dict[str, int]) -> list[int]:
    """The character ids of a token's first MAX_CHARS characters (1 for a character not in the table)."""
    return [chars.get(c, 1) for c in word[:MAX_CHARS]]


class NeuralTagger:
    """The shipped weights, loaded once; safe to share between threads (one tags at a time: the network's table of
    character vectors grows as it reads) and to pickle (it travels as its path)."""

    def __init__(self, path: str):
        import numpy as np

        from acuref.parse import neural_numpy

        self.path = path
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        self.labels_ = [str(x) for x in arrays.pop("labels")]
        self.words = {w: i + 2 for i, w in enumerate(_strings(arrays.pop("words")))}
        self.chars = {c: i + 2 for i, c in enumerate(_strings(arrays.pop("chars")))}
        self.net = neural_numpy.Net(arrays, self.chars)
        from threadpoolctl import ThreadpoolController

        # BLAS threads cost 20-50 times the arithmetic on matrices this small (more on a busy machine): the
        # network runs on one core, and documents run in parallel processes instead.
        self._blas = ThreadpoolController()
        self._lock = threading.Lock()
        self._net_lock = threading.Lock()
        self._cache: dict[str, tuple[list[Token], list[str], float]] = {}

    def labels(self) -> list[str]:
        return list(self.labels_)

    def __getstate__(self) -> dict[str, str]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def tag_many(self, texts: list[str]) -> list[tuple[list[Token], list[str], float]]:
        """Tokens, labels and mean marginal probability of each text, all tagged together."""
        toks = [tokenize(t) for t in texts]
        todo = [i for i, t in enumerate(toks) if t]
        out: list[tuple[list[Token], list[str], float]] = [(t, [], 0.0) for t in toks]
        encoded = [encode(toks[i], self.words) for i in todo]
        with self._net_lock, self._blas.limit(limits=1, user_api="blas"):  # the net's token table grows as it reads
            tagged = self.net.tag(encoded) if encoded else []
        for i, (tags, conf) in zip(todo, tagged):
            out[i] = (toks[i], [self.labels_[k] for k in tags], conf)
        return out

    def prepare(self, texts: list[str]) -> None:
        """Tag ``texts`` now, together, and keep the results for :meth:`tag` (a document's strings, say)."""
        fresh = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if not fresh:
            return
        results = self.tag_many(fresh)
        with self._lock:
            if len(self._cache) > 50_000:  # a long corpus run: forget earlier documents
                self._cache.clear()
            self._cache.update(zip(fresh, results))

    def forget(self) -> None:
        """Drop the strings prepared so far (a benchmark timing a second reader on the same strings)."""
        with self._lock:
            self._cache.clear()

    def tag(self, text: str) -> tuple[list[Token], list[str], float]:
        hit = self._cache.get(text)
        return hit if hit is not None else self.tag_many([text])[0]


def pack_strings(strings: list[str]) -> "np.ndarray":  # type: ignore[name-defined]  # noqa: F821
    """Words as one UTF-8 byte array joined by newlines (tokens hold no whitespace): a fixed-width string array
    pads every word to the longest one, four bytes a character, and loads several times slower."""
    import numpy as np

    return np.frombuffer("\n".join(strings).encode(), dtype=np.uint8)


def _strings(array: "np.ndarray") -> list[str]:  # type: ignore[name-defined]  # noqa: F821
    if array.dtype.kind == "u":
        return array.tobytes().decode().split("\n")
    return [str(x) for x in array]


@lru_cache(maxsize=1)
def default_neural() -> NeuralTagger | None:
    """The network shipped in the package, or None when it is absent or unreadable (the CRF then reads)."""
    ref = resources.files("acuref") / "data" / "neural.npz"
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load_neural(str(path))


def load_neural(path: str) -> NeuralTagger | None:
    """A weights file opened for tagging, or None with a warning when it cannot be used."""
    try:
        return NeuralTagger(path)
    except (OSError, ValueError, KeyError) as err:  # a damaged install must not make every parse raise
        warnings.warn(f"acuref: the neural parser {path} cannot be read ({err}); the CRF reads instead",
                      RuntimeWarning, stacklevel=2)
        return None
