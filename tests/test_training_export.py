"""``acuref decisions export-training``: a curator's corrections become annotated strings the trainer reads."""

from __future__ import annotations

import json

from acuref.cli import main
from tools.train import load

HSU = "Hsu DT: Acupuncture: a review. Reg Anesth 1996; 21:361–370"
LIEBER = ("Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases muscle strength during "
          "remobilization after canine hindlimb immobilization. J Orthop Res. 1997;15(4):519-527.")
ROWS = [  # (raw, corrections, the text each label must cover)
    (HSU, {"title": "Acupuncture: a review", "container-title": "Reg Anesth"},
     {"author": "Hsu DT", "title": "Acupuncture: a review", "journal": "Reg Anesth", "date": "1996", "volume": "21",
      "pages": "361–370"}),
    (LIEBER, {"container-title": "J Orthop Res", "author": ["Lieber, R. L.", "Jacks, T. M.", "Mohler, R. L."]},
     {"author": "Lieber RL, Jacks TM, Mohler RL, et al.", "journal": "J Orthop Res", "volume": "15", "issue": "4",
      "pages": "519-527", "date": "1997"}),
]


def test_corrections_become_spans_over_the_printed_string(tmp_path, capsys):
    """Each correct decision is one JSON line whose spans cover the corrected values where the string prints
    them; other decisions give none; the training loader reads the file first."""
    decided = [{"file": "p.md", "raw": raw, "action": "correct", "fields": fields} for raw, fields, _ in ROWS]
    decided.append({"file": "p.md", "raw": HSU, "action": "not-reference"})
    src = tmp_path / "acuref.decisions.json"
    src.write_text(json.dumps({"decisions": decided}), encoding="utf-8")
    out = tmp_path / "corrections.jsonl"
    assert main(["decisions", "export-training", str(src), "-o", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2
    for line, (raw, _, want) in zip(lines, ROWS):
        covered = {label: raw[s:e] for s, e, label in line["spans"]}
        assert {k: covered.get(k) for k in want} == want
    examples = load(tmp_path / "no-data-here", (out,))
    assert [ex.raw for ex in examples] == [HSU, LIEBER] and examples[0].dataset == "corrections"


def test_a_missing_decisions_file_is_one_line(tmp_path, capsys):
    """export-training on a file that is not there: exit 3, one line."""
    assert main(["decisions", "export-training", str(tmp_path / "none.json")]) == 3
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
