"""The read stage: documents (text, HTML, Markdown, reStructuredText, PDF) into lines, and lines into reference strings."""

from acuref.read.documents import DOCUMENT_SUFFIXES, Document, Line, decode, iter_path, load_path, load_text
from acuref.read.extract import extract_document, extract_from_lines, extract_references, extract_with_report
from acuref.read.judge import judge

__all__ = ["DOCUMENT_SUFFIXES", "Document", "Line", "decode", "extract_document", "extract_from_lines",
           "extract_references", "extract_with_report", "iter_path", "judge", "load_path", "load_text"]
