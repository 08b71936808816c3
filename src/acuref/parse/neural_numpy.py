"""The BiLSTM-CRF's arithmetic in numpy: embeddings, character convolution, LSTM steps, Viterbi and marginals.

Every step works on a batch of sequences padded to one length, with a mask; the backward LSTM and the CRF only
move their state on real tokens, so a padded sequence reads exactly as it would alone (what torch's packed
sequences compute in training). Weight names and layouts are torch's (``tools/train_neural.py`` writes them).
"""

from __future__ import annotations

from itertools import chain

import numpy as np

from acuref.parse.neural import MAX_CHARS, char_ids

BATCH = 64  # strings per batch at most: bigger batches gain little once the LSTM's matrices are this wide
TOKENS = 4096  # padded tokens per batch at most: the LSTM's inputs take 3 KB a token, so memory stays ~15 MB


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # no overflow warning for large negative x, unlike 1 / (1 + exp(-x))


class Net:
    """Weights by name (``word_emb``, ``char_emb``, ``conv_w``/``conv_b``, ``feat_emb``, ``f_wih``/``f_whh``/
    ``f_b`` and ``b_…`` for the two LSTM directions, ``out_w``/``out_b``, ``trans``/``start``/``end``)."""

    def __init__(self, arrays: dict[str, np.ndarray], chars: dict[str, int]):
        self.chars = chars
        self._word_rows: dict[str, int] = {}  # a token's character vector depends on its text alone
        w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
        self.word_emb, self.char_emb, self.feat_emb = w["word_emb"], w["char_emb"], w["feat_emb"]
        conv = w["conv_w"]  # (filters, char dim, width): torch's Conv1d layout
        self.width = conv.shape[2]
        self.conv = conv.transpose(2, 1, 0).reshape(-1, conv.shape[0])  # window (width × char dim) → filters
        self.conv_b = w["conv_b"]
        self._word_table = np.empty((4096, len(self.conv_b)), dtype=np.float32)
        # Both LSTM directions step together: (2, …) stacks. The cell's g gate is scaled by 2 here so that one
        # sigmoid over all four gates gives it as tanh(x) = 2·sigmoid(2x) − 1.
        hid = w["f_whh"].shape[1]
        scale = np.ones(4 * hid, dtype=np.float32)
        scale[2 * hid:3 * hid] = 2.0
        self.wih = [w[p + "wih"].T * scale for p in ("f_", "b_")]
        self.b = [w[p + "b"] * scale for p in ("f_", "b_")]
        self.whh = np.stack([w[p + "whh"].T * scale for p in ("f_", "b_")])
        self.out_w, self.out_b = w["out_w"].T.copy(), w["out_b"]
        self.trans, self.start, self.end = w["trans"], w["start"], w["end"]

    def _chars(self, words: list[str]) -> np.ndarray:
        """One vector per token, computed once per distinct text (most tokens of a document repeat) and kept in a
        growing table, so a batch is one fancy index and not a stack of small arrays."""
        index = self._word_rows
        new = [w for w in dict.fromkeys(words) if w not in index]
        if new:
            if len(index) + len(new) > 200_000:  # a long corpus run: start the table again
                index.clear()
                new = list(dict.fromkeys(words))
            rows = self._convolve([char_ids(w, self.chars) for w in new])
            first = len(index)
            if first + len(rows) > len(self._word_table):
                grown = np.empty((max(2 * len(self._word_table), first + len(rows)), rows.shape[1]), np.float32)
                grown[:first] = self._word_table[:first]
                self._word_table = grown
            self._word_table[first:first + len(rows)] = rows
            index.update(zip(new, range(first, first + len(rows))))
        return self._word_table[[index[w] for w in words]]

    def _convolve(self, ids_list: list[list[int]]) -> np.ndarray:
        """The convolution over each token's characters, max-pooled (padded to MAX_CHARS + edges, as in training)."""
        pad = self.width // 2
        grid = np.zeros((len(ids_list), MAX_CHARS + 2 * pad), dtype=np.int64)
        for i, ids in enumerate(ids_list):
            grid[i, pad:pad + len(ids)] = ids
        x = self.char_emb[grid]  # (tokens, positions, char dim)
        windows = np.concatenate([x[:, k:k + MAX_CHARS] for k in range(self.width)], axis=2)
        return np.maximum((windows @ self.conv).max(axis=1) + self.conv_b, 0.0)

    def _feats(self, feat_ids: list[list[int]]) -> np.ndarray:
        sizes = [len(fs) for fs in feat_ids]
        flat = np.fromiter(chain.from_iterable(feat_ids), dtype=np.int64, count=sum(sizes))
        offsets = np.cumsum([0] + sizes[:-1])
        return np.add.reduceat(self.feat_emb[flat], offsets, axis=0)

    def _bilstm(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Both directions at once; the backward one reads each sequence reversed, its padding first, and its state
        is held at zero until the sequence starts (the state is multiplied by the mask), as in a packed sequence."""
        n, t_len, _ = x.shape
        hid = self.whh.shape[1]
        gates_in = np.stack([x @ self.wih[0] + self.b[0], (x @ self.wih[1] + self.b[1])[:, ::-1]])
        masks = np.stack([mask, mask[:, ::-1]])[..., None].astype(np.float32)
        h = np.zeros((2, n, hid), dtype=np.float32)
        c = np.zeros((2, n, hid), dtype=np.float32)
        out = np.empty((2, n, t_len, hid), dtype=np.float32)
        whh = self.whh
        for t in range(t_len):
            g = _sigmoid(gates_in[:, :, t] + h @ whh)
            m = masks[:, :, t]
            c = (g[..., hid:2 * hid] * c + g[..., :hid] * (2.0 * g[..., 2 * hid:3 * hid] - 1.0)) * m
            h = g[..., 3 * hid:] * np.tanh(c) * m
            out[:, :, t] = h
        return np.concatenate([out[0], out[1][:, ::-1]], axis=2)

    def emissions(self, encoded: list[tuple[list[int], list[list[int]], list[list[int]]]]) -> tuple[np.ndarray,
                                                                                                np.ndarray]:
        """Label scores (batch, tokens, labels) and the mask of real tokens."""
        lengths = [len(w) for w, _, _ in encoded]
        n, t_len = len(encoded), max(lengths)
        mask = np.arange(t_len)[None, :] < np.asarray(lengths)[:, None]
        word_ids = np.zeros((n, t_len), dtype=np.int64)
        for i, (w, _, _) in enumerate(encoded):
            word_ids[i, :len(w)] = w
        tokens = np.concatenate([self._chars([c for _, cs, _ in encoded for c in cs]),
                                 self._feats([f for _, _, fs in encoded for f in fs])], axis=1)
        x = np.zeros((n, t_len, self.word_emb.shape[1] + tokens.shape[1]), dtype=np.float32)
        x[..., :self.word_emb.shape[1]] = self.word_emb[word_ids]
        x[mask, self.word_emb.shape[1]:] = tokens  # row-major over (string, token): the order tokens were stacked
        h = self._bilstm(x, mask)
        return h @ self.out_w + self.out_b, mask

    def tag(self, encoded: list) -> list[tuple[list[int], float]]:
        """Best label ids and mean marginal probability of them, per sequence (batched by length)."""
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
        out: list[tuple[list[int], float]] = [([], 0.0)] * len(encoded)
        for part in _batches(order, [len(e[0]) for e in encoded]):
            em, mask = self.emissions([encoded[i] for i in part])
            paths = viterbi(em, mask, self.trans, self.start, self.end)
            marg = marginals(em, mask, self.trans, self.start, self.end)
            for row, i in enumerate(part):
                n = int(mask[row].sum())
                tags = paths[row, :n]
                out[i] = (tags.tolist(), float(marg[row, np.arange(n), tags].mean()))
        return out


def _batches(order: list[int], lengths: list[int]) -> list[list[int]]:
    """Runs of the length-sorted order, each at most BATCH strings and TOKENS padded tokens (one long string alone)."""
    out: list[list[int]] = []
    part: list[int] = []
    for i in order:
        if part and (len(part) == BATCH or (len(part) + 1) * lengths[i] > TOKENS):
            out.append(part)
            part = []
        part.append(i)
    return out + [part] if part else out


def viterbi(em: np.ndarray, mask: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The best label path of every sequence at once; positions past a sequence's end repeat its last label."""
    n, t_len, labels = em.shape
    score = start + em[:, 0]
    back = np.zeros((n, t_len, labels), dtype=np.int64)
    keep = np.arange(labels)
    for t in range(1, t_len):
        cand = score[:, :, None] + trans[None] + em[:, t, None, :]
        best = cand.argmax(axis=1)
        m = mask[:, t, None]
        back[:, t] = np.where(m, best, keep)
        score = np.where(m, np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0], score)
    path = np.zeros((n, t_len), dtype=np.int64)
    path[:, -1] = (score + end).argmax(axis=1)
    rows = np.arange(n)
    for t in range(t_len - 1, 0, -1):
        path[:, t - 1] = back[rows, t, path[:, t]]
    return path


def marginals(em: np.ndarray, mask: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """P(label at position) under the CRF, by forward-backward in probability space, rescaled at every step: a
    marginal is alpha·beta normalised over the labels, whatever scale each carries, so no log-sum-exp is needed."""
    n, t_len, labels = em.shape
    e = np.exp(em - em.max(axis=2, keepdims=True)).astype(np.float64)
    step = np.exp(trans - trans.max()).astype(np.float64)
    alpha = np.empty_like(e)
    a = np.exp(start - start.max()) * e[:, 0]
    alpha[:, 0] = a = a / a.sum(axis=1, keepdims=True)
    for t in range(1, t_len):
        nxt = (a @ step) * e[:, t]
        nxt /= nxt.sum(axis=1, keepdims=True)
        alpha[:, t] = a = np.where(mask[:, t, None], nxt, a)
    beta = np.empty_like(e)
    last = np.broadcast_to(np.exp(end - end.max()), (n, labels))
    beta[:, -1] = b = last
    for t in range(t_len - 2, -1, -1):
        nxt = (e[:, t + 1] * b) @ step.T
        nxt /= nxt.sum(axis=1, keepdims=True)
        beta[:, t] = b = np.where(mask[:, t + 1, None], nxt, last)
    joint = alpha * beta
    return joint / joint.sum(axis=2, keepdims=True)
