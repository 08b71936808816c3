"""Wiring the stages: paths → documents → reference strings → references → entries.

Only this module and the CLI touch the file system for input; every stage it calls is pure.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from acuref import decisions, formats, records
from acuref.dedupe.stage import DedupeReport, deduplicate
from acuref.errors import InputError
from acuref.formats.keys import assign_keys
from acuref.model import Entry, Reference, Skipped, Source, Warning_, require_items
from acuref.normalize.identifiers import incomplete_doi
from acuref.normalize.language import detect_reference
from acuref.normalize.text import clean
from acuref.parse.learned import prepare as prepare_model
from acuref.parse.orgs import same_authors
from acuref.parse.rules import parse_reference
from acuref.read import kinds, latexinput
from acuref.read.documents import DOCUMENT_SUFFIXES, Document, decode, iter_path, read_input
from acuref.read.extract import extract_with_report
from acuref.resolve.backend import Resolver
from acuref.resolve.crossref import CrossrefClient
from acuref.resolve.stage import resolve
from acuref.settings import Settings


def input_suffixes() -> frozenset[str]:
    """What a folder walk reads: documents, the registered input kinds, and bibliographies with a reader."""
    return DOCUMENT_SUFFIXES | kinds.suffixes() | formats.read_suffixes()


def read_bibliography(path: str) -> tuple[list[Reference], list[Warning_]]:
    """Read an existing .bib, .ris or CSL-JSON file into references (entries keep their keys as labels)."""
    p = Path(path)
    text, _, notes = decode(read_input(path), path)
    load = formats.reader_for(p.suffix)
    assert load is not None, path  # callers ask only for suffixes with a reader
    refs, warnings = load(text, path)
    return refs, [Warning_(n, path) for n in notes] + warnings


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run produced: the entries in output order, warnings, inputs that failed, and the dedupe report."""

    entries: tuple[Entry, ...]
    warnings: tuple[Warning_, ...]
    failed_inputs: tuple[str, ...]
    dedupe: DedupeReport | None = None
    skipped: tuple[Skipped, ...] = ()  # candidates in reference sections that were not taken, with the reason
    documents: int = 0  # inputs opened and read (documents and bibliographies), the failed ones among them


_OWN_OUTPUTS = (  # how each of acuref's own outputs begins, and what it is
    (re.compile(rb'\A\s*\{\s*"acuref_version"'), "an acuref --report"),
    (re.compile(rb'\A\s*\{\s*"acuref_decisions"'), "an acuref decisions file"),
    (re.compile(rb'\A\s*<!doctype html>.{0,400}<meta name="generator" content="acuref', re.I | re.S),
     "an acuref review page (--report-html)"),
)


def own_output(path: str) -> str | None:
    """What acuref output a file is (a report, a decisions file, a review page), from its first bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None
    return next((what for shape, what in _OWN_OUTPUTS if shape.match(head)), None)


def expand_paths(paths: Iterable[str], exclude: Collection[str] = ()) -> Iterator[str | DocumentResult]:
    """Each document path to read (folders walked in sorted order), or the settled result of an input that
    cannot be: a problem (failed), or a file of acuref's own output met in a walk (passed over with a note).

    ``exclude`` holds the real paths of the run's own outputs: a walk never reads them back.
    """
    wanted = input_suffixes()
    for path in paths:
        if path == "-":
            yield path
            continue
        if os.path.isdir(path):  # os.path answers False where Path raises (a name too long for the system)
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                covered = {c for name in files if name.lower().endswith(".aux") for c in latexinput.covered(
                    str(Path(root) / name))}
                for name in sorted(files):
                    full, suffix = str(Path(root) / name), Path(name).suffix.lower()
                    if name.startswith(".") or suffix not in wanted:
                        refused = _refused(full) if suffix in kinds.refused_suffixes() else None
                        if refused:
                            yield DocumentResult(full, warnings=(Warning_(f"{refused}; not read", full),))
                        continue
                    found = True
                    if os.path.realpath(full) in exclude:
                        continue
                    if full in covered:
                        yield DocumentResult(full, warnings=(Warning_(
                            f"{full}: passed over; the .aux beside it names exactly the entries cited", full),))
                        continue
                    what = own_output(full)
                    if what:
                        yield DocumentResult(full, warnings=(Warning_(f"{full}: {what}, not an input; not read", full),))
                    else:
                        yield full
            if not found:
                yield _unusable(Warning_(f"{path}: no documents found in this folder "
                                         f"(looked for {', '.join(sorted(wanted))})", path))
        elif not os.path.exists(path):
            yield _unusable(Warning_(f"{path}: no such file or directory", path))
        elif os.path.isfile(path) and (what := own_output(path)):
            yield _unusable(Warning_(f"{path}: {what}, not an input", path))
        else:
            yield path


def _refused(path: str) -> str | None:
    """Why a file of a refused kind met in a folder walk is not read (None: its content is readable after all,
    as Word's HTML saved under .doc is — but a walk reads only the suffixes it knows)."""
    try:
        with open(path, "rb") as fh:
            kinds.refuse(path, fh.read(kinds.SNIFF_BYTES))
    except (InputError, OSError) as err:
        return str(err) if isinstance(err, InputError) else None
    return None


def _unusable(problem: Warning_) -> DocumentResult:
    return DocumentResult(problem.file or "", warnings=(problem,), failed=True)


def read_document(doc: Document) -> tuple[list[Reference], list[Skipped]]:
    """Extract and parse every reference in one document, each with its provenance, and the candidates in
    its reference sections that were not taken as references (with the reason).

    Exact records the document carries (citation fields, JATS, biblatex) come first, unparsed; strings its
    kind delimits itself (a .bbl item, a JATS text citation) are parsed; a typed reference a record
    explains is the same work and is not repeated."""
    sources, skipped = extract_with_report(doc) if doc.extract else ([], [])
    exact = [records.from_record(r, doc.name) for r in doc.records]
    prepare_model([src.raw for src in (*doc.strings, *sources)])  # the neural reader tags them together
    refs = []
    for src in (*doc.strings, *sources):
        src = replace(src, file=doc.name)
        refs.append(_parsed(src))
    # "———." repeats the authors before it, within its own list: the strings the document delimits, or those found
    cut = len(doc.strings)
    refs = same_authors(refs[:cut], [src.raw for src in doc.strings]) + same_authors(
        refs[cut:], [src.raw for src in sources])
    if exact:
        refs = [r for r in refs if not records.explained(r, exact)]
    return exact + refs, [replace(s, file=doc.name) for s in skipped]


def parse_lines(text: str, name: str) -> list[Reference]:
    """``--one-per-line``: every non-empty line is one reference string, kept in order."""
    refs = []
    prepare_model([line for line in text.splitlines() if line.strip()])
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            src = Source(line.strip(), number, number, None, "line", name)
            refs.append(_parsed(src))
    return same_authors(refs, [ref.sources[0].raw for ref in refs])


def _parsed(src: Source) -> Reference:
    """One string's reading, with the language of the work it cites where the reader set none (judged from the
    string itself, never from the document: a Dutch page may cite English papers)."""
    ref = parse_reference(src.raw)
    if ref.language is None:
        ref = replace(ref, language=detect_reference(ref.title, src.raw))
    return replace(ref, sources=(src,))


def to_entries(refs: list[Reference], key_pattern: str | None = None) -> tuple[Entry, ...]:
    """The entries of ``refs`` in order, keyed by ``key_pattern`` (``--key-pattern``) or the default keys."""
    return tuple(Entry(key, ref) for key, ref in zip(assign_keys(refs, key_pattern), refs))


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What one input file gave: its references (parsed, with their sources), warnings and skipped candidates.

    The per-document step's output: plain frozen data, so it pickles and a cluster can send it home.
    """

    path: str
    references: tuple[Reference, ...] = ()
    warnings: tuple[Warning_, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    failed: bool = False


def read_path(path: str) -> DocumentResult:
    """The per-document step: one file (a document or a bibliography) read, its references found and parsed.

    Pure apart from reading the file; bad input is a warning in the result, never an exception.
    """
    if formats.reader_for(Path(path).suffix):
        try:
            found, problems = read_bibliography(path)
        except InputError as err:
            return DocumentResult(path, warnings=(Warning_(str(err), path),), failed=True)
        return DocumentResult(path, tuple(found), tuple(problems))
    warnings: list[Warning_] = []
    found: list[Reference] = []
    passed_over: list[Skipped] = []
    text_seen = False
    try:
        for doc in iter_path(path):  # a large file comes in windows: memory stays bounded
            warnings.extend(Warning_(note, path) for note in doc.notes)
            text_seen = text_seen or any(line.text.strip() for line in doc.lines) or bool(
                doc.records or doc.strings or doc.cites) or doc.format == "aux"  # an .aux that cites nothing
            got, passed = read_document(doc)
            unexplained = sum(1 for r in got if r.sources[0].kind != "field") if doc.records and doc.extract else 0
            if unexplained:
                warnings.append(Warning_(f"{path}: {unexplained} typed reference{'s' if unexplained > 1 else ''} "
                                         "that no citation field explains; parsed and kept", path))
            if doc.cites or doc.libraries:
                cited, problems = records.cited_entries(doc)
                got.extend(cited)
                warnings.extend(problems)
            found.extend(got)
            passed_over.extend(passed)
    except InputError as err:
        return DocumentResult(path, warnings=(*warnings, Warning_(str(err), path)), failed=True)
    name = "<stdin>" if path == "-" else path
    if not text_seen:
        return DocumentResult(name, warnings=(*warnings, Warning_(f"{name}: empty document, nothing to read", name)),
                              failed=True)
    warnings += _document_warnings(name, found, passed_over)
    return DocumentResult(name, tuple(found), tuple(warnings), tuple(passed_over))


def _document_warnings(name: str, found: list[Reference], passed_over: list[Skipped]) -> list[Warning_]:
    out = []
    if not found:
        out.append(_nothing_found(name))
    if passed_over:
        out.append(skipped_note(name, len(passed_over)))
    for ref in found:
        src = ref.sources[0]
        if not ref.parsed:
            out.append(Warning_("reference could not be parsed; kept as printed", src.file, src.line))
        cut = incomplete_doi(clean(src.raw)) if not ref.DOI and "10." in src.raw else None
        if cut:
            out.append(Warning_(f"reference prints an incomplete DOI {cut!r}; no DOI kept", src.file, src.line))
    return out


def _nothing_found(name: str) -> Warning_:
    return Warning_(f"{name}: no references found", name)


def skipped_note(name: str, n: int) -> Warning_:
    """The warning a document with ``n`` skipped candidates gets."""
    return Warning_(f"{name}: {n} candidate{'s' if n > 1 else ''} in a reference section not "
                    f"taken as {'references' if n > 1 else 'a reference'} (see 'skipped' in --report)", name)


def recount_skipped(warnings: Iterable[Warning_], before: Sequence[Skipped], after: Sequence[Skipped],
                    ) -> list[Warning_]:
    """The documents' warnings after a curator took some skipped candidates as references after all: each
    changed count said again with what is left, and a document that has references now no longer said to
    have none."""
    if len(before) == len(after):
        return list(warnings)
    was, now = Counter(s.file for s in before), Counter(s.file for s in after)
    changed = [f for f, n in was.items() if f and now[f] != n]
    said: dict[Warning_, Warning_ | None] = {_nothing_found(f): None for f in changed}
    said.update({skipped_note(f, was[f]): skipped_note(f, now[f]) if now[f] else None for f in changed})
    return [w for w in (said.get(w, w) for w in warnings) if w is not None]


def corpus(results: Iterable[DocumentResult], *, resolver: Resolver | CrossrefClient | None = None,
           settings: Settings = Settings(resolver=None), progress: Callable[[int], None] | None = None,
           on_total: Callable[[int], None] | None = None, warnings: Iterable[Warning_] = ()) -> RunResult:
    """The corpus step over every document's result: resolve (with ``resolver``, else the one ``settings``
    names, built here), deduplicate, assign citation keys."""
    results = list(results)
    everything = [s for r in results for s in r.skipped]
    first = decisions.before([ref for r in results for ref in r.references], everything, settings.decisions)
    refs = first.refs
    opened: list[Warning_] = []
    if resolver is None and settings.resolver is not None and refs:
        resolver, opened = settings.make_resolver()  # built here, in the process that runs the corpus step
    notes = [*warnings, *opened, *recount_skipped((w for r in results for w in r.warnings), everything, first.passed),
             *first.warnings]
    if resolver is not None and refs:
        if on_total:
            on_total(len(refs))
        refs, problems = resolve(refs, resolver, progress=progress, keep_suspect_doi=settings.keep_suspect_doi)
        notes.extend(problems)
    refs = decisions.after(refs, first.decided, settings.decisions.source)
    report = None
    if settings.dedupe and refs:
        pairs, gone = decisions.constraints(refs, settings.decisions)
        notes.extend(gone)
        refs, report = deduplicate(refs, pause_gc=settings.pause_gc, constraints=pairs)
    failures = tuple(r.path for r in results if r.failed)
    return RunResult(to_entries(refs, settings.key_pattern), tuple(notes), failures, report, first.skipped)


def run(paths: Iterable[str], *, settings: Settings | None = None, client: Resolver | CrossrefClient | None = None,
        dedupe: bool = True, progress: Callable[[int], None] | None = None,
        on_total: Callable[[int], None] | None = None, on_document: Callable[[str], None] | None = None,
        keep_suspect_doi: bool = False, exclude: Collection[str] = ()) -> RunResult:
    """Run extraction, parsing, resolution and deduplication over files and folders, keeping going past bad inputs.

    ``settings`` decides everything (the corpus step builds its resolver unless ``client`` gives one); without it,
    ``client``, ``dedupe`` and ``keep_suspect_doi`` do, and nothing is resolved without a ``client``.
    ``exclude``: real paths of the run's own outputs, never read back from a folder.
    """
    require_items("run", "paths", paths, (str, os.PathLike))
    paths = [os.fspath(p) for p in paths]
    if settings is None:
        settings = Settings(resolver=None, dedupe=dedupe, keep_suspect_doi=keep_suspect_doi)
    results = []
    read = 0
    for path in expand_paths(paths, exclude):
        if isinstance(path, DocumentResult):
            results.append(path)
            continue
        if on_document and not formats.reader_for(Path(path).suffix):
            on_document(path)
        results.append(read_path(path))
        read += 1
    done = corpus(results, resolver=client, settings=settings, progress=progress, on_total=on_total)
    return replace(done, documents=read)
