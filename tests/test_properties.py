"""Properties that must hold for any input: nothing raises, every export stays valid and reads back."""

from __future__ import annotations

import json
import pickle

import bibtexparser
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from acuref.formats import bibtex
from acuref.formats import csl
from acuref.formats import ris
from acuref.read.documents import decode, load_bytes, load_text
from acuref.errors import InputError
from acuref.read.extract import extract_from_lines, extract_references
from acuref.model import Date, Entry, Name, Notice, Origin, Reference, Resolution, Source, Status
from acuref.normalize.controls import without_controls
from acuref.parse.rules import parse_reference

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Everything Unicode has, control characters, line and paragraph separators and right-to-left text included.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
REFERENCE_LIKE = st.builds(
    lambda a, t, j, y, v, p: f"{a}. {t}. {j}. {y};{v}:{p}.",
    st.text(max_size=40), st.text(max_size=80), st.text(max_size=30), st.integers(0, 3000), st.integers(0, 999),
    st.text(max_size=12),
)


@SETTINGS
@given(st.one_of(ANY_TEXT, REFERENCE_LIKE))
@example("\u202eEmoji 😀 עברית (2020) ;;;:: 10.1000/((((")
@example("[1]" + " " * 1000 + "Smith J. " * 200)
@example(". B<A00.000")
def test_parsing_never_raises(text):
    """parse_reference returns a Reference for any string."""
    ref = parse_reference(text)
    assert isinstance(ref, Reference)


@SETTINGS
@given(st.one_of(ANY_TEXT, st.lists(st.one_of(REFERENCE_LIKE, ANY_TEXT), max_size=8).map("\n".join)))
def test_extraction_never_raises(text):
    """extract_references returns sources for any text, each with a positive line number."""
    for src in extract_references(text):
        assert src.line >= 1 and src.raw


@SETTINGS
@given(st.binary(max_size=2000))
@example(b"\xff\xfe" + "Smith J. Title. J. 2001;1:1-2.".encode("utf-16-le"))
@example(b"\x00" * 10)
def test_any_bytes_decode_or_are_refused(data):
    """Any bytes are either decoded into a document or refused with an InputError naming the file."""
    try:
        doc = load_bytes(data, "x.txt")
    except InputError as err:
        assert "x.txt" in str(err)
    else:
        extract_from_lines(doc.lines)


@SETTINGS
@given(st.lists(st.sampled_from(["<div>", "</div>", "<ol>", "<li>", "</li>", "<p>", "<br>", "<script>", "</script>",
                                 "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "&#xD800;", "text", "1. Smith J.", "\n",
                                 "<li value='x'>", "<ol start='-3'>"]), max_size=200).map("".join))
def test_html_never_raises(html):
    """Malformed or deeply nested HTML is read without error."""
    extract_from_lines(load_text(html, "p.html").lines, blocks=True)


def test_deeply_nested_html():
    """Ten thousand nested elements are read, and the text inside is found."""
    html = "<div>" * 10000 + "<ol><li>Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.</li></ol>" + \
        "</div>" * 10000
    found = extract_from_lines(load_text(html, "p.html").lines, blocks=True)
    assert len(found) == 1 and found[0].label == "1"


NAMES = st.builds(Name, family=ANY_TEXT.filter(str.strip), given=ANY_TEXT) | st.builds(
    lambda s: Name(literal=s), ANY_TEXT.filter(str.strip))
REFERENCES = st.builds(
    Reference,
    title=st.one_of(st.none(), ANY_TEXT.filter(str.strip)),
    author=st.lists(NAMES, max_size=4).map(tuple),
    container_title=st.one_of(st.none(), ANY_TEXT.filter(str.strip)),
    issued=st.one_of(st.none(), st.builds(Date, st.integers(1500, 2100), st.none() | st.integers(1, 12))),
    volume=st.one_of(st.none(), ANY_TEXT.filter(str.strip)),
    DOI=st.one_of(st.none(), st.from_regex(r"10\.\d{4,6}/[!-~]{1,30}", fullmatch=True)),
    PMID=st.one_of(st.none(), st.from_regex(r"[1-9]\d{0,8}", fullmatch=True)),
)


def _norm(text: str | None) -> str:
    """What survives a line-based format: whitespace of any kind (line breaks, separators) folds to a space."""
    return " ".join((text or "").split())


@SETTINGS
@given(REFERENCES)
def test_bibtex_export_of_any_values_stays_valid(ref):
    """bibtexparser parses the BibTeX of any reference into one entry with no failed block, and acuref reads
    the same title, DOI and PMID back."""
    for biblatex in (False, True):
        text = bibtex.dumps([Entry("key", ref)], biblatex=biblatex)
        lib = bibtexparser.parse_string(text)
        assert lib.failed_blocks == [] and len(lib.entries) == 1
        back, warnings = bibtex.loads(text)
        assert not warnings
        assert _norm(back[0].title) == _norm(ref.title) and back[0].DOI == ref.DOI and back[0].PMID == ref.PMID


@SETTINGS
@given(ref=REFERENCES)
def test_csl_export_of_any_values_is_schema_valid(ref, csl_validator):
    """CSL-JSON of any reference validates against the schema and reads back (without control characters,
    which no field read keeps)."""
    item = json.loads(csl.dumps([Entry("key", ref)]))[0]
    assert not list(csl_validator.iter_errors(item))
    back, _ = csl.loads(json.dumps([item]))
    assert back[0].title == (without_controls(ref.title) or None if ref.title else ref.title)
    assert back[0].DOI == (without_controls(ref.DOI) or None if ref.DOI else ref.DOI)


@SETTINGS
@given(REFERENCES)
def test_ris_export_of_any_values_reads_back(ref):
    """RIS of any reference reads back as one record with the same title, DOI and PMID."""
    back, warnings = ris.loads(ris.dumps([Entry("key", ref)]))
    assert not warnings and len(back) == 1
    assert _norm(back[0].title) == _norm(ref.title) and back[0].DOI == ref.DOI and back[0].PMID == ref.PMID


ADVERSARIAL = ["Van " * 40 + "x", "De La " * 40 + "1", "D'Al " * 40 + "1", "Van-Der-" * 40 + "1", "A. " * 5000,
               "Smith J, " * 3000, "(" * 20000, "10.1234/" + "a(" * 10000, "Word. " * 20000, "2012;" * 20000,
               "1" * 100000, "Smith, J., and " * 5000, "“" * 5000 + "x", "In: " * 5000, "Иванов И. И. " * 3000,
               "王. 北京: " * 4000, "[1]\n" * 5000, "References\n" + "Smith J. 2010.\n" * 5000,
               "ア・" * 40 + "x (y)", "Smith J. Title. Journal 5, 1-9 (2001).\n[DOI] " + "doi:" * 25 + " x"]


def test_pathological_lines_finish():
    """Strings built to make regular expressions backtrack are parsed and extracted (linear patterns only)."""
    for text in ADVERSARIAL:
        parse_reference(text)
        extract_references(text + "\n" + text)


def test_mixed_encodings_in_one_file():
    """A file mixing UTF-8 and Windows-1252 bytes is read as UTF-8 with only the stray bytes read as Windows-1252
    (the UTF-8 letters are not turned into two each), with a note, not refused."""
    data = "Schröder".encode() + " — ".encode("cp1252", "replace") + "Müller".encode("cp1252")
    text, encoding, notes = decode(data, "mixed.txt")
    assert encoding == "utf-8" and notes and "mixed.txt" in notes[0] and text == "Schröder — Müller"


def test_every_model_value_pickles_whole():
    """A reference with every kind of nested value (names, date, sources, resolution with notices, origin)
    comes back from pickle equal, as a cluster run sends it between processes."""
    ref = Reference(title="T", author=(Name("Smith", "J"), Name(literal="WHO")), issued=Date(2001, 2, 3),
                    sources=(Source("raw", 3, 4, "1", "list", "a.md"),), origin=Origin("bibtex", "@a{x}", fields=("a",)),
                    resolution=Resolution(Status.CORRECTED, 0.9, "10.1/x", notices=(Notice("retraction", "10.1/y"),)),
                    DOI="10.1/x", confidence=0.5, parsed=False)
    entry = Entry("smith2001", ref)
    assert pickle.loads(pickle.dumps(entry)) == entry
    assert pickle.loads(pickle.dumps(Date(1999))) == Date(1999)


@SETTINGS
@given(REFERENCES)
def test_any_reference_pickles_whole(ref):
    """Any reference survives pickling unchanged."""
    assert pickle.loads(pickle.dumps(ref)) == ref
