"""Word, OpenDocument, JATS and LaTeX inputs: the files are written here, the references come out exact."""

from __future__ import annotations

import json

import pytest

from acuref.cli import main
from acuref.pipeline import read_path
from acuref.read import kinds
from acuref.read.documents import load_bytes
from officegen import docx, field, mark, odt, para, table, zotero

NECK = {"type": "article-journal", "title": "Needle depth and perceived relief in chronic neck pain",
        "container-title": "Journal of Imaginary Trials", "issued": {"date-parts": [[2019, 4]]}, "volume": "12",
        "author": [{"family": "Okafor", "given": "Adaeze"}, {"family": "van der Berg", "given": "Pieter"}],
        "issue": "3", "page": "201-215", "DOI": "10.5555/jit.2019.0123"}
PULSE = {"type": "book", "title": "A history of pulse diagnosis", "author": [{"family": "Lindqvist", "given": "Maja"}],
         "publisher": "Northbridge Press", "publisher-place": "Leeds", "issued": {"date-parts": [[2008]]}}
TYPED = ["Okafor A, van der Berg P. Needle depth and perceived relief in chronic neck pain. J Imag Trials. "
         "2019;12(3):201-215.",
         "Lindqvist M. A history of pulse diagnosis. Leeds: Northbridge Press; 2008.",
         "Tanaka H, Moreau C. Sham devices in manual therapy trials: a survey. Clin Methods Rev. 2015;7:44-52."]
URIS = ["http://zotero.org/users/7/items/NECK0001", "http://zotero.org/users/7/items/PULS0002"]


def _refs(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = read_path(str(path))
    assert not result.failed, result.warnings
    return result.references


def _fields(ref):
    return (ref.title, ref.container_title, ref.volume, ref.issue, ref.page, ref.DOI, ref.issued,
            tuple((a.family, a.given) for a in ref.author))


def test_a_word_list_reads_as_the_same_list_in_html(tmp_path):
    """A numbered .docx reference list gives the same references, with the same fields, as the same text in HTML."""
    body = [para("Background", style="Kop1"), para("Needling is common in practice."), para("References", style="Kop1")]
    word = _refs(tmp_path, "paper.docx", docx(body + [para(t, num=(1, 0)) for t in TYPED]))
    html = "<h1>Background</h1><p>Needling is common in practice.</p><h1>References</h1><ol>" + "".join(
        f"<li>{t}</li>" for t in TYPED) + "</ol>"
    page = _refs(tmp_path, "paper.html", html.encode())
    assert [_fields(r) for r in word] == [_fields(r) for r in page] and len(word) == 3


@pytest.mark.parametrize("blocks, expected", [
    ([para("Notes", style="Kop2"), para("First item", num=(1, 0)), para("Second", num=(1, 0))],
     [("Notes", 2), ("[1] First item", 0), ("[2] Second", 0)]),
    ([para("One", num=(2, 0)), table([["Ito K", "Heat and moxa", "2004"]])],
     [("• One", 0), ("Ito K Heat and moxa 2004", 0)]),
])
def test_word_lines_keep_numbers_headings_and_table_rows(blocks, expected):
    """List numbers come back as labels, heading styles as headings, a table row as one line."""
    doc = load_bytes(docx(blocks), "d.docx")
    assert [(line.text, line.heading) for line in doc.lines] == expected


def test_footnotes_are_lines_of_their_own():
    """Footnotes come after the body, each numbered on its own line."""
    doc = load_bytes(docx([para("Body text.")], footnotes=[TYPED[2]]), "d.docx")
    assert [line.text for line in doc.lines][-2:] == ["Notes", f"1. {TYPED[2]}"]


def test_zotero_fields_are_exact_records_once_and_the_typed_list_is_matched(tmp_path):
    """Zotero citations give each item once, field for field, named zotero; a typed entry no field explains stays."""
    body = [para("Seen in trials ", field(zotero([NECK], URIS[:1]), "(1)"), " and books ",
                 field(zotero([NECK, PULSE], URIS), "(1, 2)"), "."), para("References", style="Kop1")]
    refs = _refs(tmp_path, "cited.docx", docx(body + [para(t, num=(1, 0)) for t in TYPED]))
    managed = [r for r in refs if r.sources[0].kind == "field"]
    assert [r.sources[0].manager for r in managed] == ["zotero", "zotero"]
    assert [r.sources[0].label for r in managed] == URIS
    assert _fields(managed[0]) == (NECK["title"], NECK["container-title"], "12", "3", "201-215", NECK["DOI"],
                                   managed[0].issued, (("Okafor", "Adaeze"), ("van der Berg", "Pieter")))
    assert managed[0].issued.year == 2019 and managed[0].issued.month == 4 and managed[1].publisher == "Northbridge Press"
    typed = [r for r in refs if r.sources[0].kind != "field"]
    assert [r.title for r in typed] == ["Sham devices in manual therapy trials: a survey"]
    said = [w.message for w in read_path(str(tmp_path / "cited.docx")).warnings]
    assert any("1 typed reference that no citation field explains" in m for m in said)


def test_the_report_names_the_field_and_its_manager(tmp_path):
    """In --report a field's source says kind "field", the manager and the item's URI; the export keeps the record."""
    path, out, report = tmp_path / "cited.docx", tmp_path / "o.json", tmp_path / "r.json"
    path.write_bytes(docx([para("Seen in trials ", field(zotero([NECK], URIS[:1]), "(1)"), " before.")]))
    assert main(["export", str(path), "--no-resolve", "-q", "-o", str(out), "--report", str(report)]) == 0
    (source,) = json.loads(report.read_text(encoding="utf-8"))["items"][0]["sources"]
    assert (source["kind"], source["manager"], source["label"]) == ("field", "zotero", URIS[0])
    (item,) = json.loads(out.read_text(encoding="utf-8"))
    assert {k: item[k] for k in NECK} == NECK


def test_mendeley_endnote_and_citavi_fields_name_their_manager(tmp_path):
    """Mendeley's CSL, EndNote's XML record and Citavi's base64 JSON each become one exact record."""
    import base64
    endnote = ("ADDIN EN.CITE <EndNote><Cite><Author>Lindqvist</Author><Year>2008</Year><RecNum>4</RecNum><record>"
               "<rec-number>4</rec-number><ref-type name=\"Book\">6</ref-type><contributors><authors><author>Lindqvist, "
               "Maja</author></authors></contributors><titles><title>A history of pulse diagnosis</title></titles>"
               "<dates><year>2008</year></dates><publisher>Northbridge Press</publisher><pub-location>Leeds"
               "</pub-location></record></Cite></EndNote>")
    citavi = {"Entries": [{"Reference": {"$id": "3", "Id": "c0ffee", "ReferenceType": "JournalArticle",
                                         "Authors": [{"FirstName": "Hiro", "LastName": "Tanaka"}],
                                         "Title": "Sham devices in manual therapy trials", "Year": "2015",
                                         "Periodical": {"Name": "Clinical Methods Review"}, "Volume": "7",
                                         "PageRange": "<sp><n>44</n><os>44</os></sp><ep><n>52</n><os>52</os></ep>"}}]}
    blob = base64.b64encode(json.dumps(citavi).encode()).decode()
    body = [para("Earlier work on needling ", field(zotero([NECK], ["http://www.mendeley.com/documents/?uuid=1b2c"],
                                                         manager=""), "(1)"), " found little."),
            para("The pulse was read by hand ", field(endnote, "(Lindqvist, 2008)"), " for centuries."),
            para("Sham devices vary ", field(f"ADDIN CitaviPlaceholder{{{blob}}}", "(Tanaka)"), " widely.")]
    refs = _refs(tmp_path, "managers.docx", docx(body))
    assert [(r.sources[0].manager, r.title) for r in refs] == [
        ("mendeley", NECK["title"]), ("endnote", PULSE["title"]), ("citavi", "Sham devices in manual therapy trials")]
    assert refs[1].author[0].family == "Lindqvist" and refs[1].publisher_place == "Leeds"
    assert refs[2].page == "44-52" and refs[2].container_title == "Clinical Methods Review"


def test_mendeley_cite_content_controls_and_endnote_field_data(tmp_path):
    """Mendeley Cite's base64 tag and EndNote's base64 field data (UTF-16 too) are the same exact records."""
    import base64

    from officegen import content_control, field_with_data
    code = zotero([NECK], ["https://api.mendeley.com/documents/1b2c"])
    mendeley = json.loads(code[code.index("{"):])
    tag = "MENDELEY_CITATION_v3_" + base64.urlsafe_b64encode(json.dumps(mendeley).encode()).decode().rstrip("=")
    record = ("<EndNote><Cite><RecNum>9</RecNum><record><rec-number>9</rec-number><ref-type name=\"Book\">6</ref-type>"
              "<contributors><authors><author>Lindqvist, Maja</author></authors></contributors><titles><title>"
              "A history of pulse diagnosis</title></titles><dates><year>2008</year></dates></record></Cite></EndNote>")
    data = base64.b64encode(record.encode("utf-16")).decode()
    body = [para("Needles vary ", content_control(tag, "(Okafor et al., 2019)"), " in depth."),
            para("Pulses were felt ", field_with_data(" ADDIN EN.CITE ", data, "(Lindqvist, 2008)"), " by hand.")]
    refs = _refs(tmp_path, "cite.docx", docx(body))
    assert [(r.sources[0].manager, r.title) for r in refs] == [("mendeley", NECK["title"]), ("endnote", PULSE["title"])]


def test_word_own_citations_take_the_cited_sources(tmp_path):
    """Word's own citation tool: CITATION fields name sources of the b:Sources part; only the cited come out."""
    sources = ('<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">'
               "<b:Source><b:Tag>Oka19</b:Tag><b:SourceType>JournalArticle</b:SourceType><b:Author><b:Author>"
               "<b:NameList><b:Person><b:Last>Okafor</b:Last><b:First>Adaeze</b:First></b:Person></b:NameList>"
               f"</b:Author></b:Author><b:Title>{NECK['title']}</b:Title><b:JournalName>{NECK['container-title']}"
               "</b:JournalName><b:Year>2019</b:Year><b:Volume>12</b:Volume><b:Pages>201-215</b:Pages></b:Source>"
               "<b:Source><b:Tag>Nob99</b:Tag><b:SourceType>Book</b:SourceType><b:Title>Never cited</b:Title>"
               "</b:Source></b:Sources>")
    body = [para("Needles vary ", field(" CITATION Oka19 \\l 1033 ", "(Okafor, 2019)"), " in depth.")]
    refs = _refs(tmp_path, "own.docx", docx(body, parts={"customXml/item1.xml": sources}))
    assert [(r.sources[0].manager, r.sources[0].label, r.title, r.volume, r.page) for r in refs] == [
        ("word", "Oka19", NECK["title"], "12", "201-215")]


def test_zotero_bookmarks_keep_their_data_in_document_properties(tmp_path):
    """Zotero's bookmark mode (data in ZOTERO_BREF_… properties, cut at 255 characters) gives the same record."""
    from officegen import zotero_bookmarked

    code = zotero([NECK, PULSE], URIS).replace("ADDIN ZOTERO_ITEM ", "ITEM ")
    start, custom = zotero_bookmarked(code)
    body = [para("Trials of needling ", start, "(1, 2) were small.")]
    refs = _refs(tmp_path, "marked.docx", docx(body, parts={"docProps/custom.xml": custom}))
    assert [(r.sources[0].manager, r.title, r.sources[0].line) for r in refs] == [
        ("zotero", NECK["title"], 1), ("zotero", PULSE["title"], 1)]


def test_libreoffice_reference_marks_are_zotero_records(tmp_path):
    """A Zotero reference mark in an .odt is the same exact record as the Word field; the numbered list is read."""
    body = (f"<text:h text:outline-level=\"1\">Trials</text:h><text:p>Seen {mark(zotero([NECK], URIS[:1]) + ' RNDx1')}"
            "(1)</text:p><text:h text:outline-level=\"1\">References</text:h><text:list text:style-name=\"L1\">"
            + "".join(f"<text:list-item><text:p>{t}</text:p></text:list-item>" for t in TYPED) + "</text:list>")
    refs = _refs(tmp_path, "cited.odt", odt(body))
    assert [(r.sources[0].manager, r.title) for r in refs][0] == ("zotero", NECK["title"])
    assert len(refs) == 3 and refs[0].DOI == NECK["DOI"]


def test_libreoffice_bibliography_marks_are_records(tmp_path):
    """LibreOffice's own bibliography marks (cited twice) give their entry once, fields from the attributes."""
    entry = ('<text:bibliography-mark text:identifier="Lin08" text:bibliography-type="book" text:author="Lindqvist, Maja" '
             'text:title="A history of pulse diagnosis" text:year="2008" text:publisher="Northbridge Press" '
             'text:address="Leeds">[Lin08]</text:bibliography-mark>')
    refs = _refs(tmp_path, "lo.odt", odt(f"<text:p>Pulses {entry} and again {entry}.</text:p>"))
    assert [(r.sources[0].manager, r.sources[0].label, r.title, r.publisher_place, r.issued.year) for r in refs] == [
        ("libreoffice", "Lin08", PULSE["title"], "Leeds", 2008)]


JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.2 20190208//EN" "JATS-journalpublishing1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" dtd-version="1.2"><body><sec><title>Methods</title>
<p>As before&nbsp;[1].</p></sec></body><back><ref-list><title>References</title>
<ref id="r1"><label>1</label><element-citation publication-type="journal"><person-group person-group-type="author">
<name><surname>Okafor</surname><given-names>A</given-names></name><etal/></person-group><article-title>Needle depth
and perceived relief</article-title><source>J Imag Trials</source><year>2019</year><volume>12</volume><issue>3</issue>
<fpage>201</fpage><lpage>215</lpage><pub-id pub-id-type="doi">10.5555/jit.2019.0123</pub-id>
<pub-id pub-id-type="pmid">31000002</pub-id></element-citation></ref>
<ref id="r2"><label>2</label><element-citation publication-type="book"><person-group person-group-type="editor">
<name><surname>Ruiz</surname><given-names>L</given-names></name></person-group><chapter-title>Moxa</chapter-title>
<source>Heat therapies</source><year>2011</year><elocation-id>e12</elocation-id></element-citation></ref>
<ref id="r3"><label>3</label><mixed-citation>{typed}</mixed-citation></ref>
</ref-list></back></article>
"""


def test_jats_refs_are_one_item_each_with_their_identifiers(tmp_path):
    """Each <ref> is one item: element-citations exact (roles, pages, DOI, PMID), text citations parsed."""
    refs = _refs(tmp_path, "article.nxml", JATS.format(typed=TYPED[2]).encode())
    assert len(refs) == 3
    first, chapter, typed = refs
    assert (first.title, first.page, first.DOI, first.PMID, first.sources[0].manager) == (
        "Needle depth and perceived relief", "201-215", "10.5555/jit.2019.0123", "31000002", "jats")
    assert chapter.type == "chapter" and chapter.editor[0].family == "Ruiz" and chapter.container_title == "Heat therapies"
    assert typed.title == "Sham devices in manual therapy trials: a survey" and typed.volume == "7"


def test_a_real_jats_article_gives_every_ref_once_with_its_identifiers():
    """On a published JATS article every <ref> is one item, titles as tagged, every <pub-id> DOI kept."""
    from xml.etree import ElementTree as ET

    from conftest import DATA

    path = DATA / "jats" / "elife09853.xml"
    refs = read_path(str(path)).references
    tree = ET.parse(path)  # the oracle: the file's own tags
    cites = [ref.find(".//element-citation") for ref in tree.iter("ref")]
    assert len(refs) == len(cites) == 10
    assert [r.sources[0].label for r in refs] == [ref.get("id") for ref in tree.iter("ref")]
    titles = [" ".join("".join(c.find("article-title").itertext()).split()) for c in cites if c.find("article-title") is not None]
    assert [r.title for r in refs if r.title in titles] == titles
    dois = {p.text.strip() for p in tree.iter("pub-id") if p.get("pub-id-type") == "doi"}
    assert dois and dois <= {r.DOI for r in refs}


BBL = r"""\begin{thebibliography}{2}
\bibitem[{Okafor et~al.(2019)}]{okafor}
A.~Okafor and P.~van~der Berg.
\newblock Needle depth and perceived relief.
\newblock \emph{J. Imag. Trials}, 12(3):201--215, 2019.

\bibitem{lind}
M.~Lindqvist. \newblock \emph{A history of pulse diagnosis}. \newblock Northbridge Press, Leeds, 2008.
\end{thebibliography}
"""

BIBLATEX = r"""\refsection{0}
  \datalist[entry]{nty/global//global/global}
    \entry{okafor2019}{article}{}
      \name{author}{1}{}{%
        {{hash=1}{family={Berg},familyi={B\bibinitperiod},given={Pieter},giveni={P\bibinitperiod},prefix={van\bibnamedelima der},prefixi={v\bibinitperiod}}}%
      }
      \field{title}{Needle depth and {P}erceived relief}
      \field{journaltitle}{Journal of Imaginary Trials}
      \field{number}{3}
      \field{volume}{12}
      \field{year}{2019}
      \field{pages}{201\bibrangedash 215}
      \verb{doi}
      \verb 10.5555/jit.2019.0123
      \endverb
    \endentry
  \enddatalist
\endrefsection
"""


def test_a_bbl_is_its_reference_list(tmp_path):
    """A BibTeX style's .bbl gives one reference per \\bibitem; biblatex's gives its data exactly, key kept."""
    items = _refs(tmp_path, "paper.bbl", BBL.encode())
    assert [r.title for r in items] == ["Needle depth and perceived relief", "A history of pulse diagnosis"]
    (entry,) = _refs(tmp_path, "thesis.bbl", BIBLATEX.encode())
    assert (entry.title, entry.page, entry.issue, entry.DOI, entry.author[0].family, entry.sources[0].label) == (
        "Needle depth and Perceived relief", "201-215", "3", "10.5555/jit.2019.0123", "van der Berg", "okafor2019")


def test_an_aux_takes_exactly_the_cited_entries(tmp_path):
    """A LaTeX project folder: the .aux's cited keys from its .bib, crossrefs filled; nothing uncited."""
    (tmp_path / "main.aux").write_text("\\relax\n\\citation{inner}\n\\citation{okafor,inner}\n\\bibdata{refs}\n")
    (tmp_path / "refs.bib").write_text(
        "@article{okafor, author={Okafor, Adaeze}, title={Needle depth}, journal={J Imag Trials}, year=2019}\n"
        "@inproceedings{inner, author={Ruiz, Luis}, title={Moxa and heat}, crossref={proc11}, pages={1--9}}\n"
        "@proceedings{proc11, title={Proceedings of the Heat Meeting}, year=2011, publisher={Warm Press}}\n"
        "@book{unused, author={Nobody, N}, title={Never cited}, year=1999}\n")
    (tmp_path / "main.bbl").write_text(BBL)
    out = tmp_path / "o.json"
    assert main(["export", str(tmp_path), "--no-resolve", "-q", "-o", str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in items) == ["inner", "okafor"]
    inner = next(i for i in items if i["id"] == "inner")
    assert inner["container-title"] == "Proceedings of the Heat Meeting" and inner["publisher"] == "Warm Press"


def test_a_thesis_aux_takes_its_chapters_citations(tmp_path):
    """A main .aux that inputs chapters' .aux files cites what they cite; the chapters are not read twice."""
    (tmp_path / "main.aux").write_text("\\relax\n\\@input{ch1.aux}\n\\@input{ch2.aux}\n\\bibdata{refs}\n")
    (tmp_path / "ch1.aux").write_text("\\relax\n\\citation{okafor}\n")
    (tmp_path / "ch2.aux").write_text("\\relax\n\\citation{lind,okafor}\n")
    (tmp_path / "refs.bib").write_text(
        "@article{okafor, author={Okafor, Adaeze}, title={Needle depth}, journal={J Imag Trials}, year=2019}\n"
        "@book{lind, author={Lindqvist, Maja}, title={A history of pulse diagnosis}, year=2008}\n"
        "@book{unused, author={Nobody, N}, title={Never cited}, year=1999}\n")
    out = tmp_path / "o.json"
    assert main(["export", str(tmp_path), "--no-resolve", "-q", "-o", str(out)]) == 0
    assert [i["id"] for i in json.loads(out.read_text(encoding="utf-8"))] == ["okafor", "lind"]


def test_every_kind_is_registered_and_walked(tmp_path):
    """The registry names each kind; a folder walk reads their suffixes."""
    assert {k.name for k in kinds.kinds()} >= {"docx", "odt", "jats", "bbl", "aux"}
    (tmp_path / "a.docx").write_bytes(docx([para("References", style="Kop1"), para(TYPED[0], num=(1, 0))]))
    out = tmp_path / "o.json"
    assert main(["export", str(tmp_path), "--no-resolve", "-q", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1
