"""The pipeline's import direction: a module imports only from its own stage or the stages below it,
and no modules import each other in a cycle. grimp reads every import statement, those inside
functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

import factcheck

PACKAGE = "factcheck"
# Bottom to top, each stage by the names just below the package. The package's own __init__ (the
# version) sits below them all.
LAYERS = (("errors", "files", "defaults", "suggest", "project"), ("values",), ("language",), ("ingest",), ("packs",), ("extraction",),
          ("resolution",), ("comparison",), ("run",), ("outputs",), ("gate",), ("authoring",), ("api",), ("cli", "__main__"))


def layer(module: str) -> int:
    """The stage of a module of the package, by its first name below the package; -1 for the package."""
    parts = module.split(".")
    if parts == [PACKAGE]:
        return -1
    found = [i for i, names in enumerate(LAYERS) if parts[1] in names]
    if not found:
        raise LookupError(f"{module} is in no stage: add it to LAYERS in tests/test_layers.py")
    return found[0]


def upward_imports(graph: grimp.ImportGraph) -> list[str]:
    out = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if layer(imported) > layer(importer):
                lines = sorted(d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported))
                out.append(f"{importer} (line {', '.join(map(str, lines)) or '?'}) imports {imported}, a later stage")
    return out


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected sets of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.find_modules_directly_imported_by(v)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for m in sorted(graph.modules):
        if m not in index:
            visit(m)
    return sorted(found)


@pytest.fixture
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, cache_dir=None)  # a fresh graph per test: some add imports to it


def test_every_module_belongs_to_a_stage(graph):
    for m in graph.modules:
        layer(m)


def test_imports_only_go_down(graph):
    assert upward_imports(graph) == []


def test_no_import_cycles(graph):
    assert cycles(graph) == []


def test_the_package_itself_imports_nothing_of_its_own(graph):
    """Every stage may read the version from the package: it must stay at the bottom."""
    assert graph.find_modules_directly_imported_by(PACKAGE) == set()


def test_imports_inside_functions_are_seen(graph):
    """The command line imports the run's cache only when a command runs; the graph still has it."""
    assert graph.direct_import_exists(importer="factcheck.cli", imported="factcheck.run.cache")


def test_an_upward_import_is_named(graph):
    graph.add_import(importer="factcheck.values.date", imported="factcheck.outputs.render", line_number=7,
                     line_contents="from ..outputs import render")
    assert upward_imports(graph) == [
        "factcheck.values.date (line 7) imports factcheck.outputs.render, a later stage"]


def test_an_import_within_a_stage_is_allowed_but_not_a_cycle(graph):
    """language.timex reads language.lang's word lists; lang importing timex back closes a cycle."""
    assert graph.direct_import_exists(importer="factcheck.language.timex", imported="factcheck.language.lang")
    graph.add_import(importer="factcheck.language.lang", imported="factcheck.language.timex")
    assert upward_imports(graph) == []
    assert cycles(graph) == [["factcheck.language.lang", "factcheck.language.timex"]]


def test_a_module_outside_every_stage_is_refused(graph):
    graph.add_module("factcheck.misc")
    with pytest.raises(LookupError, match="factcheck.misc is in no stage"):
        test_every_module_belongs_to_a_stage(graph)


def test_no_module_binds_a_name_twice():
    """A second `_NAME = ...` further down a module (or a second method of one name in a class)
    silently replaces the first for every function that reads it, the ones above included: each
    name of a module or class body is bound once."""
    twice = []
    for path in sorted(Path(factcheck.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]:
            twice += _bound_twice(path.name, scope.body)
    assert not twice, twice


def _bound_twice(where: str, body: list[ast.stmt]) -> list[str]:
    out, seen = [], {}
    for node in body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        else:
            names = []
        for name in names:
            if name in seen:
                out.append(f"{where}: {name} at lines {seen[name]} and {node.lineno}")
            seen.setdefault(name, node.lineno)
    return out


def test_every_module_opens_with_its_docstring():
    """A statement above a module's opening string (an import slipped in first) turns the string into
    an expression that is thrown away: the module then says nothing of what it is for."""
    missing = [str(path.relative_to(Path(factcheck.__file__).parent))
               for path in sorted(Path(factcheck.__file__).parent.rglob("*.py"))
               if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None]
    assert not missing, missing
