"""What a Markdown source holds that its page does not print: front matter, HTML comments, site-generator shortcodes.

Static-site generators (Jekyll, Hugo, MkDocs, GitBook) put a YAML block at the top of a page and render its
``title`` as the page's heading; the other keys (dates, layout) are never printed, so a ``date: 2023-12-22`` must
not be read as a one-line reference. HTML comments are not printed either (lists of links are often kept in
them). Hugo's shortcodes (``{{< smallcaps "Name" >}}``) print their quoted arguments or wrap the text between an
opening and a closing one. Each is removed here with the source's line count unchanged, so every line keeps its
number.
"""

from __future__ import annotations

import re

_FRONT_OPEN = frozenset({"---", "+++"})
_FRONT_CLOSE = frozenset({"---", "...", "+++"})
_FRONT_MAX = 200  # a front matter block longer than this is not one (a page that starts with a rule)
_FRONT_TITLE_RE = re.compile(r"^title\s*[:=]\s*(.*?)\s*$", re.IGNORECASE)
_FRONT_KEY_RE = re.compile(r"^[\w.-]+\s*[:=]|^\s+|^-\s|^#|^$")

# {{< name "arg" key="value" >}} or {{% name %}} (Hugo), and their closing forms {{< /name >}}.
_SHORTCODE_RE = re.compile(r"\{\{([<%])\s*(/?)([\w./-]*)((?:\s+(?:[\w-]+=)?(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'%>}]+))*)"
                           r"\s*/?[>%]\}\}")
_QUOTED_RE = re.compile(r"(?<![\w-]=)\"([^\"\n]*)\"|(?<![\w-]=)'([^'\n]*)'")


def front_matter(rows: list[str]) -> tuple[int, str | None]:
    """How many rows the front matter at the top takes (0 when there is none) and the page title it names."""
    if not rows or rows[0].strip() not in _FRONT_OPEN:
        return 0, None
    title = None
    for k in range(1, min(len(rows), _FRONT_MAX)):
        row = rows[k].rstrip()
        if row.strip() in _FRONT_CLOSE:
            return (k + 1, title) if k > 1 else (0, None)
        if not _FRONT_KEY_RE.match(row):
            return 0, None  # prose under a rule: not a front matter block
        m = _FRONT_TITLE_RE.match(row)
        if m and title is None:
            title = m.group(1).strip().strip("\"'").strip() or None
    return 0, None


# A link whose title goes on the next line: [Name](https://…⏎"Title"); its title is never printed.
_OPEN_LINK_RE = re.compile(r"\]\(\s*<?[^()\s<>]+>?[ \t]*$")
_TITLE_REST_RE = re.compile(r"^[ \t]*(?:\"[^\"]*\"|'[^']*')[ \t]*\)")


def joined_links(rows: list[str]) -> set[int]:
    """Links whose title goes on the next row closed on their own row (the title dropped: a page never prints
    it); the rows left with nothing are returned, to be passed over rather than read as blank lines."""
    gone = set()
    for k in range(len(rows) - 1):
        if "](" in rows[k] and _OPEN_LINK_RE.search(rows[k]):
            m = _TITLE_REST_RE.match(rows[k + 1])
            if m:
                rows[k] = rows[k].rstrip() + ")"
                rows[k + 1] = rows[k + 1][m.end():].lstrip()
                if not rows[k + 1].strip():
                    gone.add(k + 1)
    return gone


# "[label]: https://… "title"": a link reference definition (up to three spaces in), and a link that uses one:
# "[text][label]", "[text][]" (the text is the label).
_DEFINITION_RE = re.compile(r"^\s{0,3}\[([^\[\]^][^\[\]]{0,98})\]:\s*<?(\S+?)>?(?:\s+[\"'(].*[\"')])?\s*$")
_FULL_REFERENCE_RE = re.compile(r"(?<![\]\\])\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[([^\[\]]*)\]")


def reference_links(rows: list[str]) -> None:
    """Reference-style links written as inline links (``[text][label]`` → ``[text](target)``), so they print as
    any link does; a label with no definition is left as it stands (Markdown prints it as typed)."""
    targets: dict[str, str] = {}
    for row in rows:
        m = _DEFINITION_RE.match(row) if "]:" in row else None
        if m:
            targets.setdefault(" ".join(m.group(1).lower().split()), m.group(2))
    if not targets:
        return

    def inline(m: re.Match[str]) -> str:
        label = " ".join((m.group(2) or m.group(1)).lower().split())
        target = targets.get(label)
        return f"[{m.group(1)}]({target})" if target else m.group(0)

    for k, row in enumerate(rows):
        if "][" in row:
            rows[k] = _FULL_REFERENCE_RE.sub(inline, row)


def without_comments(text: str) -> str:
    """HTML comments removed, their line breaks kept (so the lines after one keep their numbers)."""
    if "<!--" not in text:
        return text
    out = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break  # an unclosed comment: left as it is (a browser would hide the rest; a reader may not)
        out.append(text[pos:start])
        out.append("\n" * text.count("\n", start, end))
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _shortcode(m: re.Match[str]) -> str:
    closing, name, args = m.group(2), m.group(3).lower(), m.group(4)
    if closing or not args:
        return ""
    printed = " ".join(a or b for a, b in _QUOTED_RE.findall(args))
    if printed and "quote" in name:
        return f"“{printed}”"  # a quotation shortcode prints its argument in quotation marks
    return printed


def without_shortcodes(line: str) -> str:
    """Hugo shortcodes as the text they print: quoted arguments kept, the tags themselves gone."""
    if "{{" not in line:
        return line
    return _SHORTCODE_RE.sub(_shortcode, line)


_FOOTNOTE_DEF_RE = re.compile(r"^\s{0,3}\[\^[^\]\s]{1,20}\]:")


# A line that starts a block of its own even straight after a paragraph: a heading, a code fence, a rule.
_BLOCK_START_RE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s|$)|```|~~~|(?:[-*_]\s*){3,}$)")
_CODE_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")


def footnote_rows(rows: list[str]) -> dict[int, int]:
    """The rows inside footnote definitions (``[^1]: …`` and the indented or run-on lines under it), each with
    the number of its run of definitions: a Markdown renderer prints them as the page's footnotes section, a
    container of notes (references and remarks mixed) as ``<section class="footnotes">`` is in HTML."""
    out: dict[int, int] = {}
    run = 0
    inside = False
    for k, row in enumerate(rows):
        if _FOOTNOTE_DEF_RE.match(row):
            if not inside:
                run += 1
            inside = True
        elif inside and row.strip() and not row.startswith(("    ", "\t")) and (
                not rows[k - 1].strip() or _BLOCK_START_RE.match(row)):
            inside = False  # an unindented paragraph after a blank line, or a heading, fence or rule: they ended
        if inside:
            out[k] = run
    return out


# ":::note", "::: {.callout-tip}", ":::" (Docusaurus, VuePress, pandoc fenced divs) and MkDocs' '!!! tip "Title"'.
_FENCE_RE = re.compile(r"^\s{0,3}:{3,}\s*(?:\{[^{}]*\}|[\w-]+(?:\s+.*)?)?\s*$")
_ADMONITION_RE = re.compile(r"^(\s{0,3})(?:!!!|\?\?\?)\+?\s+[\w-]+(?:\s+(?:\"([^\"]*)\"|'([^']*)'))?\s*$")


def admonitions(rows: list[str]) -> None:
    """Call-out boxes as the page prints them: a fence line (``:::note``, ``:::``) prints nothing, and an MkDocs
    admonition prints its quoted title alone (``!!! tip "Further reading"`` → ``Further reading``), with its
    indented body read as the paragraphs under it."""
    body = False
    code = ""  # the open code fence: what stands inside it is code, printed as it is
    for k, row in enumerate(rows):
        fence = _CODE_FENCE_RE.match(row)
        if fence and (not code or fence.group(1) == code):
            code = "" if code else fence.group(1)
            continue
        if code:
            continue
        if _FENCE_RE.match(row):
            rows[k] = ""
            continue
        m = _ADMONITION_RE.match(row)
        if m:
            rows[k] = m.group(1) + (m.group(2) or m.group(3) or "")
            body = True
        elif body and row.startswith(("    ", "\t")):
            rows[k] = row[4:] if row.startswith("    ") else row[1:]
        elif row.strip():
            body = False
