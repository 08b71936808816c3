"""The command line: ``acuref export``, ``acuref parse``, ``acuref extract``."""

from __future__ import annotations

import argparse
import difflib
import errno
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from acuref import decisions, formats, output
from acuref._version import __version__
from acuref.errors import AcurefError, InputError, OutputError, UsageError
from acuref.cli_decisions import beside, chosen_decisions, named_decisions
from acuref.finish import check_summary, finish, targets, warn
from acuref.formats.keypattern import compile_pattern
from acuref.model import Warning_
from acuref.output import Target, display, write_atomic
from acuref.parse import learned
from acuref.pipeline import RunResult, parse_lines, run, to_entries
from acuref.read import kinds
from acuref.read.documents import load_path
from acuref.report import html as report_html
from acuref.report import summary as report
from acuref.resolve import opensearch, snapshot
from acuref.resolve.backend import backend, parse_spec
from acuref.resolve.cache import default_path
from acuref.decisions import Decisions
from acuref.settings import Settings


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("allow_abbrev", False)  # "--no-resolv" must not quietly mean "--no-resolve"
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, no usage dump, exit code 2
        hint = ""
        m = re.search(r"unrecognized arguments: (\S+)", message)
        if m:
            parsers = [self] + [sp for a in self._actions if isinstance(a, argparse._SubParsersAction)
                                for sp in a.choices.values()]
            options = sorted({o for p in parsers for a in p._actions for o in a.option_strings})
            close = difflib.get_close_matches(m.group(1).split("=")[0], options, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
        where = f"acuref {self.prog.split()[-1]} --help" if " " in self.prog else "acuref --help"
        raise UsageError(f"{message}{hint} (see '{where}')")


def _add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", help=f"output format: {', '.join(formats.names())} (default: from -o's suffix .bib/.ris/.json/.txt/.html/.md, else csl-json)")
    p.add_argument("--style", metavar="NAME|FILE.csl", help="with -f text, html or markdown: the CSL style (default "
                   f"apa; alone it means -f text): {', '.join(formats.rendered.style_names())}, or a CSL file")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output); written atomically")
    p.add_argument("--ascii", action="store_true", help="BibTeX: write non-ASCII letters as LaTeX accents (Schr{\\\"o}der)")
    p.add_argument("--report", metavar="FILE", help="write a JSON report of sources, statuses and warnings")
    p.add_argument("--report-html", metavar="FILE", help="write a self-contained HTML review page")
    p.add_argument("--json-summary", metavar="FILE",
                   help="write the run's summary as JSON ('-': standard output, when -o is a file)")
    p.add_argument("-q", "--quiet", action="store_true", help="print no warnings and no summary")


def _input_kinds() -> str:
    """The registered input kinds, one line each, for ``--help`` (the registry is the one list)."""
    rows = [f"  {', '.join(k.suffixes):<22} {k.summary}" for k in kinds.kinds()]
    return "input kinds beside text, Markdown, reST, HTML and PDF:\n" + "\n".join(rows) + (
        "\n.doc, .rtf and encrypted Office files are refused: save them as .docx, .odt or HTML first.")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="acuref", description="Turn the literature cited in documents into a clean bibliography.")
    parser.add_argument("--version", action="version", version=f"acuref {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (_export_parser, _parse_parser, _index_parser, _review_parser, _decisions_parser, _extract_parser):
        add(sub)
    return parser


def _kinds_help() -> dict[str, Any]:
    return {"epilog": _input_kinds(), "formatter_class": argparse.RawDescriptionHelpFormatter}


def _export_parser(sub: Any) -> None:
    exp = sub.add_parser("export", help="find, parse and export every cited work in files and folders",
                         **_kinds_help())
    exp.add_argument("paths", nargs="+", metavar="PATH",
                     help="documents (text, Markdown, reST, HTML, PDF and the input kinds below), bibliographies "
                          "(.bib .ris .json) or folders ('-' reads standard input)")
    _add_resolver_options(exp)
    exp.add_argument("--no-dedupe", action="store_true", help="keep every citation as its own entry (no merging)")
    exp.add_argument("--engine", choices=("inprocess", "dask"), default="inprocess",
                     help="inprocess (default) or dask: the same stages on a Dask cluster (pip install 'acuref[dask]')")
    exp.add_argument("--scheduler", metavar="ADDRESS", default=None,
                     help="with --engine dask: a running Dask scheduler (tcp://host:8786); default: a LocalCluster")
    exp.add_argument("--workers", type=int, metavar="N", default=None,
                     help="with --engine dask and no --scheduler: LocalCluster worker processes (default: 2)")
    exp.add_argument("--fast-gc", action="store_true",
                     help="pause Python's garbage collector while merging (faster on millions of references)")
    exp.add_argument("--decisions", metavar="FILE", default=None,
                     help="a curator's decisions (JSON) to apply: chosen or rejected DOIs, field corrections, "
                          "'not a reference' (default: acuref.decisions.json beside the output, if there)")
    exp.add_argument("--keep-suspect-doi", action="store_true",
                     help="export a printed DOI Crossref does not confirm as the DOI (default: it goes to the note)")
    _add_output_options(exp)
    _add_key_options(exp)


def _add_resolver_options(exp: argparse.ArgumentParser) -> None:
    exp.add_argument("--no-resolve", action="store_true", help="do not ask Crossref for DOIs (offline)")
    exp.add_argument("--resolver", metavar="SPEC", default="crossref",
                     help="where DOIs come from: crossref (default), local:PATH (a snapshot index built with "
                          "'acuref index build'), opensearch:URL/INDEX (an index loaded with 'acuref index build "
                          "--opensearch'), pubmed (NCBI ECitMatch), or several asked in turn, "
                          "e.g. local:PATH,crossref or pubmed,crossref")
    exp.add_argument("--ncbi-api-key", metavar="KEY", default=os.environ.get("NCBI_API_KEY"),
                     help="NCBI E-utilities API key for --resolver pubmed: 10 requests/s instead of 3; env NCBI_API_KEY")
    exp.add_argument("--ncbi-url", metavar="URL", default=None,
                     help="NCBI's address for --resolver pubmed, e.g. a mirror or a test server: E-utilities "
                          "at URL/entrez/eutils/, the ID converter at URL/pmc/utils/idconv/v1.0/ (env ACUREF_NCBI_URL)")
    exp.add_argument("--mailto", metavar="EMAIL", default=os.environ.get("ACUREF_MAILTO"),
                     help="your e-mail: Crossref's polite pool (faster, more concurrency); env ACUREF_MAILTO")
    exp.add_argument("--crossref-url", metavar="URL", default=None,
                     help="Crossref API base URL, e.g. a local mirror (env ACUREF_CROSSREF_URL)")
    exp.add_argument("--cache", metavar="PATH", default=None,
                     help="SQLite cache of Crossref answers (default: the user cache folder, env ACUREF_CACHE)")
    exp.add_argument("--no-cache", action="store_true", help="neither read nor write the Crossref cache")


def _parse_parser(sub: Any) -> None:
    par = sub.add_parser("parse", help="parse reference strings (one per line with --one-per-line)")
    par.add_argument("file", metavar="FILE", help="a file of reference strings, or '-' for standard input")
    par.add_argument("--one-per-line", action="store_true", help="every non-empty line is one reference")
    _add_output_options(par)
    _add_key_options(par)


def _add_key_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key-pattern", metavar="PATTERN",
                   help="citation keys (BibTeX, biblatex) and CSL-JSON ids from a Better BibTeX pattern, e.g. "
                        "'[auth:lower][year][shorttitle3_3]' (default: [auth:lower][shorttitle3_3][year]-like keys; "
                        "see docs/keys.md)")


def _key_pattern(args: argparse.Namespace) -> str | None:
    """The --key-pattern given, checked before any work (a bad one is one line, exit 2)."""
    if args.key_pattern is not None:
        compile_pattern(args.key_pattern)
    return args.key_pattern


def _index_parser(sub: Any) -> None:
    idx = sub.add_parser("index", help="a local snapshot index of Crossref metadata (--resolver local:PATH)")
    isub = idx.add_subparsers(dest="index_command", metavar="ACTION", parser_class=_Parser, required=True)
    build = isub.add_parser("build", help="read Crossref work records (JSON Lines or the public data file's JSON, "
                                          "gzipped or not) into an index file")
    build.add_argument("works", nargs="+", metavar="WORKS", help="files of Crossref work records (.jsonl[.gz], .json[.gz])")
    build.add_argument("-o", "--output", default="crossref-snapshot.sqlite",
                       help="the index file to write (default: crossref-snapshot.sqlite); written atomically")
    build.add_argument("--opensearch", metavar="URL/INDEX",
                       help="load the records into this OpenSearch index (http://HOST:9200/INDEX) instead of a "
                            "file, for --resolver opensearch:URL/INDEX")
    build.add_argument("-q", "--quiet", action="store_true")


def _review_parser(sub: Any) -> None:
    rev = sub.add_parser("review", help="decide on a run's references that need attention, on the terminal")
    rev.add_argument("report", metavar="REPORT", help="the --report JSON of an export")
    rev.add_argument("--decisions", metavar="FILE", default=None,
                     help="the decisions file to add to (default: acuref.decisions.json beside REPORT)")


def _url(given: str | None, flag: str, variable: str) -> str | None:
    """A service's base URL from its option, else its environment variable; one that is not http(s) is a
    usage error."""
    url = given or os.environ.get(variable)
    if url and not re.match(r"https?://[^/\s]", url):
        raise UsageError(f"{flag} (or {variable}) {url!r} is not an http:// or https:// URL")
    return url


def _decisions_parser(sub: Any) -> None:
    dec = sub.add_parser("decisions", help="a curator's decisions file (--decisions)")
    dsub = dec.add_subparsers(dest="decisions_command", metavar="ACTION", parser_class=_Parser, required=True)
    train = dsub.add_parser("export-training", help="the file's field corrections as annotated strings for "
                                                    "'python -m tools.train --extra FILE' (JSON lines)")
    train.add_argument("file", metavar="FILE", help="a decisions file")
    train.add_argument("-o", "--output", default="-", help="where to write (default: standard output)")


def _extract_parser(sub: Any) -> None:
    ext = sub.add_parser("extract", help="list the reference strings found in documents, as JSON",
                         description="List the reference strings found in documents, with where each was found "
                                     "(file, lines, label, kind), as a JSON array: the strings only (for fields and DOIs, use "
                                     "'acuref export').",
                         **_kinds_help())
    ext.add_argument("paths", nargs="+", metavar="PATH",
                     help="documents (text, Markdown, reST, HTML, PDF and the input kinds below) or folders "
                          "('-' reads standard input)")
    ext.add_argument("-o", "--output", default="-",
                     help="the JSON file to write (default: standard output); written atomically")
    ext.add_argument("--report", metavar="FILE",
                     help="write the JSON report of the run too: each string's sources, the candidates skipped "
                          "(with the reason) and the warnings")
    ext.add_argument("--json-summary", metavar="FILE",
                     help="write the run's summary as JSON ('-': standard output, when -o is a file)")
    ext.add_argument("-q", "--quiet", action="store_true", help="print no warnings and no summary")


def _format(args: argparse.Namespace) -> str:
    name = formats.choose(args.format, args.output, args.style)
    formats.rendered.check(name, args.style)  # a style with a data format, or a bad style: exit 2 before any work
    return name


def _outputs(args: argparse.Namespace, result: RunResult, kept: Decisions = Decisions()) -> list[tuple[str, str]]:
    """The main output and the reports, rendered: the main one first."""
    fmt = _format(args)
    outputs = [(args.output, formats.render(result.entries, fmt, ascii_only=getattr(args, "ascii", False),
                                               style=args.style))]
    if args.report:
        outputs.append((args.report, report.dumps(result.entries, result.warnings, result.dedupe, result.skipped)))
    if getattr(args, "report_html", None):
        outputs.append((args.report_html, report_html.render(result.entries, result.warnings, result.dedupe,
                                                             skipped=result.skipped, kept=kept)))
    return outputs


def _refuse_if_nothing_read(args: argparse.Namespace, result: RunResult, n_inputs: int) -> None:
    """When every input failed, nothing is written: the last problem is the error line, the others warnings."""
    if result.failed_inputs and not result.entries and len(result.failed_inputs) >= n_inputs:
        warn(result.warnings[:-1], args.quiet)
        raise InputError(result.warnings[-1].message)


def settings_from(args: argparse.Namespace) -> Settings:
    """The run's settings from the command line and the environment (the only place acuref reads it)."""
    cache = None if args.no_cache else str(args.cache or default_path(os.environ))
    for name, _ in parse_spec(args.resolver):
        backend(name)  # an unknown resolver is a usage error before any work is done
    url = _url(args.crossref_url, "--crossref-url", "ACUREF_CROSSREF_URL")
    return Settings(resolver=None if args.no_resolve else args.resolver, mailto=args.mailto,
                    ncbi_api_key=args.ncbi_api_key, ncbi_url=_url(args.ncbi_url, "--ncbi-url", "ACUREF_NCBI_URL"),
                    crossref_url=url, cache_path=cache,
                    dedupe=not args.no_dedupe, keep_suspect_doi=args.keep_suspect_doi, pause_gc=args.fast_gc,
                    decisions=chosen_decisions(args), key_pattern=_key_pattern(args))


def cmd_export(args: argparse.Namespace) -> int:
    check_summary(args)
    _format(args)  # a wrong format (or an output that would clobber an input) is a usage error before any work
    output.check(targets(args), [*args.paths, args.decisions or str(beside(args))])
    settings = settings_from(args)
    quiet = args.quiet or not sys.stderr.isatty()
    docs = tqdm(unit="doc", desc="reading", file=sys.stderr, leave=False, disable=quiet)
    bar = tqdm(total=0, unit="ref", desc="resolving", file=sys.stderr, leave=False, disable=quiet)
    if args.engine != "dask" and (args.scheduler or args.workers is not None):
        raise UsageError("--scheduler and --workers go with --engine dask")
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers {args.workers}: a cluster needs at least one worker")
    try:
        if args.engine == "dask":
            from acuref import dask_engine

            result = dask_engine.run(args.paths, settings=settings, scheduler=args.scheduler, workers=args.workers,
                                     exclude=output.excluded(targets(args)))
        else:
            result = run(args.paths, settings=settings, progress=bar.update, exclude=output.excluded(targets(args)),
                         on_total=lambda n: (docs.close(), bar.reset(total=n)), on_document=lambda p: docs.update(1))
    finally:
        docs.close()
        bar.close()
    _refuse_if_nothing_read(args, result, len(args.paths))
    return finish(args, result, _outputs(args, result, settings.decisions))


def cmd_parse(args: argparse.Namespace) -> int:
    check_summary(args)
    _format(args)
    _key_pattern(args)
    output.check(targets(args), [args.file])
    if args.one_per_line:
        doc_text = _read_text(args.file)
        refs = parse_lines(doc_text, "<stdin>" if args.file == "-" else args.file)
        warnings = tuple(Warning_("reference could not be parsed; kept as printed", r.sources[0].file, r.sources[0].line)
                         for r in refs if not r.parsed)
        result = RunResult(to_entries(refs, _key_pattern(args)), warnings, (), documents=1)
        return finish(args, result, _outputs(args, result))
    result = run([args.file], settings=Settings(resolver=None, key_pattern=_key_pattern(args)))
    _refuse_if_nothing_read(args, result, 1)
    return finish(args, result, _outputs(args, result))


def _read_text(path: str) -> str:
    doc = load_path(path)  # decoding rules and binary checks shared with documents
    return "\n".join(line.text for line in doc.lines)


def cmd_extract(args: argparse.Namespace) -> int:
    check_summary(args)
    output.check(targets(args), args.paths)
    result = run(args.paths, exclude=output.excluded(targets(args)))
    out = [report.source_to_json(s) for e in result.entries for s in e.ref.sources]
    outputs = [(args.output, json.dumps(out, ensure_ascii=False, indent=2) + "\n")]
    if args.report:  # the warnings' "see 'skipped' in --report" is true of extract too
        outputs.append((args.report, report.dumps(result.entries, result.warnings, result.dedupe, result.skipped)))
    return finish(args, result, outputs)


def cmd_index(args: argparse.Namespace) -> int:
    if not args.opensearch:
        output.check([Target("-o", args.output)], args.works)
    for path in args.works:
        if not os.path.isfile(path):
            raise InputError(f"{path}: no such file")
    if args.opensearch:
        built = opensearch.build(args.works, args.opensearch)
        where = args.opensearch
    else:
        built = snapshot.build(args.works, args.output)
        where = f"{built.bytes / 1e6:.1f} MB: {args.output}"
    if not args.quiet:
        print(f"acuref: indexed {built.works:,} works ({built.duplicates:,} repeated DOIs skipped) in "
              f"{built.seconds:.1f} s, {where}", file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from acuref import review_terminal

    target = args.decisions or str(Path(args.report).parent / decisions.FILE_NAME)
    output.check([Target("--decisions", target)], [args.report])
    review_terminal.review(args.report, target)
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    from acuref import training

    output.check([Target("-o", args.output)], [args.file])
    got = named_decisions(args.file)
    write_atomic(args.output, training.export(got))
    warn(got.problems, False)
    return 0


def _choose_parser() -> None:
    """ACUREF_PARSER=crf|neural: the learned reader (issue 25) for this process and the workers it forks."""
    name = os.environ.get("ACUREF_PARSER")
    if name:
        try:
            learned.use_reader(name)
        except ValueError as err:
            raise UsageError(f"ACUREF_PARSER: {err}") from None


def main(argv: list[str] | None = None) -> int:
    # bibtexparser logs each broken block over several lines of stderr; acuref says it in one warning line
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help(sys.stderr)
            return UsageError.exit_code
        _choose_parser()
        return {"export": cmd_export, "parse": cmd_parse, "extract": cmd_extract, "index": cmd_index,
                "decisions": cmd_decisions, "review": cmd_review}[args.command](args)
    except AcurefError as err:
        print(display(f"acuref: error: {err}"), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("acuref: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as err:
        # Output files go through acuref.output (their errors are OutputErrors); what is left is the terminal:
        # `acuref review … > /dev/full`. A full disk there is the output failing, in one line.
        if err.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more is flushed into it at exit
        print(display(f"acuref: error: standard output: cannot write: {err.strerror or err}"), file=sys.stderr)
        return OutputError.exit_code
