"""acuref: turn the literature cited in documents into a clean, DOI-resolved bibliography.

Library use::

    import acuref
    ref = acuref.parse_reference("Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.")
    sources = acuref.extract_references(open("page.txt").read())
    result = acuref.run(["refs/"])          # extraction, parsing and deduplication over files and folders
    refs, report = acuref.deduplicate(list_of_references)   # the dedupe stage on its own
    print(acuref.to_csl_json(result.entries))
"""

from acuref._version import __version__
from acuref.dedupe import DedupeReport, deduplicate
from acuref.errors import AcurefError, InputError, NetworkError, OutputError, UsageError
from acuref.formats.csl import dumps as to_csl_json
from acuref.model import Date, Entry, Name, Reference, Source, Warning_
from acuref.parse import parse_reference
from acuref.pipeline import RunResult, run
from acuref.read import Document, extract_from_lines, extract_references, load_text
from acuref.read import load_path as read_document

__all__ = [
    "AcurefError",
    "Date",
    "DedupeReport",
    "Document",
    "Entry",
    "InputError",
    "Name",
    "NetworkError",
    "OutputError",
    "Reference",
    "RunResult",
    "Source",
    "UsageError",
    "Warning_",
    "__version__",
    "deduplicate",
    "extract_from_lines",
    "extract_references",
    "load_text",
    "parse_reference",
    "read_document",
    "run",
    "to_csl_json",
]
