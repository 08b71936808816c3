"""Text ↔ LaTeX for BibTeX field values: escape what LaTeX would execute, protect case, decode on read.

Literal braces are written as ``{\\textbraceleft}``/``{\\textbraceright}`` rather than ``\\{``: BibTeX
counts every brace, escaped or not, so an unbalanced ``\\{`` would break the file. The braced-group form (not
``\\textbackslash{}``) is the one Zotero's BibTeX translator writes and decodes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

_SPECIALS = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"{\textasciicircum}",
    "~": r"{\textasciitilde}",
}
_SPECIALS_RE = re.compile(r"[\\{}%&#$_^~]")
# unknown_char_warning off: pylatexenc logs a line per character it cannot write ("No known latex representation"),
# which reached stderr under -q. Scripts LaTeX writes only through font-encoding commands ({\CYRK}: Zotero, pandoc
# and citation-js keep them literally) are not given to it at all: they stay UTF-8 (see _LATIN).
_ASCII_ENCODER = UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                       unknown_char_policy="keep", unknown_char_warning=False)
# What --ascii writes as LaTeX: Latin letters with accents, Latin ligatures and punctuation (Latin-1 to
# Latin Extended-B, IPA and spacing modifiers, combining accents, Latin Extended Additional, general punctuation,
# currency, letterlike symbols); every other script stays UTF-8.
_LATIN = re.compile("[\u0080-\u036f\u1e00-\u1eff\u2000-\u214f]+")
_DECODER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False, keep_braced_groups=False)
# A word to protect from a style's case changes: an acronym or a word with a capital inside (HIV, mRNA,
# McAlonan, CD4+), or in a sentence-case title a capitalised word that does not start a sentence.
_WORD_RE = re.compile(r"[^\s]+")


_LIGATURES_RE = re.compile(r"-(?=-)|'(?=')|`(?=`)|!(?=`)|\?(?=`)")


def escape(text: str, *, ascii_only: bool = False) -> str:
    """Make ``text`` safe inside a braced BibTeX value: no LaTeX command, no unbalanced brace, no ligature
    (``--`` stays two hyphens rather than becoming an en dash)."""
    out = _SPECIALS_RE.sub(lambda m: _SPECIALS[m.group(0)], text)
    if "-" in out or "'" in out or "`" in out:
        out = _LIGATURES_RE.sub(lambda m: m.group(0) + "{}", out)
    if ascii_only and not out.isascii():
        out = _LATIN.sub(lambda m: "".join(map(_ascii_char, m.group(0))), unicodedata.normalize("NFC", out))
        if "\\i" in out or "\\j" in out:
            # An accent on a dotless i decodes to "ı́" (dotless i + combining acute) in biber, pandoc and
            # citation-js, and pdfLaTeX then stops at U+0301; the accent on a plain i is read as "í" everywhere.
            out = _DOTLESS_RE.sub(r"{\\\1\2}", out)
    return out


# Where pylatexenc's LaTeX is not what Zotero's BibTeX import (translators/BibTeX.js) decodes, the form that
# translator writes itself and reads back ({\H o}, not {\H{o}}, which Zotero shows as "\Ho")
_ZOTERO_FORMS = {"±": "{\\textpm}", "Ċ": "{\\.C}", "ċ": "{\\.c}", "Ė": "{\\.E}", "ė": "{\\.e}", "Ġ": "{\\.G}",
                 "ġ": "{\\.g}", "Ő": "{\\H O}", "ő": "{\\H o}", "Ű": "{\\H U}", "ű": "{\\H u}",
                 "‖": "{\\textbardbl}", "Ω": "{\\textohm}"}
# Letters and signs whose LaTeX Zotero's BibTeX import reads back wrong or not at all (\OE as "ØE", \DJ, math
# letters, modifier letters): kept in UTF-8, as every script without ASCII LaTeX is
_ZOTERO_MISREADS = frozenset("¤ĐđĦħĲĳĸĿŀŉŒœŦŧƒƕƞȨȩəɛɸʔʞ‐‑‒―‡․‥‱′″‵※‽⁎₡₤₦₩₫₱ℂ℉ℊℋℌℍℎℏℐℑℒℓℕ℘ℙℚℛℜℝ℞ℤ℧ℨKÅℬℭℯℰℱℳℴℵℶℷℸʷʼˇ˘˙˚˛˜"
                             "\u0307\u0308\u0340\u0341\u0343\u0344")


@lru_cache(maxsize=4096)
def _ascii_char(ch: str) -> str:
    if ch in _ZOTERO_MISREADS:
        return ch
    return _ZOTERO_FORMS.get(ch) or _ASCII_ENCODER.unicode_to_latex(ch)


_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "CJK", "ARABIC", "HEBREW", "HANGUL", "HIRAGANA", "KATAKANA", "DEVANAGARI",
                      "THAI", "ARMENIAN", "GEORGIAN", "BENGALI", "TAMIL", "ETHIOPIC"})


def scripts(text: str) -> set[str]:
    """The scripts of what --ascii leaves in UTF-8 (``CYRILLIC``, ``CJK``; ``OTHER`` for a sign or a Latin letter
    Zotero would misread as LaTeX)."""
    found = {unicodedata.name(ch, "OTHER").split()[0] for ch in text if not ch.isascii()}
    return {name if name in _SCRIPTS else "OTHER" for name in found}


_DOTLESS_RE = re.compile(r"\{\\(['`^\"~=.uvHr])\\([ij])\}")


def _needs_protection(word: str, sentence_start: bool) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    inner_caps = any(c.isupper() for c in word[1:] if c.isalpha())
    if inner_caps:
        return True
    # Capitalised words are protected in Title Case titles too: citation-js and sentence-case styles would
    # otherwise lowercase "Chronic Low Back Pain", and the title would no longer read as printed.
    return word[:1].isupper() and not sentence_start


def title_to_bibtex(title: str, *, ascii_only: bool = False) -> str:
    """Escape a title and brace the words a citation style must not lowercase (``{HIV}``, ``{Chinese}``)."""
    out = []
    sentence_start = True
    pos = 0
    for m in _WORD_RE.finditer(title):
        out.append(escape(title[pos:m.start()], ascii_only=ascii_only))
        word = m.group(0)
        core = word.strip(".,:;!?()[]\"'“”‘’")
        lead = word[: len(word) - len(word.lstrip(".,:;!?()[]\"'“”‘’"))]
        trail = word[len(lead) + len(core):]
        if core and _needs_protection(core, sentence_start):
            out.append(escape(lead, ascii_only=ascii_only) + "{" + escape(core, ascii_only=ascii_only) + "}"
                       + escape(trail, ascii_only=ascii_only))
        else:
            out.append(escape(word, ascii_only=ascii_only))
        sentence_start = word.endswith((":", ".", "?", "!")) and not re.fullmatch(r"[A-Z]\.", word)
        pos = m.end()
    out.append(escape(title[pos:], ascii_only=ascii_only))
    return "".join(out)


# Escapes whose pylatexenc reading is not the character itself; they pass through as private-use marks.
_LITERALS = (
    (re.compile(r"\\textbraceleft(?:\{\}|\b\s?)|\\\{"), "\ue000", "{"),
    (re.compile(r"\\textbraceright(?:\{\}|\b\s?)|\\\}"), "\ue001", "}"),
    (re.compile(r"\\textbackslash(?:\{\}|\b\s?)"), "\ue002", "\\"),
    (re.compile(r"\\textasciicircum(?:\{\}|\b\s?)"), "\ue003", "^"),
    (re.compile(r"\\textasciitilde(?:\{\}|\b\s?)"), "\ue004", "~"),
)


@lru_cache(maxsize=65536)
def decode(value: str) -> str:
    """LaTeX in a BibTeX value → plain Unicode text (accents, escapes, protective braces removed)."""
    if not re.search(r"[\\{}~$]", value):
        return value
    for rx, mark, _ in _LITERALS:
        value = rx.sub(mark, value)
    try:
        text = _DECODER.latex_to_text(value)
    except RecursionError:  # pylatexenc recurses once per nested group: braces thousands deep are only braces
        text = re.sub(r"[{}]", "", value)
    for _, mark, char in _LITERALS:
        text = text.replace(mark, char)
    return re.sub(r"\s+", " ", text).strip()
