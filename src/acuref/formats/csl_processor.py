"""citeproc-py with the CSL rules it misses mended, measured against citeproc-js on real references.

citeproc-py picks each CSL element's class by tag name; ``Style`` builds the same lookup with four classes
replaced here, so the mends hold for acuref's renderings only (citeproc-py itself is not patched):

- ``<substitute>``: every variable the substitute printed is suppressed in the rest of the entry (CSL 1.0.2,
  "Substitution"); citeproc-py suppressed only the substitute's direct child, so an item without author and
  title printed its number twice in APA.
- ``<key>``: an empty sort key sorts last (CSL 1.0.2, "Sorting"), and a macro's key is read without the
  punctuation its affixes put first, as citeproc-js does; citeproc-py sorted ``(No. 40)`` before ``Abuaisha``.
- ``<date>``: a localized date's parts are joined with the locale's delimiter (Vancouver's ``2000 Aug``);
  citeproc-py took the calling element's, none (``2000Aug``).
- ``<number>``: a suppressed variable stays suppressed, as in ``<text>``.
- ``<date>``: a year suffix the style does not place itself follows the first year printed (CSL 1.0.2).
- ``<text text-case="title">``: citeproc-js's title case (``title_case.py``), not citeproc-py's.
- ``<name initialize="false">``: given names are not initialized (Chicago, MLA); citeproc-py ignored it.
- a page range whose ends differ in length is never shortened (MLA's ``8–12``; citeproc-py wrote ``8–2``), and a
  page that is not a list of pages (``168-175 Tokyo``) is printed as it is.
- ``<names>``: names a substitute printed are not printed again (an editor standing for the authors).
- ``<label>``: a term's title case (``Eds.``), and a label is plural only for a list or range of numbers.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from citeproc import CitationStylesStyle, model
from citeproc.source import VariableError
from lxml import etree

from acuref.formats.title_case import title_case

CSL_NS = "http://purl.org/net/xbiblio/csl"
_TRACK = "acuref:printed"  # a key of citeproc-py's per-entry suppression table: the substitute being rendered
_SUFFIXED = "acuref:year-suffix"  # ... and another: the entry's year suffix is printed
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")
_MARKS = re.compile("[\ue000-\ue00e]")  # rendered_markup's emphasis marks: no part of a sort key
_TEXT, _NUMBER = f"{{{CSL_NS}}}text", f"{{{CSL_NS}}}number"


def _suppressed(element: Any, context: Any, variable: str | None) -> bool:
    repressed = context.get_layout().repressed if context is not None else {}
    return variable in repressed.get(_TEXT, ()) or variable in repressed.get(_NUMBER, ())


_PAGES = re.compile(r"\s*\w*\d\w*(\s*[-–]\s*\w*\d\w*)?(\s*[,&]\s*\w*\d\w*(\s*[-–]\s*\w*\d\w*)?)*\s*")


class _Numbers:
    """Page ranges as citeproc-js writes them, for <text> and <number>."""

    def _process(self, value: Any, variable: str) -> Any:
        if variable.startswith("page") and not _PAGES.fullmatch(str(value)):
            return str(value)  # not a list of pages ("168-175 Tokyo"): citeproc-js prints it as it is
        return model.FormatNumber._process(self, value, variable)

    def _format_last_page(self, first: str, last: str) -> str:
        # a shortened range needs two ends of one length: citeproc-py made 8-12 "8–2" in minimal-two (MLA)
        return last if len(first) != len(last) else model.FormatNumber._format_last_page(self, first, last)


class _Text(_Numbers, model.Text):

    def case(self, text: Any, language: Any = None) -> Any:
        if self.get("text-case") == "title" and language == "en":
            return title_case(str(text))
        return super().case(text, language)

    def _variable(self, item: Any, context: Any) -> Any:
        if _suppressed(self, context, self.get("variable")):
            return None
        text = super()._variable(item, context)
        printed = context.get_layout().repressed.get(_TRACK)
        if text and printed is not None:
            printed.append(self.get("variable"))
        return text


class _Number(_Numbers, model.Number):

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if _suppressed(self, context, self.get("variable")):
            return None
        text = super().process(item, context, **kwargs)
        printed = context.get_layout().repressed.get(_TRACK) if context is not None else None
        if text and printed is not None:
            printed.append(self.get("variable"))
        return text


class _Substitute(model.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = context.get_layout().repressed
        text = None
        for child in self.getchildren():
            repressed[_TRACK] = []
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text:
                self.add_to_repressed_list(child, context)
                for variable in repressed[_TRACK]:
                    repressed.setdefault(_TEXT, []).append(variable)
                    repressed.setdefault(_NUMBER, []).append(variable)
                break
        repressed.pop(_TRACK, None)
        return text or None


class _Names(model.Names):
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        if context is None:
            return super().process(item, names_context, context, **kwargs)
        # names a substitute printed are not printed again (an editor standing for the authors)
        printed = {v for entry in context.get_layout().repressed.get(self.tag, ()) for v in (entry or "").split()}
        roles = self.get("variable", "").split()
        left = [role for role in roles if role not in printed]
        if not left:
            raise VariableError
        if left == roles:
            return super().process(item, names_context, context, **kwargs)
        self.set("variable", " ".join(left))  # citeproc-py reads the roles from the attribute: narrow it a moment
        try:
            return super().process(item, names_context, context, **kwargs)
        finally:
            self.set("variable", " ".join(roles))


class _Label(model.Label):
    _NUMBERS = re.compile(r"\s*[A-Za-z]?\d+[A-Za-z]?(\s*(?:[-–,&]|and)\s*[A-Za-z]?\d+[A-Za-z]?)+\s*")

    def case(self, text: Any, language: Any = None) -> Any:
        if self.get("text-case") == "title":  # a term, not the item's text: citeproc-py left "eds." for "Eds."
            return title_case(str(text))
        return super().case(text, language)

    def _is_plural(self, item: Any) -> bool:
        if self.get("variable") in (None, "locator") or self.get("variable", "").startswith("number-of"):
            return bool(super()._is_plural(item))
        try:
            value = item.reference[self.get("variable").replace("-", "_")]
        except VariableError:
            return False
        return bool(self._NUMBERS.fullmatch(str(value)))  # "SRC-TR-95-141" is one report number, not a range


class _Name(model.Name):
    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "initialize-with" and self.get("initialize") == "false":
            return None  # initialize="false": given names as they are (Chicago's "Brian M."); citeproc-py ignored it
        return super().get_option(name, context, sort_options)


class _Key(model.Key):
    def sort_keys(self, items: Any, context: Any) -> list[Any]:
        if "macro" not in self.attrib:
            return [None if key == "" else key for key in super().sort_keys(items, context)]
        # As citeproc-js keys a macro: names without "and", a particle demoted where the style sorts without it
        # (sort-only: "de Almeida" sorts at A), and none of the affixes' leading punctuation ("(No. 40)" at N).
        options = {"name-as-sort-order": "all", "and": None, "delimiter-precedes-last": "always"}
        if self.get_root().get("demote-non-dropping-particle") in ("sort-only", "display-and-sort"):
            options["demote-non-dropping-particle"] = "display-and-sort"
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                options[option.replace("names", "et-al")] = self.get(option)
        layout, macro, keys = context.get_layout(), self.get_macro(self.get("macro")), []
        for item in items:
            layout.repressed = {}
            key = macro.render(item, context=context, sort_options=options)
            key = _LEADING_PUNCTUATION.sub("", _MARKS.sub("", str(key))) if key is not None else None
            keys.append(key or None)
        return keys


class _Date(model.Date):
    def process(self, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None,
                **kwargs: Any) -> Any:
        text = super().process(item, variable, show_parts, context, **kwargs)
        if not text or self.is_locale_date() or self.xpath_search("//cs:text[@variable='year-suffix']"):
            return text
        # CSL: a year suffix the style does not place follows the first year it prints (Springer's "1991a")
        try:
            suffix = item.reference["year_suffix"]
        except (VariableError, KeyError):
            return text
        try:
            repressed = (context if context is not None else self).get_layout().repressed
        except (IndexError, AttributeError):  # a date outside any layout (a sort key's macro): no entry to mark
            repressed = {}
        if not suffix or repressed.get(_SUFFIXED):
            return text
        repressed[_SUFFIXED] = True
        return re.sub(r"(\d{4})", lambda m: m[1] + str(suffix), str(text), count=1)

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        parts = self.parts(date, show_parts, context) if context != self else self.parts(date, show_parts)
        if not parts:
            return None
        own = self.is_locale_date() and context is not None and context.get("delimiter") is None
        return (self if own or not self.is_locale_date() else context).join(parts)


_OVERRIDES = {"text": _Text, "number": _Number, "substitute": _Substitute, "key": _Key, "date": _Date, "name": _Name,
              "names": _Names, "label": _Label}


class Style(CitationStylesStyle):  # type: ignore[misc]
    """A citeproc-py style from a style's XML (already checked: no DTD, no entities), with the mends above."""

    def __init__(self, xml: bytes) -> None:  # citeproc-py's own __init__ also looks names up as paths: not here
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = model.CitationStylesElement
        namespace.update({cls.__name__.replace("_", "-").lower(): cls
                          for cls in model.CitationStylesElement.__subclasses__()})
        namespace.update(_OVERRIDES)
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True,
                                      resolve_entities=False, load_dtd=False)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(BytesIO(xml), self.parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(self.root.get("default-locale", "en-US"), validate=False)
