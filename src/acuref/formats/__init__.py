"""Export and import formats: CSL-JSON, BibTeX, biblatex, RIS, registered by name and suffix.

A new format is a module with a writer (and a reader, if acuref should read it back) plus one ``register``
line below; the CLI's ``-f``, ``-o`` suffixes and folder walks follow the registry.
"""

from acuref.formats import bibtex, csl, ris
from acuref.formats.registry import (
                                     Format,
                                     WriteOptions,
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

__all__ = ["Format", "WriteOptions", "for_suffix", "get", "names", "read_suffixes", "reader_for", "register",
           "render", "unregister"]
