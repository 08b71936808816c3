"""The one door for packaged and XML inputs: ZIP members read within size bounds, XML parsed without entities.

Office files are ZIP archives of XML. A hostile one can claim small sizes and inflate to gigabytes (a zip
bomb), hide its parts behind encryption, or declare entities that expand without end (billion laughs) or
fetch files (XXE). The standard library's ``zipfile`` and ``xml.etree`` do the reading; this module bounds
what they may read and refuses any document type with entity declarations before a parser sees it, so no
third-party XML library is needed (Python's ElementTree never fetches external entities or DTDs).
"""

from __future__ import annotations

import html.entities
import io
import lzma
import re
import zipfile
import zlib
from xml.etree import ElementTree as ET

from acuref.errors import InputError

MAX_MEMBER = 64 * 2**20  # one XML part of a document, uncompressed
MAX_TOTAL = 256 * 2**20  # every part read from one archive together
MAX_RATIO = 200  # a part that inflates more than this (and past 1 MiB) is a bomb, not a document
MAX_XML = 64 * 2**20

_ENTITY_DECL_RE = re.compile(r"<!ENTITY", re.IGNORECASE)
_DOCTYPE_RE = re.compile(r"<!DOCTYPE[^\[>]*>")
_DOCTYPE_BYTES_RE = re.compile(rb"<!DOCTYPE[^\[>]*>")
_ENTITY_REF_RE = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_OWN = frozenset({"amp", "lt", "gt", "quot", "apos"})
_NAMED = {name.rstrip(";"): char for name, char in html.entities.html5.items()
          if name.endswith(";") and not set(char) & set("<>&\"'")}


class Archive:
    """A ZIP archive opened for reading its members by name, every read bounded."""

    def __init__(self, data: bytes, name: str, what: str) -> None:
        self.name, self.what, self.read_so_far = name, what, 0
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            self.infos = {info.filename: info for info in self.zf.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError):
            raise InputError(f"{name}: a damaged {what} (its ZIP structure cannot be read)") from None

    def has(self, member: str) -> bool:
        return member in self.infos

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, member: str) -> bytes | None:
        """A member's bytes (None when absent), refused when encrypted, too large or inflating like a bomb."""
        info = self.infos.get(member)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise InputError(f"{self.name}: an encrypted {self.what} (save it without a password first)")
        if info.file_size > MAX_MEMBER or (info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise InputError(f"{self.name}: a {self.what} whose part {member} inflates to {info.file_size >> 20} MiB; "
                             "not read (a zip bomb?)")
        try:
            with self.zf.open(info) as fh:
                data = fh.read(MAX_MEMBER + 1)  # the header's size may lie: never read past the bound
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, NotImplementedError, RuntimeError, ValueError, OSError,
                EOFError) as err:  # a damaged stream fails inside the decompressor, with its own error
            raise InputError(f"{self.name}: a damaged {self.what} (part {member}: {err})") from None
        self.read_so_far += len(data)
        if len(data) > MAX_MEMBER or self.read_so_far > MAX_TOTAL:
            raise InputError(f"{self.name}: a {self.what} that inflates past {MAX_TOTAL >> 20} MiB; not read (a zip bomb?)")
        return data


def parse_xml(data: bytes | str, name: str, what: str) -> ET.Element:
    """The root of an XML document; a document type that declares entities, or broken XML, is refused in a line.

    Named HTML entities in text (``&nbsp;``, common in JATS whose DTD is not read) are taken as their characters.
    """
    if len(data) > MAX_XML:
        raise InputError(f"{name}: a {what} of more than {MAX_XML >> 20} MiB of XML; not read")
    head = data[:65536] if isinstance(data, str) else data[:65536].decode("utf-8", "replace")
    text_doctype = head.find("<!DOCTYPE")
    if text_doctype >= 0 and _ENTITY_DECL_RE.search(data if isinstance(data, str) else data.decode("utf-8", "replace")):
        raise InputError(f"{name}: a {what} that declares XML entities; not read (entity expansion is refused)")
    # A document type without an internal subset only names a DTD, which is never read: dropped, so that a
    # sloppy declaration (a public id without its system id) does not cost the document.
    data = _DOCTYPE_RE.sub("", data, count=1) if isinstance(data, str) else _DOCTYPE_BYTES_RE.sub(b"", data, count=1)
    if isinstance(data, str):  # HTML's named entities (JATS uses them; its DTD is never read) as their characters
        data = _ENTITY_REF_RE.sub(lambda m: _NAMED.get(m.group(1), m.group(0)) if m.group(1) not in _XML_OWN
                                  else m.group(0), data)
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        return parser.close()
    except (ET.ParseError, LookupError, ValueError) as err:  # LookupError: an encoding declaration Python lacks
        raise InputError(f"{name}: a damaged {what} (broken XML: {err})") from None


def local(tag: object) -> str:
    """An element's tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
