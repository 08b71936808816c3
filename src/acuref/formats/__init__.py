"""Export and import formats: CSL-JSON, BibTeX, biblatex, RIS, and the bibliography rendered in a CSL style (text,
HTML, Markdown), registered by name and suffix.

A new format is a module with a writer (and a reader, if acuref should read it back) plus one ``register``
line below; the CLI's ``-f``, ``-o`` suffixes and folder walks follow the registry.
"""

from acuref.formats import bibtex, csl, rendered, ris
from acuref.formats.registry import (
                                     Format,
                                     WriteOptions,
                                     choose,
                                     for_suffix,
                                     get,
                                     names,
                                     read_suffixes,
                                     reader_for,
                                     register,
                                     render,
                                     unregister,
)

register(csl.FORMAT)
register(bibtex.BIBTEX)
register(bibtex.BIBLATEX)
register(ris.FORMAT)
register(rendered.TEXT)
register(rendered.HTML)
register(rendered.MARKDOWN)

__all__ = ["Format", "WriteOptions", "choose", "for_suffix", "get", "names", "read_suffixes", "reader_for", "register",
           "render", "unregister"]
