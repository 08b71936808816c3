"""acuref: turn the literature cited in documents into a clean, DOI-resolved bibliography.

Library use::

    import acuref
    ref = acuref.parse_reference("Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.")
    sources = acuref.extract_references(open("page.txt").read())
    result = acuref.run(["refs/"])          # extraction, parsing and deduplication over files and folders
    refs, report = acuref.deduplicate(list_of_references)   # the dedupe stage on its own
    print(acuref.to_csl_json(result.entries))
"""

__version__ = "0.1.0"

from .csl import dumps as to_csl_json  # noqa: E402
from .dedupe import DedupeReport, deduplicate  # noqa: E402
from .documents import Document, load_path as read_document, load_text  # noqa: E402
from .errors import AcurefError, InputError, NetworkError, OutputError, UsageError  # noqa: E402
from .extract import extract_from_lines, extract_references  # noqa: E402
from .model import Date, Entry, Name, Reference, Source, Warning_  # noqa: E402
from .parse import parse_reference  # noqa: E402
from .pipeline import RunResult, run  # noqa: E402

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
