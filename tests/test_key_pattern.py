"""--key-pattern: Better BibTeX's bracket patterns, checked against its documented examples."""

from __future__ import annotations

import json
import os
import pickle
import re
import shlex
import subprocess
import sys

import pytest

from acuref.cli import main
from acuref.errors import UsageError
from acuref.formats.keypattern import compile_pattern
from acuref.formats.keys import assign_keys, base_key
from acuref.model import Date, Name, Reference
from acuref.pipeline import run
from acuref.settings import Settings
from conftest import REFS, ROOT

# The work of the gist that shows '[auth:lower][year][Title:skipwords:select,1,1:lower]' giving vonmoll2014review.
VON_MOLL = Reference(author=(Name("Von Moll", "Alexander"),), issued=Date(2014),
                     title="A Review of Exhaust Gas Temperature Sensing Techniques for Modern Turbine Engine Controls",
                     container_title="Journal of Engineering for Gas Turbines and Power")
ONE = Reference(author=(Name("Schröder", "Anna"),), title="Acupuncture for chronic pain", issued=Date(2003))
TWO = Reference(author=(Name("Smith", "J"), Name("Jones", "K")), title="On pain", issued=Date(1999))
THREE = Reference(author=(Name("Smith", "J"), Name("Jones", "K"), Name("Brown", "L")), title="On pain",
                  issued=Date(1999))
JABREF = Reference(author=(Name("Doe", "J"),), title="An awesome paper on JabRef", issued=Date(2020))

BBT = "Better BibTeX formatter.ts"  # the function's or filter's documentation comment in its source
ROWS = [  # pattern, reference, key, where the example comes from
    ("[auth:lower][year]", VON_MOLL, "vonmoll2014",
     "BBT docs, Citation Keys: '[auth:lower][year]' is the first author's last name without spaces, lower case, year"),
    ("[auth:lower][year][Title:skipwords:select,1,1:lower]", VON_MOLL, "vonmoll2014review",
     "gist avonmoll/f8f322482b6e857eb8e5def44a969e57 (Google Scholar-like keys)"),
    ("[auth:lower][shorttitle3_3][year]", VON_MOLL, "vonmollReviewExhaustGas2014",
     "BBT's default formula auth.lower + shorttitle(3, 3) + year"),
    ("[auth:lower][year][shorttitle1_1:lower]", VON_MOLL, "vonmoll2014review",
     "gist jollyjonson/239338ac85a8fa10f5d4c8c53c06db0d: auth.lower + year + shorttitle(1, 1).lower"),
    ("[authEtAl]", ONE, "Schroder", f"{BBT} authEtAl: the first author's last name"),
    ("[authEtAl]", TWO, "SmithJones", f"{BBT} authEtAl: and the second's if there are two"),
    ("[authEtAl]", THREE, "SmithEtAl", f"{BBT} authEtAl: or 'EtAl' if there are more than two"),
    ("[authors]", THREE, "SmithJonesBrown", f"{BBT} authorsn: the last names of the first n (default: all) authors"),
    ("[authors2]", THREE, "SmithJonesEtAl", f"{BBT} authorsn with n = 2 (legacy [authorsN] adds EtAl)"),
    ("[authorLast]", THREE, "Brown", f"{BBT} authorLast: the last name of the last author"),
    ("[auth3]", VON_MOLL, "Von", f"{BBT} auth(n): the first n characters of the first author's last name"),
    ("[auth0_2]", THREE, "Jones", f"{BBT} auth(n, m): the m-th author's last name"),
    ("[year]", VON_MOLL, "2014", f"{BBT} year: the year of the publication"),
    ("[shortyear]", VON_MOLL, "14", f"{BBT} shortyear: the last 2 digits of the publication year"),
    ("[veryshorttitle]", VON_MOLL, "Review", f"{BBT} veryshorttitle: the first word of the title (skip words out)"),
    ("[shorttitle]", ONE, "Acupuncturechronicpain", f"{BBT} shorttitle: the first 3 words, none capitalised"),
    ("[shorttitle2_2]", ONE, "AcupunctureChronic", f"{BBT} shorttitle(n, m): n words, the first m capitalised"),
    ("[shorttitle:3]", ONE, "Acupuncturechronicpain", "issue 29's '[shorttitle:3]' (acuref's spelling of shorttitle3)"),
    ("[title]", JABREF, "awesomepaperJabRef",
     f"{BBT} title: significant words (its comment shows JabRef's AnAwesomePaperJabref; BBT's code gives this)"),
    ("[journal]", VON_MOLL, "JournalofEngineeringforGasTurbinesandPower", f"{BBT} journal: the journal title"),
    ("[auth:upper]", ONE, "SCHRODER", f"{BBT} upper: the last name of the first author in upper case"),
    ("[Title:condense,_]", ONE, "Acupuncture_for_chronic_pain", f"{BBT} condense('_'): spaces become underscores"),
    ("[Title:select,1,4:condense,-]", VON_MOLL, "A-Review-of-Exhaust", f"{BBT} select(1,4): the first four words"),
    ("[Title:abbr]", VON_MOLL, "ARoEGTSTfMTEC", f"{BBT} abbr: the first character of each word"),
    ("[Title:capitalize]", TWO, "OnPain", f"{BBT} capitalize: the first letter of each word upper-cased"),
    ("[Title:substring,1,3]", ONE, "Acu", f"{BBT} substring(start, n): n characters from start (1-based)"),
    ("[Title:skipwords]", ONE, "Acupuncturechronicpain", f"{BBT} skipwords: common words such as 'for' go"),
    ("[Title:nopunct]", Reference(title="Pain: a review."), "Painareview", f"{BBT} nopunct: punctuation goes"),
    ("[auth:lower]_[year]", ONE, "schroder_2003", "BBT docs: text outside brackets is copied as it is"),
    ("[journal]|[auth:lower]", ONE, "schroder", "BBT docs: the first of the '|' patterns that is not empty"),
    ("[auth:lower:>8]|[year]", ONE, "2003", "BBT legacy grammar ':>N': next pattern unless longer than N"),
    ("[Auth]", Reference(author=(Name("Łukasiewicz", "J"),)), "Lukasiewicz",
     "BBT: the finished key is folded to ASCII (citekeyFold) and loses spaces and unsafe characters"),
]


@pytest.mark.parametrize("pattern,ref,key,source", ROWS, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_documented_examples(pattern, ref, key, source):
    """Each pattern gives the key Better BibTeX documents (or its code computes) for the same work."""
    assert compile_pattern(pattern).key(ref) == key, source


@pytest.mark.parametrize("pattern,said", [
    ("[nope]", "unknown function [nope]"), ("[auth:nope]", "unknown filter :nope"),
    ("[auth", "an unmatched '['"), ("auth]", "an unmatched ']'"), ("", "an empty pattern"),
    ("[Title:select,a]", ":select takes numbers"), ("[auth:lower,2]", "too many arguments for :lower"),
    ("[year3]", "unknown function [year3]"),
])
def test_a_bad_pattern_is_one_usage_error(pattern, said):
    """A pattern that cannot be read is a UsageError naming the problem."""
    with pytest.raises(UsageError, match=r"--key-pattern") as err:
        compile_pattern(pattern)
    assert said in str(err.value)


def test_clashes_get_letters_and_empty_keys_fall_back():
    """Two works with one key get a and b after the first, as the default keys do; a pattern that gives nothing
    falls back to the default key."""
    refs = [TWO, THREE, Reference(title="Anonymous work", issued=Date(2001))]
    assert assign_keys(refs, "[auth:lower][year]") == ["smith1999", "smith1999a", "2001"]
    assert assign_keys(refs, "[auth:lower]") == ["smith", "smitha", base_key(refs[2])]


def test_default_keys_are_unchanged():
    """Without a pattern the keys are the default ones; BBT's default pattern gives the same key for most seeds
    (it keeps hyphenated words whole and reads no container title)."""
    refs = [e.ref for e in run([str(REFS)]).entries]
    assert assign_keys(refs) == assign_keys(refs, None)
    same = sum(base_key(r) == compile_pattern("[auth:lower][shorttitle3_3][year]").key(r) for r in refs)
    assert (same, len(refs)) == (36, 46)


def test_the_pattern_travels_in_settings():
    """The pattern is a string in the frozen settings: it pickles for a cluster's workers."""
    settings = Settings(resolver=None, key_pattern="[auth:lower][year]")
    assert pickle.loads(pickle.dumps(settings)).key_pattern == "[auth:lower][year]"


def test_export_and_parse_use_the_pattern(tmp_path):
    """export writes BibTeX keys and CSL-JSON ids from the pattern; parse does too."""
    bib, csl = tmp_path / "o.bib", tmp_path / "o.json"
    assert main(["export", str(REFS), "--no-resolve", "-q", "--key-pattern", "[auth:lower][year]", "-o", str(bib)]) == 0
    assert "@article{hsu1996," in bib.read_text(encoding="utf-8")
    assert main(["parse", str(REFS / "000_c1173a40aac2ac01.txt"), "-q", "--key-pattern", "[authEtAl:lower]_[year]",
                 "-o", str(csl)]) == 0
    ids = [i["id"] for i in json.loads(csl.read_text(encoding="utf-8"))]
    assert len(ids) == len(set(ids)) and all("_" in i for i in ids)


def test_a_bad_pattern_stops_the_run(tmp_path, capsys):
    """A bad pattern is one line and exit 2, before any work; nothing is written."""
    out = tmp_path / "o.bib"
    assert main(["export", str(REFS), "--no-resolve", "--key-pattern", "[auth:nope]", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown filter :nope" in err and not out.exists()


def test_the_documented_examples_run(tmp_path):
    """Every '$ acuref' line of docs/keys.md runs from a copy of the repository root, and the keys the page
    quotes are in what it writes."""
    (tmp_path / "refs").symlink_to(REFS)
    text = (ROOT / "docs" / "keys.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\$ (acuref .*)$", text, re.M)
    assert len(commands) == 3
    for cmd in commands:
        proc = subprocess.run([sys.executable, "-m", *shlex.split(cmd)], capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        assert proc.returncode == 0, (cmd, proc.stderr)
    for name, keys in [("default.bib", ["hsuAcupunctureReview1996", "klassenHighToneExternal2008"]),
                       ("keys.bib", ["hsu1996Acupuncturereview", "klassen2008Hightoneexternalmuscle"]),
                       ("keys.json", ["hsu_1996", "jorgegoodnick_1997", "goodnicketal_1997"])]:
        written = (tmp_path / name).read_text(encoding="utf-8")
        assert all(k in written for k in keys), name
