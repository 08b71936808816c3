"""The BiLSTM-CRF's arithmetic in numpy: embeddings, character convolution, LSTM steps, Viterbi and marginals.

Every step works on a batch of sequences padded to one length, with a mask; the backward LSTM and the CRF only
move their state on real tokens, so a padded sequence reads exactly as it would alone (what torch's packed
sequences compute in training). Weight names and layouts are torch's (``tools/train_neural.py`` writes them).
"""

from __future__ import annotations

import numpy as np

from acuref.parse.neural import MAX_CHARS

BATCH = 64  # strings per batch: bigger batches gain little once the LSTM's matrices are this wide


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # no overflow warning for large negative x, unlike 1 / (1 + exp(-x))


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = x.max(axis=axis, keepdims=True)
    return (top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))).squeeze(axis)


class Net:
    """Weights by name (``word_emb``, ``char_emb``, ``conv_w``/``conv_b``, ``feat_emb``, ``f_wih``/``f_whh``/
    ``f_b`` and ``b_…`` for the two LSTM directions, ``out_w``/``out_b``, ``trans``/``start``/``end``)."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
        self.word_emb, self.char_emb, self.feat_emb = w["word_emb"], w["char_emb"], w["feat_emb"]
        conv = w["conv_w"]  # (filters, char dim, width): torch's Conv1d layout
        self.width = conv.shape[2]
        self.conv = conv.transpose(2, 1, 0).reshape(-1, conv.shape[0])  # window (width × char dim) → filters
        self.conv_b = w["conv_b"]
        self.dirs = [(w[p + "wih"].T.copy(), w[p + "whh"].T.copy(), w[p + "b"]) for p in ("f_", "b_")]
        self.out_w, self.out_b = w["out_w"].T.copy(), w["out_b"]
        self.trans, self.start, self.end = w["trans"], w["start"], w["end"]

    def _chars(self, char_ids: list[list[int]]) -> np.ndarray:
        """One vector per token: the convolution over its characters, max-pooled (padded to MAX_CHARS + edges)."""
        pad = self.width // 2
        grid = np.zeros((len(char_ids), MAX_CHARS + 2 * pad), dtype=np.int64)
        for i, ids in enumerate(char_ids):
            grid[i, pad:pad + len(ids)] = ids
        x = self.char_emb[grid]  # (tokens, positions, char dim)
        windows = np.concatenate([x[:, k:k + MAX_CHARS] for k in range(self.width)], axis=2)
        return np.maximum((windows @ self.conv).max(axis=1) + self.conv_b, 0.0)

    def _feats(self, feat_ids: list[list[int]]) -> np.ndarray:
        flat = np.fromiter((f for fs in feat_ids for f in fs), dtype=np.int64)
        offsets = np.cumsum([0] + [len(fs) for fs in feat_ids[:-1]])
        return np.add.reduceat(self.feat_emb[flat], offsets, axis=0)

    def _lstm(self, x: np.ndarray, mask: np.ndarray, d: int) -> np.ndarray:
        wih, whh, b = self.dirs[d]
        n, t_len, _ = x.shape
        hid = whh.shape[0]
        gates_in = x @ wih + b
        h = np.zeros((n, hid), dtype=np.float32)
        c = np.zeros((n, hid), dtype=np.float32)
        out = np.zeros((n, t_len, hid), dtype=np.float32)
        steps = range(t_len) if d == 0 else range(t_len - 1, -1, -1)
        for t in steps:
            g = gates_in[:, t] + h @ whh
            i, f, o = _sigmoid(g[:, :hid]), _sigmoid(g[:, hid:2 * hid]), _sigmoid(g[:, 3 * hid:])
            c_new = f * c + i * np.tanh(g[:, 2 * hid:3 * hid])
            h_new = o * np.tanh(c_new)
            m = mask[:, t, None]
            c = np.where(m, c_new, c)
            h = np.where(m, h_new, h)
            out[:, t] = h_new
        return out

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
        h = np.concatenate([self._lstm(x, mask, 0), self._lstm(x, mask, 1)], axis=2)
        return h @ self.out_w + self.out_b, mask

    def tag(self, encoded: list) -> list[tuple[list[int], float]]:
        """Best label ids and mean marginal probability of them, per sequence (batched by length)."""
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
        out: list[tuple[list[int], float]] = [([], 0.0)] * len(encoded)
        for lo in range(0, len(order), BATCH):
            part = order[lo:lo + BATCH]
            em, mask = self.emissions([encoded[i] for i in part])
            paths = viterbi(em, mask, self.trans, self.start, self.end)
            marg = marginals(em, mask, self.trans, self.start, self.end)
            for row, i in enumerate(part):
                n = int(mask[row].sum())
                tags = paths[row, :n]
                out[i] = (tags.tolist(), float(marg[row, np.arange(n), tags].mean()))
        return out


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
    """P(label at position) under the CRF, by the forward-backward sums in log space."""
    n, t_len, labels = em.shape
    alpha = np.zeros_like(em)
    alpha[:, 0] = start + em[:, 0]
    for t in range(1, t_len):
        step = _logsumexp(alpha[:, t - 1, :, None] + trans[None], axis=1) + em[:, t]
        alpha[:, t] = np.where(mask[:, t, None], step, alpha[:, t - 1])
    beta = np.zeros_like(em)
    beta[:, -1] = end
    for t in range(t_len - 2, -1, -1):
        step = _logsumexp(trans[None] + (em[:, t + 1] + beta[:, t + 1])[:, None, :], axis=2)
        beta[:, t] = np.where(mask[:, t + 1, None], step, end)
    log_z = _logsumexp(alpha[:, -1] + end, axis=1)
    return np.exp(alpha + beta - log_z[:, None, None])
