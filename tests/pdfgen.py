"""Born-digital test PDFs made with reportlab: two-column papers whose reference lists span columns and pages.

The layout does what typesetters do to reference lists: justified-width wrapping in narrow columns, words
hyphenated at line ends, DOIs and URLs broken after a ``/`` or ``.``, a running header and a page number on
every page, numbered (``[12]``) or hanging-indent entries.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

FONT, SIZE, LEADING = "Times-Roman", 8.5, 10.5
PROSE = ("Acupuncture has been studied for chronic pain for decades and the trials disagree about the size of "
         "its effect over sham needling. We review the randomised evidence on painful diabetic neuropathy and "
         "chemotherapy induced neuropathy, and we describe what patients ask about most often. ") * 6

# Five author-year references of an imaginary field study, short and long (some wrap at any width used).
DUNES = [
    "Aalders, P. and Brink, Q. (2003). Counting the birds of the northern dunes by ear. Journal of Field "
    "Ornithology 12(3), 101-119.",
    "Brink, Q. (1999). A short history of dune management. Coastal Press, Leiden.",
    "Corvers, R., Aalders, P., Dekker, S. and Vos, T. (2011). Twenty years of breeding pairs on the Frisian "
    "islands: a census compared with a model of habitat loss. Ecological Records 44, 15-38.",
    "Dekker, S. (2015). Field guide to sand and marsh. Second edition. Wadden Books, Groningen.",
    "Vos, T. and Corvers, R. (2020). Where did the larks go? Dune Ecology Letters 7, e2031.",
]


def set_text(c, x: float, y: float, text: str, width: float, first: float, rest: float, *,
             font: str = "Times-Roman", size: float = 10.0, step: float = 12.0) -> float:
    """Text set wrapped to width at baseline y, the first line indented by first and the others by rest; the next baseline."""
    c.setFont(font, size)
    line, indent = "", first
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) > width - indent:
            c.drawString(x + indent, y, line)
            y, line, indent = y - step, word, rest
        else:
            line = trial
    c.drawString(x + indent, y, line)
    return y - step


def _pieces(word: str, fits) -> list[str]:
    """Break a word that does not fit: identifiers after '/' or '.', long words with a hyphen."""
    if "/" in word or word.startswith(("10.", "http", "doi")):
        for i in range(len(word) - 1, 0, -1):
            if word[i - 1] in "/." and fits(word[:i]):
                return [word[:i], word[i:]]
        return [word]
    if len(word) > 9 and word.isalpha():
        for i in range(len(word) - 3, 3, -1):
            if fits(word[:i] + "-"):
                return [word[:i] + "-", word[i:]]
    return [word]


def wrap(text: str, width: float, first_indent: float = 0.0, rest_indent: float = 0.0) -> list[tuple[float, str]]:
    lines: list[tuple[float, str]] = []
    cur, indent = "", first_indent
    words = text.split()
    while words:
        word = words.pop(0)
        trial = f"{cur} {word}" if cur else word
        if stringWidth(trial, FONT, SIZE) <= width - indent:
            cur = trial
            continue
        room = width - indent - stringWidth(cur + " ", FONT, SIZE)
        parts = _pieces(word, lambda piece: stringWidth(piece, FONT, SIZE) <= room)
        if len(parts) == 2 and stringWidth(parts[0], FONT, SIZE) <= room:
            lines.append((indent, f"{cur} {parts[0]}".strip()))
            words.insert(0, parts[1])
            cur, indent = "", rest_indent
            continue
        if cur:
            lines.append((indent, cur))
            words.insert(0, word)
            cur, indent = "", rest_indent
        else:  # a word wider than the column: set it alone
            lines.append((indent, word))
            indent = rest_indent
    if cur:
        lines.append((indent, cur))
    return lines


def paper(refs: list[str], *, numbered: bool = True, heading: str = "References", columns: int = 2,
          header: str = "Journal of Integrative Pain Research 12 (2024) 101–118") -> bytes:
    """A paper: title, two pages of prose, then the reference list, flowing column by column and page by page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    page_w, page_h = A4
    margin, gap = 50.0, 18.0
    col_w = (page_w - 2 * margin - gap * (columns - 1)) / columns
    top, bottom = page_h - 90, 60
    state = {"page": 1, "col": 0, "y": top}

    def furniture() -> None:
        c.setFont(FONT, 7)
        c.drawString(margin, page_h - 40, header)
        c.drawRightString(page_w - margin, 30, str(state["page"]))
        c.setFont(FONT, SIZE)

    def newline(step: float = LEADING) -> None:
        state["y"] -= step
        if state["y"] < bottom:
            state["col"] += 1
            state["y"] = top
            if state["col"] == columns:
                c.showPage()
                state["page"] += 1
                state["col"] = 0
                furniture()

    def put(x_off: float, text: str, font: str = FONT, size: float = SIZE) -> None:
        c.setFont(font, size)
        c.drawString(margin + state["col"] * (col_w + gap) + x_off, state["y"], text)
        newline(LEADING if size <= SIZE else size * 1.4)

    furniture()
    c.setFont("Times-Bold", 14)
    c.drawString(margin, top + 20, "Acupuncture for peripheral neuropathy: a review")
    for _ in range(2):
        for indent, line in wrap(PROSE, col_w):
            put(indent, line)
        newline()
    put(0, heading, "Times-Bold", 10)
    for i, ref in enumerate(refs, start=1):
        if numbered:
            label = f"[{i}]"
            first = wrap(f"{label} {ref}", col_w, 0, 14)
        else:
            first = wrap(ref, col_w, 0, 10)
        for indent, line in first:
            put(indent, line)
        state["y"] -= 2
    c.showPage()
    c.save()
    return buf.getvalue()


def scanned() -> bytes:
    """A PDF whose page is only an image (as a scanner makes it): no text layer at all."""
    from reportlab.lib.utils import ImageReader

    png = _tiny_png()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(png)), 50, 400, width=400, height=300)
    c.showPage()
    c.save()
    return buf.getvalue()


def _tiny_png() -> bytes:
    import struct
    import zlib

    width, height = 8, 8
    raw = b"".join(b"\x00" + bytes([(x * 30 + y * 20) % 256 for x in range(width)]) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def found_raws(sources) -> list[str]:
    """The raw texts of the sources found, their spacing closed up to single spaces."""
    return [" ".join(s.raw.split()) for s in sources]
