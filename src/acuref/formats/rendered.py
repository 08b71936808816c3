"""The bibliography itself in a citation style: ``-f text|html|markdown --style NAME|FILE.csl`` through citeproc-py.

citeproc-py is the renderer (pure Python, BSD); citeproc-js, the CSL reference processor, is the yardstick: the
tests compare the two on the seeds, and the few places where citeproc-py differs from it on real references are
mended here, each in one named step (``_STYLE_MENDS``, ``_ITEM_MENDS``, ``_TEXT_MENDS``).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from acuref.errors import UsageError
from acuref.formats import csl, rendered_markup
from acuref.formats.registry import Format, WriteOptions
from acuref.model import Entry

DEFAULT_STYLE = "apa"
_CSL_NS = "http://purl.org/net/xbiblio/csl"
_MAX_STYLE_BYTES = 4_000_000  # the largest styles in the CSL repository are a few hundred kB


@dataclass(frozen=True, slots=True)
class Style:
    """A CSL style's XML as acuref will render with it, and what to call it in a message."""

    label: str
    xml: bytes


def style_names() -> tuple[str, ...]:
    """The styles at hand by name: the ``.csl`` files shipped in ``acuref/data/styles``."""
    folder = resources.files("acuref") / "data" / "styles"
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".csl")))


@lru_cache(maxsize=16)
def load_style(spec: str) -> Style:
    """The style a ``--style`` value names: a shipped style's name, or the path of a CSL file.

    A file that is not an independent CSL style with a bibliography is a usage error naming the file (exit 2).
    """
    if spec in style_names():
        data = (resources.files("acuref") / "data" / "styles" / f"{spec}.csl").read_bytes()
        return Style(spec, data)
    path = Path(spec)
    if not path.suffix and not path.exists():
        raise UsageError(f"--style {spec!r}: no such style; give a CSL file or one of: {', '.join(style_names())}")
    try:
        if path.stat().st_size > _MAX_STYLE_BYTES:
            raise UsageError(f"{spec}: not a CSL style (larger than {_MAX_STYLE_BYTES // 1_000_000} MB)")
        data = path.read_bytes()
    except OSError as err:
        raise UsageError(f"{spec}: cannot read the style: {err.strerror or err}") from None
    _check(data, spec)
    return Style(spec, data)


def _check(data: bytes, label: str) -> None:
    """Refuse what is not an independent CSL style before citeproc-py sees it (entities are never expanded)."""
    from lxml import etree

    if re.search(rb"<!(DOCTYPE|ENTITY)", data[:65536]):
        raise UsageError(f"{label}: not a CSL style (a DOCTYPE or entity declaration; a style has none)")
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError as err:
        raise UsageError(f"{label}: not a CSL style (not well-formed XML: {err})") from None
    if root.tag != f"{{{_CSL_NS}}}style":
        raise UsageError(f"{label}: not a CSL style (the root element is <{etree.QName(root).localname}>, not a "
                         f"CSL <style>)")
    if root.find(f"{{{_CSL_NS}}}bibliography") is None:
        parent = root.find(f".//{{{_CSL_NS}}}link[@rel='independent-parent']")
        why = (f"a dependent style: render with its parent, {parent.get('href')}" if parent is not None
               else "it has no <bibliography>")
        raise UsageError(f"{label}: cannot render a bibliography with this style ({why})")


# ---------------------------------------------------------------------------------------------- mends

def _first_field_apart(root: Any) -> None:
    """A second-field-align style's first field (``[1]``, ``1.``) ends in a mark: text and Markdown set it off
    with a space, as citeproc-js's text output does (after the style's own suffix), HTML in citeproc-js's
    ``csl-left-margin`` and ``csl-right-inline`` blocks. citeproc-py ran the two together (``[1]Hsu DT``)."""
    bib = root.find(f"{{{_CSL_NS}}}bibliography")
    layout = bib.find(f"{{{_CSL_NS}}}layout")
    if not bib.get("second-field-align") or layout is None:
        return
    first = next((child for child in layout if isinstance(child.tag, str)), None)
    if first is not None:
        first.set("suffix", first.get("suffix", "") + rendered_markup.FIELD)


_STYLE_MENDS: tuple[Callable[[Any], None], ...] = (_first_field_apart,)

def _term(processor: Any, name: str, default: str) -> str:
    """A simple term of the style or its locale (citeproc-py's ``get_single_term`` misses simple terms)."""
    try:
        term = processor.root.get_term(name)
    except (IndexError, AttributeError, KeyError):
        return default
    return term.text if term is not None and term.text else default


def _ranges_like_pages(item: dict[str, Any], processor: Any) -> None:
    """citeproc-js joins a numeric range in volume and issue (``25(1-2)``) as it joins pages: with the style's
    page-range delimiter, an en dash unless the style says otherwise (AMA keeps ``1-2``)."""
    for key in ("volume", "issue"):
        value = item.get(key)
        if isinstance(value, str) and (m := re.fullmatch(r"(\d+)\s*[-‐‑–]\s*(\d+)", value)):
            item[key] = f"{m[1]}{_term(processor, 'page-range-delimiter', '–')}{m[2]}"


_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor", "composer",
                   "director", "illustrator", "interviewer", "original-author", "recipient", "reviewed-author")
_PARTICLES = re.compile(r"((?:[a-z]+\s+)+)(?=[^\W\d_])(?=\S*[A-Z])")


def _particles_apart(item: dict[str, Any], processor: Any) -> None:
    """citeproc-js reads a family name's lowercase lead (``van der Berg``, ``de la Cruz``) as its particle, so a
    style may demote it (Chicago: ``Berg, Anna van der``); citeproc-py reads the whole as the family name."""
    for key in _NAME_VARIABLES:
        for name in item.get(key) or ():
            family = name.get("family") if isinstance(name, dict) else None
            if isinstance(family, str) and "non-dropping-particle" not in name and (m := _PARTICLES.match(family)):
                name["non-dropping-particle"], name["family"] = m[1].strip(), family[m.end():]


_LITERAL_KEYS = frozenset({"id", "type", "DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "language", "note"})


def _typographic_apostrophes(item: dict[str, Any], processor: Any) -> None:
    """citeproc-js prints a straight apostrophe as a typographic one (``Dijkstra’s``, ``IROS ’91``) and a
    quote-opening one as ``‘``; citeproc-py prints it as given."""
    def curl(text: str) -> str:
        return re.sub(r"(?<![\w])'(?=[^\W\d_])", "‘", text).replace("'", "’") if "'" in text else text

    for key, value in item.items():
        if isinstance(value, str) and key not in _LITERAL_KEYS:
            item[key] = curl(value)
        elif key in _NAME_VARIABLES and isinstance(value, list):
            for name in value:
                for part, text in (name.items() if isinstance(name, dict) else ()):
                    if isinstance(text, str):
                        name[part] = curl(text)


def _page_without_label(item: dict[str, Any], processor: Any) -> None:
    """A page read with its label (``pp. 107-115``): citeproc-js prints the pages without it."""
    if isinstance(item.get("page"), str):
        item["page"] = re.sub(r"^\s*pp?\.\s*(?=\d)", "", item["page"])


_ITEM_MENDS: tuple[Callable[[dict[str, Any], Any], None], ...] = (
    _ranges_like_pages, _particles_apart, _typographic_apostrophes, _page_without_label)
_MARK = "[\ue000-\ue00d]*"  # rendered_markup's emphasis marks, which may sit between two characters


def _punctuation_in_quote(text: str, processor: Any) -> str:
    """Where the locale says so (en-US), citeproc-js moves a period or comma after a closing quote inside it
    (``“A review,” Reg Anesth``); citeproc-py leaves it out (``“A review”, Reg Anesth``)."""
    try:
        inside = str(processor.root.get_locale_option("punctuation-in-quote")).lower() == "true"
    except (IndexError, AttributeError, KeyError):
        inside = False
    if not inside:
        return text
    close = re.escape(_term(processor, "close-quote", "”"))
    return re.sub(f"({close})({_MARK})([.,])", r"\3\1\2", text)


def _no_period_after_stop(text: str, processor: Any) -> str:
    """citeproc-js drops an affix's period after a title's own ``?`` or ``!`` (``acupuncture?. Am J``)."""
    text = re.sub(f"([?!]{_MARK}[”’\"']?{_MARK})\\.(?=\\s|$)", r"\1", text)
    return re.sub(f"([?!]{_MARK})\\.(?={_MARK}[”’\"']{_MARK}(\\s|$))", r"\1", text)


def _one_period(text: str, processor: Any) -> str:
    """citeproc-js writes one period where a field's own (``et al.``) meets a suffix's; citeproc-py writes both."""
    return re.sub(f"(?<![.…])(\\.{_MARK})\\.(?!\\.)", r"\1", text)


_TEXT_MENDS: tuple[Callable[[str, Any], str], ...] = (_punctuation_in_quote, _no_period_after_stop, _one_period)


# ---------------------------------------------------------------------------------------------- rendering

def _style_object(style: Style) -> Any:
    from lxml import etree

    from acuref.formats.csl_processor import Style as Processor

    root = etree.fromstring(style.xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    for mend in _STYLE_MENDS:
        mend(root)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns for schema slips citeproc-js renders through
            return Processor(etree.tostring(root))
    except Exception as err:  # citeproc-py raises bare errors for CSL it cannot follow; never a traceback
        raise UsageError(f"{style.label}: citeproc-py cannot use this style ({type(err).__name__}: {err})") from None


def _bibliography(processor: Any, items: list[dict[str, Any]]) -> tuple[list[str], dict[str, str], list[str]]:
    """citeproc-py's bibliography entries in the style's order, each item's citation by id, and the ids in the
    bibliography's order."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(processor, CiteProcJSON(items), rendered_markup.FORMATTER)
    citations = {}
    for item in items:
        citation = Citation([CitationItem(item["id"])])
        bib.register(citation)
        citations[item["id"]] = str(bib.cite(citation, lambda _: None))
    bib.sort()
    return [str(entry) for entry in bib.bibliography()], citations, list(bib.keys)


def _year_suffixes(processor: Any, items: list[dict[str, Any]], citations: list[str]) -> bool:
    """citeproc-js's ``disambiguate-add-year-suffix``, which citeproc-py lacks: works whose citations stay alike
    (``Smith, 2007``) get 2007a, 2007b in bibliography order. Where the style may add names or given names
    first, only works with the very same names are alike. True when a suffix was given."""
    citation = processor.root.find(f"{{{_CSL_NS}}}citation")
    if citation is None or citation.get("disambiguate-add-year-suffix") != "true":
        return False
    more_names = "true" in (citation.get("disambiguate-add-names"), citation.get("disambiguate-add-givenname"))
    groups: dict[str, list[dict[str, Any]]] = {}
    for item, cited in zip(items, citations):
        names = json.dumps(item.get("author") or item.get("editor"), sort_keys=True) if more_names else ""
        groups.setdefault(f"{cited}\n{names}", []).append(item)
    alike = [group for group in groups.values() if len(group) > 1 and "year-suffix" not in group[0]]
    for group in alike:
        for i, item in enumerate(group):  # items arrive in bibliography order (see entries_text)
            item["year-suffix"] = _letters(i)
    return bool(alike)


def _letters(i: int) -> str:
    return _letters(i // 26 - 1) + chr(97 + i % 26) if i >= 26 else chr(97 + i)


_DATE_KEYS = frozenset({"issued", "accessed", "original-date", "event-date", "submitted", "available-date"})


def _shaped(key: str, value: Any) -> bool:
    """Whether a value a user's CSL-JSON item holds has the shape CSL gives its key (a renderer trusts it)."""
    if key in _NAME_VARIABLES:
        return isinstance(value, list) and bool(value) and all(
            isinstance(n, dict) and any(n.get(k) for k in ("family", "literal", "given"))
            and all(isinstance(v, str) for v in n.values()) for n in value)
    if key in _DATE_KEYS:
        parts = value.get("date-parts") if isinstance(value, dict) else None
        return isinstance(parts, list) and 0 < len(parts) <= 2 and all(
            isinstance(p, list) and 0 < len(p) <= 3 and all(type(x) is int for x in p) for p in parts)
    return isinstance(value, str) or (type(value) is int)


def _item(entry: Entry) -> dict[str, Any]:
    """The entry as CSL-JSON, as the csl-json export writes it: acuref's fields, plus the keys of a user's own
    item that acuref does not model (a style may print them) where they have CSL's shape."""
    item = csl.to_csl(entry)
    origin = entry.ref.origin
    if origin is not None and origin.format == "csl-json":
        try:
            kept = json.loads(origin.raw)
        except ValueError:
            kept = None
        for key, value in (kept.items() if isinstance(kept, dict) else ()):
            if key not in item and _shaped(key, value):
                item[key] = value
    for key in _NAME_VARIABLES:  # a name with nothing to print breaks citeproc-py's names (None + label)
        if key in item:
            item[key] = [n for n in item[key] if any(str(n.get(k) or "").strip() for k in ("family", "literal", "given"))]
            if not item[key]:
                del item[key]
    return item


def entries_text(entries: Sequence[Entry], style: Style, markup: str) -> list[str]:
    """Each bibliography entry as one string in the style's order: citation order for a numbered style, the
    style's ``<sort>`` otherwise. ``markup`` is ``text``, ``html`` or ``markdown``."""
    processor = _style_object(style)
    items = [_item(entry) for entry in entries]
    for n, item in enumerate(items):
        item["id"] = f"item{n}"  # citeproc-py folds ids to lowercase: two keys differing in case would be one
        for mend in _ITEM_MENDS:
            mend(item, processor)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out, citations, order = _bibliography(processor, items)
            by_id = {item["id"]: item for item in items}
            if _year_suffixes(processor, [by_id[k] for k in order], [citations[k] for k in order]):
                out, _, _ = _bibliography(_style_object(style), items)
    except UsageError:
        raise
    except Exception as err:  # citeproc-py raises bare errors for CSL it cannot follow; never a traceback
        raise UsageError(f"{style.label}: citeproc-py cannot render with this style ({type(err).__name__}: "
                         f"{err})") from None
    for mend in _TEXT_MENDS:
        out = [mend(text, processor) for text in out]
    return [rendered_markup.entry(text.strip(), markup) for text in out]


def _dumper(markup: str) -> Callable[[Sequence[Entry], WriteOptions], str]:
    def dump(entries: Sequence[Entry], options: WriteOptions) -> str:
        style = load_style(options.style or DEFAULT_STYLE)
        return rendered_markup.document(entries_text(entries, style, markup), markup)
    return dump


TEXT = Format("text", (".txt",), _dumper("text"), None, "the bibliography as plain text in a CSL style (--style)")
HTML = Format("html", (".html", ".htm"), _dumper("html"), None,
              "the bibliography as an HTML fragment in a CSL style (--style)")
MARKDOWN = Format("markdown", (".md",), _dumper("markdown"), None,
                  "the bibliography as Markdown in a CSL style (--style)")
RENDERED = frozenset({TEXT.name, HTML.name, MARKDOWN.name})


def check(fmt: str, style: str | None) -> None:
    """A ``--style`` goes with a rendered format and must name a style: a usage error (exit 2) before any work."""
    if style is None:
        return
    if fmt not in RENDERED:
        raise UsageError(f"--style renders the bibliography: it goes with -f {', '.join(sorted(RENDERED))} "
                         f"(or -o FILE.txt/.html/.md), not {fmt}")
    _style_object(load_style(style))
