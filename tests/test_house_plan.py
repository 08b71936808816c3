"""The house plan: formats and resolvers plug in by registry, stages pickle, and the layout keeps its order."""

from __future__ import annotations

import ast
import pickle
from collections.abc import Sequence
from pathlib import Path

import pytest

from acuref import formats
from acuref.cli import main
from acuref.formats import Format, WriteOptions
from acuref.model import Entry
from conftest import REFS, ROOT

SRC = ROOT / "src" / "acuref"


def _toy_dump(entries: Sequence[Entry], options: WriteOptions) -> str:
    """One line per work: key, year, title."""
    return "".join(f"{e.id}\t{e.ref.issued.year if e.ref.issued else ''}\t{e.ref.title or ''}\n" for e in entries)


@pytest.fixture
def toy_format():
    fmt = formats.register(Format("toy-tsv", (".tsv",), _toy_dump))
    yield fmt
    formats.unregister(fmt.name)


def test_a_new_format_is_one_module_and_one_registry_line(toy_format, tmp_path):
    """A registered format is chosen by -f and by -o's suffix, with no other change anywhere."""
    by_suffix, by_name = tmp_path / "refs.tsv", tmp_path / "refs.txt"
    assert main(["export", str(REFS), "--no-resolve", "-q", "-o", str(by_suffix)]) == 0
    assert main(["export", str(REFS), "--no-resolve", "-q", "-f", "toy-tsv", "-o", str(by_name)]) == 0
    lines = by_suffix.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 46 and lines[1].startswith("hsuAcupunctureReview1996\t1996\tAcupuncture")
    assert by_name.read_text(encoding="utf-8") == by_suffix.read_text(encoding="utf-8")


def test_unknown_format_names_the_registered_ones(capsys):
    """-f with an unknown name is a usage error listing every registered format."""
    assert main(["export", str(REFS), "--no-resolve", "-f", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown format 'nope'" in err and all(name in err for name in formats.names())


STAGES = ["read", "parse", "resolve", "dedupe", "formats", "report"]  # pipeline order


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("acuref"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("acuref"))
    return out


def test_no_stage_imports_a_later_one():
    """A stage package imports only itself, earlier stages and the shared modules (model, errors, normalize)."""
    bad = []
    for i, stage in enumerate(STAGES):
        later = {f"acuref.{s}" for s in STAGES[i + 1:]}
        for path in (SRC / stage).rglob("*.py"):
            for mod in _imports(path):
                if any(mod == lt or mod.startswith(lt + ".") for lt in later):
                    bad.append(f"{path.relative_to(SRC)} imports {mod}")
    assert bad == []


def test_nothing_imports_the_package_init():
    """No module of acuref imports the package itself (``from acuref import …`` of a name defined there)."""
    bad = []
    for path in SRC.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == SRC:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "acuref":
                names = [a.name for a in node.names]
                if any(not (SRC / n).is_dir() and not (SRC / f"{n}.py").exists() for n in names):
                    bad.append(f"{path.relative_to(SRC)}: from acuref import {', '.join(names)}")
    assert bad == []


class _ToyResolver:
    """A resolver backend that knows one record, by DOI and by search: what a new backend must provide."""

    name = "toy"
    concurrency = 2

    def __init__(self, record):
        from acuref.resolve.backend import Candidate

        self.candidate = Candidate(record, score=1.0)

    def records(self, dois):
        from acuref.normalize.identifiers import doi_key

        return {doi_key(d): self.candidate if doi_key(d) == doi_key(self.candidate.record.DOI) else None for d in dois}

    def registrar(self, doi):
        return None

    def record(self, doi):
        return None

    def search(self, query):
        return [self.candidate]


def test_a_new_resolver_is_one_class_and_one_registry_line():
    """A registered backend resolves through the same stage: verified, matched and suspect, named in the result."""
    from dataclasses import replace

    from acuref.model import Date, Name, Reference, Status
    from acuref.resolve import resolve
    from acuref.resolve.backend import register
    from acuref.settings import Settings

    record = Reference(title="Measurement of pain", author=(Name("Huskisson", "E. C."),), issued=Date(1974),
                       container_title="Lancet", volume="2", page="1127-1131", DOI="10.1016/S0140-6736(74)90884-8")
    register("toy", lambda settings: (_ToyResolver(record), []))  # factory(settings) -> (resolver, warnings)
    toy, opened = Settings(resolver="toy").make_resolver()
    assert opened == []
    refs = [replace(record, DOI=None), record, replace(record, DOI="10.9999/nothing", title="Something else entirely")]
    out, _ = resolve(refs, toy)
    assert [r.resolution.status for r in out] == [Status.MATCHED, Status.VERIFIED, Status.SUSPECT]
    assert out[0].DOI == record.DOI and out[0].resolution.backend == "toy" and out[2].DOI is None


def test_settings_and_the_per_document_step_pickle():
    """Settings, the per-document step and its output survive pickling, and the corpus step on the
    round-tripped outputs gives what run() gives."""
    from acuref.formats import render
    from acuref.pipeline import corpus, read_path, run
    from acuref.settings import Settings

    settings = Settings(resolver=None, mailto="user@example.org", cache_path="/tmp/x.sqlite", pause_gc=True)
    assert pickle.loads(pickle.dumps(settings)) == settings
    step = pickle.loads(pickle.dumps(read_path))
    paths = sorted(str(p) for p in REFS.iterdir())
    results = [pickle.loads(pickle.dumps(step(p))) for p in paths]
    assert sum(len(r.references) for r in results) == 47
    merged = corpus(results, settings=settings)
    assert render(merged.entries, "bibtex") == render(run([str(REFS)]).entries, "bibtex")


def test_library_code_reads_no_environment():
    """Only the command line reads environment variables; the stages get them as settings."""
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if p.name != "cli.py" and ("os.environ" in p.read_text(encoding="utf-8")
                                            or "getenv(" in p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_dedupe_leaves_the_garbage_collector_alone_by_default(monkeypatch):
    """The cyclic collector is paused only when asked (Settings.pause_gc / --fast-gc)."""
    from acuref import deduplicate, run
    from acuref.dedupe import stage

    calls = []
    monkeypatch.setattr(stage.gc, "disable", lambda: calls.append("disable"))
    refs = [e.ref for e in run([str(REFS)], dedupe=False).entries]
    deduplicate(refs)
    assert calls == []
    deduplicate(refs, pause_gc=True)
    assert calls == ["disable"]
