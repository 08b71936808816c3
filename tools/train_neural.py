"""Train the neural reference parser (a BiLSTM-CRF) with torch: ``python -m tools.train_neural [--epochs N]``.

Needs the training extra (``pip install -e .[train]``); the package never imports torch, it runs the weights this
writes (``src/acuref/data/neural.npz``) in numpy (:mod:`acuref.parse.neural_numpy`). Same strings, same test split
and same rendered strings as the CRF (:mod:`tools.train`); a further 5% of the training split (by another hash) is
the dev split the best epoch is chosen on. Seeds are fixed and torch runs one thread, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

from acuref.parse.crf import LABELS, labels_for, tokenize
from acuref.parse.neural import MAX_CHARS, N_BUCKETS, char_ids, encode, pack_strings, word_key
from tools.train import DEFAULT_DATA, EVALUATION_ONLY, _key, is_test, load, synthetic

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "acuref" / "data" / "neural.npz"


def is_dev(raw: str) -> bool:
    return int(hashlib.sha1(("dev" + _key(raw)).encode()).hexdigest(), 16) % 20 == 0


class Model(nn.Module):
    def __init__(self, n_words: int, n_chars: int, n_labels: int, dw: int = 64, dc: int = 24, filters: int = 48,
                 df: int = 32, hid: int = 96):
        super().__init__()
        self.word = nn.Embedding(n_words, dw, padding_idx=0)
        self.char = nn.Embedding(n_chars, dc, padding_idx=0)
        self.conv = nn.Conv1d(dc, filters, 3)  # the grid is padded by hand (MAX_CHARS + 2), as numpy does
        self.feat = nn.EmbeddingBag(N_BUCKETS, df, mode="sum")
        self.lstm = nn.LSTM(dw + filters + df, hid, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(2 * hid, n_labels)
        self.trans = nn.Parameter(torch.zeros(n_labels, n_labels))
        self.start = nn.Parameter(torch.zeros(n_labels))
        self.end = nn.Parameter(torch.zeros(n_labels))

    def emissions(self, words, chars, feats, offsets, mask):  # noqa: ANN001, ANN201
        b, t = words.shape
        c = self.conv(self.char(chars).transpose(1, 2)).max(dim=2).values.clamp(min=0)
        f = self.feat(feats, offsets)
        tok = torch.cat([c, f], dim=1)
        x = torch.zeros(b, t, self.word.embedding_dim + tok.shape[1])
        x[..., :self.word.embedding_dim] = self.word(words)
        x[mask, self.word.embedding_dim:] = tok
        lengths = mask.sum(1)
        packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
        return self.out(self.drop(h))

    def nll(self, em, tags, mask):  # noqa: ANN001, ANN201
        b, t, n = em.shape
        m = mask.float()
        gold = self.start[tags[:, 0]] + (em.gather(2, tags[..., None])[..., 0] * m).sum(1)
        gold = gold + (self.trans[tags[:, :-1], tags[:, 1:]] * m[:, 1:]).sum(1)
        last = tags.gather(1, (mask.sum(1) - 1)[:, None])[:, 0]
        gold = gold + self.end[last]
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            step = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, i, None, :], dim=1)
            alpha = torch.where(mask[:, i, None], step, alpha)
        return (torch.logsumexp(alpha + self.end, dim=1) - gold).mean()


def batch_tensors(rows: list, word_dropout: float = 0.0, rng: random.Random | None = None):  # noqa: ANN201
    """Padded tensors of a batch of encoded rows (word ids, char ids, feature ids, label ids)."""
    n, t = len(rows), max(len(r[0]) for r in rows)
    words = torch.zeros(n, t, dtype=torch.long)
    tags = torch.zeros(n, t, dtype=torch.long)
    mask = torch.zeros(n, t, dtype=torch.bool)
    chars, feats, offsets = [], [], []
    for i, (w, cs, fs, ys) in enumerate(rows):
        if word_dropout and rng is not None:
            w = [1 if rng.random() < word_dropout else x for x in w]
        words[i, :len(w)] = torch.tensor(w)
        tags[i, :len(ys)] = torch.tensor(ys)
        mask[i, :len(w)] = True
        for c in cs:
            chars.append([0] + c + [0] * (MAX_CHARS - len(c)) + [0])
        for f in fs:
            offsets.append(len(feats))
            feats.extend(f)
    return (words, torch.tensor(chars), torch.tensor(feats), torch.tensor(offsets), mask), tags


def vocab(examples: list, min_words: int = 3, min_chars: int = 3) -> tuple[list[str], list[str]]:
    wc, cc = Counter(), Counter()
    for ex in examples:
        for tok in tokenize(ex.raw):
            wc[word_key(tok.text)] += 1
            cc.update(tok.text[:MAX_CHARS])
    return ([w for w, k in wc.most_common() if k >= min_words], [c for c, k in cc.most_common() if k >= min_chars])


def encode_all(examples: list, words: dict, chars: dict) -> list:
    index = {lab: i for i, lab in enumerate(LABELS)}
    out = []
    for ex in examples:
        toks = tokenize(ex.raw)
        if toks:
            word_ids, texts, feat_ids = encode(toks, words)
            out.append((word_ids, [char_ids(t, chars) for t in texts], feat_ids,
                        [index[y] for y in labels_for(toks, list(ex.spans))]))
    return out


def accuracy(model: Model, rows: list) -> float:
    model.eval()
    right = total = 0
    with torch.no_grad():
        for lo in range(0, len(rows), 64):
            x, tags = batch_tensors(rows[lo:lo + 64])
            em = model.emissions(*x)
            from acuref.parse.neural_numpy import viterbi
            p = viterbi(em.numpy(), x[4].numpy(), *(a.detach().numpy() for a in (model.trans, model.start, model.end)))
            m = x[4].numpy()
            right += int(((p == tags.numpy()) & m).sum())
            total += int(m.sum())
    model.train()
    return right / total


def export(model: Model, words: list[str], chars: list[str], out: Path) -> None:
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    half = np.float16  # the three tables are most of the file; half precision changes no label on the dev split
    arrays = {"labels": np.array(LABELS), "words": pack_strings(words), "chars": pack_strings(chars),
              "word_emb": sd["word.weight"].astype(half), "char_emb": sd["char.weight"],
              "feat_emb": sd["feat.weight"].astype(half), "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
              "out_w": sd["out.weight"], "out_b": sd["out.bias"], "trans": sd["trans"], "start": sd["start"],
              "end": sd["end"]}
    for p, suffix in (("f_", ""), ("b_", "_reverse")):
        arrays[p + "wih"] = sd[f"lstm.weight_ih_l0{suffix}"]
        arrays[p + "whh"] = sd[f"lstm.weight_hh_l0{suffix}"]
        arrays[p + "b"] = sd[f"lstm.bias_ih_l0{suffix}"] + sd[f"lstm.bias_hh_l0{suffix}"]
    tmp = out.with_name(out.stem + ".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    # 11: the shipped weights are epoch 11 of a 12-epoch run (the best on the dev split; 27.6 min on one busy
    # thread); epochs are the same whatever their number, so 11 rebuilds them in about 25 minutes.
    ap.add_argument("--epochs", type=int, default=11)
    ap.add_argument("--hidden", type=int, default=96)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit-batches", type=int, default=0, help="stop each epoch after N batches (timing runs)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    examples = load(args.data)
    train = [ex for ex in examples if not is_test(ex.raw) and ex.dataset not in EVALUATION_ONLY]
    train += synthetic(train)
    dev = [ex for ex in train if is_dev(ex.raw)]
    train = [ex for ex in train if not is_dev(ex.raw)]
    words, chars = vocab(train)
    w_index = {w: i + 2 for i, w in enumerate(words)}
    c_index = {c: i + 2 for i, c in enumerate(chars)}
    rows, dev_rows = encode_all(train, w_index, c_index), encode_all(dev, w_index, c_index)
    print(f"train {len(rows)} dev {len(dev_rows)} words {len(words)} chars {len(chars)}", flush=True)
    model = Model(len(words) + 2, len(chars) + 2, len(LABELS), hid=args.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    best, t0 = -1.0, time.perf_counter()
    for epoch in range(args.epochs):
        rows.sort(key=lambda r: len(r[0]) + rng.random() * 8)  # batches of similar length, shuffled
        batches = [rows[i:i + 32] for i in range(0, len(rows), 32)]
        rng.shuffle(batches)
        if args.limit_batches:
            batches = batches[:args.limit_batches]
        total = 0.0
        for bi, batch in enumerate(batches):
            x, tags = batch_tensors(batch, 0.05, rng)
            loss = model.nll(model.emissions(*x), tags, x[4])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
            if bi % 100 == 0:
                print(f"  epoch {epoch + 1} batch {bi}/{len(batches)} loss {total / (bi + 1):.3f} "
                      f"{time.perf_counter() - t0:.0f} s", flush=True)
        for group in opt.param_groups:
            group["lr"] *= 0.85
        acc = accuracy(model, dev_rows)
        print(f"epoch {epoch + 1}: loss {total / len(batches):.3f} dev token accuracy {acc:.4f} "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
        if acc > best:
            best = acc
            export(model, words, chars, args.out)
            print(f"  saved {args.out} ({args.out.stat().st_size / 2**20:.1f} MiB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
