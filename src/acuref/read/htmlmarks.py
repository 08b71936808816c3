"""What an HTML element's markup says about it: a reference container, a back-link, page chrome.

Real pages mark their reference lists in the markup whatever the heading says, or with no heading at all:
pandoc and Quarto (``role="doc-bibliography"``, ``csl-bib-body``, ``csl-entry``), MediaWiki (``ol.references``
in a ``div.reflist``), Sphinx and docutils (``div.citation``, ``dl.citation``), jekyll-scholar
(``ol.bibliography``), publishers (``c-article-references``, ``ref-list``), footnote sections (``footnotes``,
``doc-endnotes``). A container of *works* holds nothing but entries; a container of *notes* holds references
and explanatory notes mixed, so each of its blocks is still judged. Navigation and a MediaWiki page's edit
links and back-links (``↑``, ``^ a b``) are not printed text of any entry.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["LINK_WORDS_RE", "NOTES", "WORKS", "box_kind", "chrome", "footers_with_lists", "is_backlink_text", "is_entry",
           "link_words_only", "without_link_tail"]

WORKS = 2  # every block inside is an entry of a bibliography
NOTES = 1  # footnotes or endnotes: references and remarks mixed

# Elements that can hold a list: an inline element (Wikipedia's <sup class="reference">, Sphinx's
# <a class="reference internal">) never opens a container.
_HOLDERS = frozenset("div section ol ul dl table aside li p dd details tbody footer".split())

_WORKS_ROLES = frozenset({"doc-bibliography", "doc-biblioentry"})
_NOTES_ROLES = frozenset({"doc-endnotes", "doc-footnotes", "doc-endnote", "doc-footnote"})

# Class or id words, matched against a token's parts split at "-" and "_" ("c-article-references__item").
_WORKS_WORDS = frozenset({"bibliography", "bibliographie", "bibliografia", "biblio", "reflist-works",
                          "citation-list", "citations", "references-list", "ref-list", "reflist-biblio"})
_NOTES_WORDS = frozenset({"references", "reflist", "refs", "footnotes", "endnotes", "footnote-list", "refbegin"})
_WORKS_TOKENS = frozenset({"citation", "ref-list", "csl-bib-body", "csl-entry", "bibliography", "c-article-references",
                           "references-list", "citation-list", "refs", "quarto-bibliography"})

_MSO_NOTES_RE = re.compile(r"mso-element\s*:\s*(?:foot|end)note-list", re.IGNORECASE)
_SPLIT_RE = re.compile(r"__|[-_]")

# Page chrome that never holds an entry: navigation, MediaWiki's edit links and footnote back-links.
_CHROME_CLASSES = frozenset({"mw-editsection", "mw-cite-backlink", "mw-jump-link", "navbox", "vertical-navbox",
                             "toc", "toctree-wrapper", "sphinxsidebar", "breadcrumb", "breadcrumbs", "skip-link",
                             "headerlink", "footnote-back", "footnote-backref", "reversefootnote", "fn-backref"})
_CHROME_ROLES = frozenset({"navigation", "search", "banner", "contentinfo", "complementary"})
_CHROME_HEADS = frozenset({"sidebar", "comments", "comment", "menu", "breadcrumbs", "pagination", "sharedaddy",
                           "cookie", "cookies", "disqus"})
_CHROME_WHOLE = frozenset({"widget-area", "related-posts", "post-navigation", "social-share", "share-buttons",
                           "site-footer", "site-header", "secondary"})


def _tokens(attrs: dict[str, str | None]) -> list[str]:
    return ((attrs.get("class") or "") + " " + (attrs.get("id") or "")).lower().split()


def box_kind(tag: str, attrs: dict[str, str | None]) -> int:
    """``WORKS`` or ``NOTES`` for an element its markup names a reference container, else 0."""
    if tag not in _HOLDERS:
        return 0
    role = (attrs.get("role") or "").lower()
    if role in _WORKS_ROLES:
        return WORKS
    if role in _NOTES_ROLES:
        return NOTES
    if _MSO_NOTES_RE.search(attrs.get("style") or ""):
        return NOTES  # Word's "mso-element:footnote-list"
    tokens = _tokens(attrs)
    if not tokens:
        return 0
    if any(t in _WORKS_TOKENS for t in tokens):
        return WORKS
    kind = 0
    for token in tokens:
        parts = [p for p in _SPLIT_RE.split(token) if p]
        joined = "-".join(parts)
        if "__" in token:  # a BEM element: "c-article-references__item" is an entry's part, "…__references" a list
            parts = [p for p in _SPLIT_RE.split(token.rsplit("__", 1)[1]) if p]
            joined = "-".join(parts)
        if {"item", "link", "links", "count", "text", "label", "title", "header", "heading"} & set(parts):
            continue  # one entry's part ("__item", "__links"), a link to the list or its heading, not the list
        if any(p in _WORKS_WORDS or "bibliograph" in p for p in parts) or joined in _WORKS_WORDS:
            return WORKS  # "MsoBibliography": a word processor's bibliography paragraph
        if any(p in _NOTES_WORDS or "footnote" in p or "endnote" in p for p in parts) or joined in _NOTES_WORDS:
            kind = NOTES  # "sdfootnote1", "MsoFootnoteText": a word processor's footnotes
    return kind


def is_entry(tag: str, attrs: dict[str, str | None]) -> bool:
    """One entry of a bibliography (``csl-entry``, ``doc-biblioentry``): its blocks (a CSL margin with the label
    or the authors, then the text) are one line."""
    if (attrs.get("role") or "").lower() == "doc-biblioentry":
        return True
    return "csl-entry" in (attrs.get("class") or "").lower().split()


def chrome(tag: str, attrs: dict[str, str | None]) -> bool:
    """An element whose text is page chrome, not an entry's: navigation, edit links, back-links."""
    if tag == "nav" or (tag == "footer" and not box_kind(tag, attrs)):
        return True  # a page's or an article's footer (copyright, credits, "Share"), unless it holds its footnotes
    if (attrs.get("role") or "").lower() in _CHROME_ROLES:
        return True
    classes = (attrs.get("class") or "").lower().split()
    if any(c in _CHROME_CLASSES for c in classes):
        return True
    # A site's sidebar, comments, menus and sharing buttons: a class or id that starts with their name
    # ("sidebar-left", "comment-list", "widget-area"); never the page's body or its main content.
    if tag in ("html", "body", "main", "article"):
        return False
    return any(_SPLIT_RE.split(t, 1)[0] in _CHROME_HEADS or t in _CHROME_WHOLE for t in _tokens(attrs))


# What a back-link prints: arrows, carets, and the letters of its several targets ("^ a b c"); Sphinx's
# labels ("[Knuth84]", "[1]") are back-links too, and stay.
_BACKLINK_RE = re.compile(r"[\s↑^↩︎⤴⬆︎]*(?:[a-z]{1,2}(?:\s+[a-z]{1,2})*)?[\s↑^↩︎⤴⬆︎]*")


def is_backlink_text(text: str) -> bool:
    """Text a back-link prints (an arrow, a caret, a letter), not a citation key or a footnote number."""
    return bool(_BACKLINK_RE.fullmatch(text))


# The link words a publisher's page sets under or after each entry ("Article  CAS  PubMed  Google Scholar").
_LINK_WORDS = (r"article|full\s+text|google\s+scholar|pubmed(?:\s+central)?|pmc\s+free\s+article|free\s+full\s+text|"
               r"cas|crossref|pdf|abstract|link|mathscinet|zbmath|ads|web\s+of\s+science|scopus|medline|view|"
               r"download|europe\s+pmc|isi|math\s+reviews|paper|code|bibtex|bib|slides|poster|video|project\s+page|"
               r"supplementary(?:\s+material)?|cite|html|preprint|arxiv|openreview|github|talk|blog|data(?:set)?|"
               r"ncbi|wiley\s+online\s+library|ads|inspire|semantic\s+scholar|researchgate|jstor|ssrn|doi|url|abs|website|"
               r"supp|demo")
LINK_WORDS_RE = re.compile(rf"\b(?:{_LINK_WORDS})\b", re.IGNORECASE)
_LINK_WORDS_ANY_RE = re.compile(rf"(?:{_LINK_WORDS})", re.IGNORECASE)
_LETTERS_RE = re.compile(r"[^\W\d_]+")

# Link words in brackets closing an entry: "… 2000;107:2224. [PMC free article] [PubMed] [Google Scholar]".
_LINK_TAIL_RE = re.compile(rf"(?:\s*\[\s*(?:{_LINK_WORDS})\s*\])+\s*$", re.IGNORECASE)


def link_words_only(text: str) -> bool:
    """A link whose text only says where it goes ("Google Scholar", "PMC free article"), not what it cites."""
    # Matched without word boundaries too: link buttons printed with nothing between them run together.
    if not text.strip() or len(text) > 200:  # a row of buttons is short; a paragraph is never one
        return False
    first = _LETTERS_RE.search(text)  # most text fails on its first word, before the slower search below
    if first and not _LINK_WORDS_ANY_RE.match(text, first.start()):
        return False
    return not re.search(r"[^\W_]", _LINK_WORDS_ANY_RE.sub(" ", text))


def without_link_tail(text: str) -> str:
    """An entry without the bracketed link words a database page closes it with."""
    return _LINK_TAIL_RE.sub("", text) if text.endswith("]") else text


_FOOTER_TAG_RE = re.compile(r"<(/?)footer\b", re.IGNORECASE)
_HEADING_OR_ITEM_RE = re.compile(r"<(h[1-6]|li)\b", re.IGNORECASE)


def footers_with_lists(text: str) -> set[tuple[int, int]]:
    """Where (line, column) each ``<footer>`` opens that holds a heading and a list item ("<footer><h3>Sources</h3>
    <ul><li>…"): an article's own sources, not a page's chrome. One pass over the tags (linear)."""
    marks = [(m.start(), m.group(1).lower()[:1] or "l") for m in _HEADING_OR_ITEM_RE.finditer(text)]
    opens: list[int] = []
    kept: list[int] = []
    k = 0
    seen: list[set[str]] = []
    for m in _FOOTER_TAG_RE.finditer(text):
        while k < len(marks) and marks[k][0] < m.start():
            for box in seen:
                box.add(marks[k][1])
            k += 1
        if not m.group(1):
            opens.append(m.start())
            seen.append(set())
        elif opens:
            start, box = opens.pop(), seen.pop()
            if box >= {"h", "l"}:
                kept.append(start)
    newlines = [k for k, c in enumerate(text) if c == "\n"] if kept else []
    out = set()
    for start in kept:
        line = bisect.bisect_left(newlines, start)
        out.add((line + 1, start - (newlines[line - 1] + 1 if line else 0)))
    return out
