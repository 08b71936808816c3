"""A PDF page's characters as printed: PDFium's glyph boxes and baselines, accents put back on their letters,
and runs of glyphs on one baseline (fragments of printed lines) in the order the page draws them.

pdfTeX with the old OT1 fonts draws an accented letter as two glyphs, a spacing accent (``´``, ``¸``) and the
letter, their boxes overlapping: copied as text that reads ``Motivaci´on``. The accent is turned into its
combining mark on the letter it overlaps and the pair composed (NFC), so the text reads ``Motivación``.

Lines are told by baselines (the glyph origins), not by box bottoms: brackets, old-style digits, italics and
superscripts have boxes of other heights on the same printed line, and grouping by box edges tore such lines
apart and wove them into the next.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field

# Spacing accents as pdfTeX's OT1/OML fonts draw them, and the combining mark each stands for.
_ACCENTS = {
    "\u00b4": "\u0301", "`": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "^": "\u0302", "\u02dc": "\u0303",
    "~": "\u0303", "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00af": "\u0304",
    "\u02d9": "\u0307", "\u02da": "\u030a", "\u02dd": "\u030b", "\u02db": "\u0328",
}
_DOTLESS = {"\u0131": "i", "\u0237": "j"}
# A TeX font embedded without a Unicode map (a bitmap Type 3 font, when cm-super was missing) hands over its raw
# codes: below 0x20 these are ligatures and punctuation, in the T1 (Cork) or the OT1 layout. Read as they are,
# "fi" (T1 0x1C, OT1 0x0C) is a control character Python takes for white space, and "fibrosis" reads "brosis".
_T1 = dict(zip(range(0x0D, 0x20), ["\u201a", "\u2039", "\u203a", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb",
                                   "\u2013", "\u2014", "", "", "\u0131", "\u0237", "ff", "fi", "fl", "ffi", "ffl"]))
_OT1 = dict(zip(range(0x0B, 0x20), ["ff", "fi", "fl", "ffi", "ffl", "\u0131", "\u0237", "`", "\u00b4", "\u02c7",
                                    "\u02d8", "\u00af", "\u02da", "\u00b8", "\u00df", "\u00e6", "\u0153", "\u00f8",
                                    "\u00c6", "\u0152", "\u00d8"]))  # ı + ´ is í: the dotless letter TeX puts under an accent


@dataclass(slots=True)
class Glyph:
    ch: str
    left: float
    bottom: float
    right: float
    top: float
    x: float  # origin: where the pen stood
    y: float  # baseline
    size: float
    index: int  # PDFium's character index (for font look-ups)
    space: int = 0  # a space before it: 2 drawn in the PDF, 1 guessed by PDFium, 0 none


@dataclass(slots=True)
class Fragment:
    """Glyphs drawn one after another on one baseline: a printed line or a piece of one."""

    glyphs: list[Glyph] = field(default_factory=list)
    y: float = 0.0
    size: float = 0.0
    text: str = ""  # filled in by fragments()

    @property
    def left(self) -> float:
        return self.glyphs[0].left

    @property
    def right(self) -> float:
        return max(g.right for g in self.glyphs)


def page_glyphs(textpage) -> list[Glyph]:
    """Every printed glyph of a PDFium text page, in drawing order, each marked when a space precedes it."""
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    out: list[Glyph] = []
    space = 0
    codes = [raw.FPDFText_GetUnicode(handle, i) for i in range(count)]
    raw_tex = tex_chars(codes)
    for i in range(count):
        code = codes[i]
        if 0xDC00 <= code <= 0xDFFF:  # the second half of a pair, read with the first
            continue
        if 0xD800 <= code <= 0xDBFF:  # a character beyond the BMP (math italic) comes as a UTF-16 pair
            low = raw.FPDFText_GetUnicode(handle, i + 1) if i + 1 < count else 0
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) if 0xDC00 <= low <= 0xDFFF else 0xFFFD
        ch = chr(code) if 0 < code < 0x110000 else ""
        if ch and i in raw_tex:
            ch = raw_tex[i]
            if not ch:  # a zero-width mark (T1's compound-word mark)
                continue
        if not ch or ch.isspace() or ch in "\x00\ufffe":
            if ch.isspace() and ch not in "\r\n":  # a space drawn, or one PDFium guessed from the gap
                space = max(space, 1 if raw.FPDFText_IsGenerated(handle, i) else 2)
            continue
        if ch == "\x02":  # PDFium's mark for a hyphen it took for a line-end hyphen
            ch = "-"
        # The loose box spans the glyph's advance width (origin to the next pen position), so the gap to the
        # next glyph is the space the typesetter left, whatever the ink of narrow glyphs such as "1".
        raw.FPDFText_GetLooseCharBox(handle, i, box)
        raw.FPDFText_GetCharOrigin(handle, i, ox, oy)
        size = raw.FPDFText_GetFontSize(handle, i)
        if size < 3:  # a font scaled by its matrix (figure labels) reports size 1: its box tells
            size = max(1.0, 0.85 * (box.top - box.bottom))
        out.append(Glyph(ch, box.left, box.bottom, box.right, box.top, ox.value, oy.value, size, i, space))
        space = 0
    return compose_accents(out)


def tex_chars(codes: list[int]) -> dict[int, str]:
    """What a page's raw TeX codes below 0x20 print, by position: in OT1 where its ligature codes (0x0B-0x0F)
    outnumber T1's (0x1B-0x1F), else in T1 (the fonts without a Unicode map are mostly T1 bitmap fonts).
    PDFium's own line ends (CR LF) are not codes."""
    low = {k: c for k, c in enumerate(codes) if 0x0B <= c < 0x20 and not (c == 0x0D and codes[k + 1:k + 2] == [0x0A])}
    if not low:
        return {}
    ot1 = sum(0x0B <= c <= 0x0F for c in low.values()) > sum(0x1B <= c <= 0x1F for c in low.values())
    layout = _OT1 if ot1 else _T1
    return {k: layout[c] for k, c in low.items() if c in layout}


def _overlap(a: Glyph, b: Glyph) -> float:
    """How much of glyph a's width lies over glyph b."""
    width = max(a.right - a.left, 0.01)
    return max(0.0, min(a.right, b.right) - max(a.left, b.left)) / width


def compose_accents(glyphs: list[Glyph]) -> list[Glyph]:
    """Spacing accents drawn over (or under) a letter become that letter's combining mark."""
    if not any(g.ch in _ACCENTS for g in glyphs):
        return glyphs
    marks: dict[int, list[int]] = {}  # letter -> the accents on it
    for i, g in enumerate(glyphs):
        if g.ch in _ACCENTS:
            j = _base_of(glyphs, i)
            if j is not None:
                marks.setdefault(j, []).append(i)
    gone = {i for accents in marks.values() for i in accents}
    out: list[Glyph] = []
    for k, g in enumerate(glyphs):
        if k in gone:
            continue
        if k in marks:
            letter = _DOTLESS.get(g.ch, g.ch) + "".join(_ACCENTS[glyphs[i].ch] for i in marks[k])
            g = Glyph(unicodedata.normalize("NFC", letter), g.left, g.bottom, g.right, g.top, g.x, g.y, g.size,
                      g.index, max([g.space] + [glyphs[i].space for i in marks[k] if i < k]))
        out.append(g)
    return out


def _base_of(glyphs: list[Glyph], i: int) -> int | None:
    """The letter accent i covers most (half its width at least): first its neighbours in drawing order, then
    (some fonts draw a line's accents after its letters) any letter near it on its line."""
    accent = glyphs[i]
    best, best_cover = None, 0.5
    near = [i + 1, i - 1]
    for ring in (near, range(max(0, i - 300), min(len(glyphs), i + 300))):
        for j in ring:
            if j == i or not 0 <= j < len(glyphs):
                continue
            other = glyphs[j]
            if other.ch.isalpha() and abs(other.y - accent.y) < accent.size:
                cover = _overlap(accent, other)
                if cover > best_cover:
                    best, best_cover = j, cover
        if best is not None:
            return best
    return None


def upright(glyphs: list[Glyph], width: float, height: float) -> tuple[list[Glyph], float, float]:
    """Glyphs of text set sideways (a landscape page, a rotated table) turned so that lines run left to
    right, with the page's turned width and height; text already upright is returned as it is."""
    dx = dy = 0.0
    for a, b in zip(glyphs, glyphs[1:]):
        step_x, step_y = b.x - a.x, b.y - a.y
        if abs(step_x) + abs(step_y) < 2 * a.size:  # neighbours on one line
            dx, dy = dx + step_x, dy + step_y
    if abs(dx) >= abs(dy):
        if dx >= 0:
            return glyphs, width, height
        turn = (lambda x, y: (width - x, height - y)), width, height  # upside down
    elif dy > 0:
        turn = (lambda x, y: (y, width - x)), height, width  # reading upwards
    else:
        turn = (lambda x, y: (height - y, x)), height, width  # reading downwards
    move, new_w, new_h = turn
    out = []
    for g in glyphs:
        (x1, y1), (x2, y2) = move(g.left, g.bottom), move(g.right, g.top)
        x, y = move(g.x, g.y)
        out.append(Glyph(g.ch, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), x, y, g.size, g.index, g.space))
    return out, new_w, new_h


def fragments(glyphs: list[Glyph]) -> list[Fragment]:
    """Cut the drawing order into runs on one baseline: a new run where the baseline moves by more than half
    the type size (superscripts and raised accents stay in), or the pen jumps back to the left."""
    out: list[Fragment] = []
    cur: Fragment | None = None
    prev: Glyph | None = None
    for g in glyphs:
        if cur is not None and prev is not None:
            size = max(prev.size, g.size)
            back = g.left < prev.left - 0.3 * size and g.x < prev.x - size
            far = g.left - prev.right > size  # a gutter, a table cell, a margin line number
            if abs(g.y - cur.y) > 0.5 * max(cur.size, g.size) or back or far:
                cur = None
        if cur is None:
            cur = Fragment([], g.y, g.size)
            out.append(cur)
        cur.glyphs.append(g)
        if g.size > cur.size + 0.5:  # the body text's baseline, not a superscript's that started the run
            cur.y, cur.size = g.y, g.size
        prev = g
    for frag in out:
        frag.text = fragment_text(frag)
    return out


def fragment_text(frag: Fragment) -> str:
    """A fragment's text with its word spaces: a space drawn, or a gap of a sixth of the type size. In
    letter-spaced type (small-caps headings, ``B I B L I O G R A P H Y``) only gaps well above the gap between
    letters count."""
    glyphs = frag.glyphs
    # Italic glyphs' boxes reach left of their origin: the gap runs to whichever comes later.
    gaps = [max(b.left, b.x) - a.right for a, b in zip(glyphs, glyphs[1:])]
    spaced = False
    threshold = 0.15 * frag.size  # interword space is a quarter of the size or more, kerns a tenth or less
    if len(gaps) >= 5:
        typical = sorted(gaps)[len(gaps) // 2]
        if typical > 0.1 * frag.size:
            spaced, threshold = True, typical + 0.15 * frag.size
    parts = [glyphs[0].ch] if glyphs else []
    for g, gap in zip(glyphs[1:], gaps):
        if gap > threshold or (not spaced and (g.space == 2 or (g.space and gap > 0.06 * frag.size))):
            parts.append(" ")
        parts.append(g.ch)
    return "".join(parts)
