"""ARCHITECTURE.md, checked: who may import whom, no import loop, and how large a room may grow.

Imports are read from the source with `ast`, those inside functions included: a lazy
import is still a dependency, and a loop hidden in a function is still a loop.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "pipeline"

ARCHITECTURE = ROOT / "ARCHITECTURE.md"
README = ROOT / "README.md"


def stages_from_architecture() -> list[tuple[str, list[str]]]:
    """The stage table of ARCHITECTURE.md, in the order data flows: the one statement of the rule.
    A module may import modules of its own stage or an earlier one, never a later one. Modules are
    named by their path under pipeline/ ("extractors.people.roles"); the longest prefix decides."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split("## Who may import whom", 1)[1]
    stages = []
    for row in re.findall(r"^\| *([a-z ]+?) *\| *(`.+`) *\|$", section, flags=re.MULTILINE):
        stage, cell = row
        stages.append((stage, [name.strip("/").replace("/", ".") for name in re.findall(r"`([^`]+)`", cell)]))
    return stages


STAGES = stages_from_architecture()
# Imports against the flow, each with its reason. Keep this list short.
ALLOWED_BACKWARDS = {
    # A config is checked against the registered extractors' options when it is loaded
    # (validate at the boundary), so loading one reads the registry.
    ("config", "extractors.registry"),
}
MAX_MODULE_LINES = 500
MAX_NORMALIZER_LINES = 400
MAX_FUNCTION_LINES = 80
MAX_CLASS_LINES = 250


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def stage_of(name: str) -> int:
    best, best_length = None, -1
    for rank, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = rank, len(prefix)
    assert best is not None, f"pipeline/{name}: no stage in ARCHITECTURE.md's table (add it there)"
    return best


def imports_of(name: str) -> set[str]:
    """Every module this one imports: project modules without the `pipeline.` prefix, others as written."""
    is_package = MODULES[name].name == "__init__.py"
    here = name.split(".") if name else []
    package = here if is_package else here[:-1]
    found = set()
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                parent = package[:len(package) - (node.level - 1)]
                base = ".".join(["pipeline", *parent, *([node.module] if node.module else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                # `from . import register` names an attribute, `from .normalize import timex` a module
                found.add(candidate if candidate.removeprefix("pipeline.") in MODULES else base)
    return {target.removeprefix("pipeline.") if target.startswith("pipeline.") or target == "pipeline" else target
            for target in found}


def project_imports(name: str) -> set[str]:
    return {target for target in imports_of(name) if target in MODULES and target != name}


@pytest.mark.parametrize("name", [n for n in MODULES if n], ids=str)
def test_no_module_imports_a_later_stage(name):
    later = {target for target in project_imports(name)
             if target and stage_of(target) > stage_of(name) and (name, target) not in ALLOWED_BACKWARDS}
    assert not later, f"pipeline/{name} ({STAGES[stage_of(name)][0]}) imports later stages: {sorted(later)}"


def test_only_the_commands_import_typer():
    users = {name for name in MODULES if any(t.split(".")[0] in ("typer", "click") for t in imports_of(name))}
    assert users <= {"cli", "cli_eval"}, sorted(users)


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("extractors")], ids=str)
def test_extractors_import_neither_records_nor_writers(name):
    forbidden = {t for t in project_imports(name) if stage_of(t) >= stage_of("facts")}
    assert not forbidden, f"pipeline/{name} imports {sorted(forbidden)}"


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("normalize")], ids=str)
def test_normalizers_are_pure(name):
    """Text and an anchor in, a value out: no spaCy, no config, no other stage."""
    outside = {t for t in project_imports(name) if not t.startswith("normalize")}
    assert not outside and not any(t.split(".")[0] == "spacy" for t in imports_of(name)), sorted(outside)


def test_records_do_not_know_who_made_them():
    for name in ("facts", "mention"):
        assert not {t for t in project_imports(name) if t.startswith("extractors")}, name


def test_no_import_loop():
    graph = {name: project_imports(name) - {""} for name in MODULES}
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                loop = path[path.index(target):] + [target]
                pytest.fail("import loop: " + " -> ".join(loop))
            if target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("name", list(MODULES), ids=lambda n: n or "__init__")
def test_rooms_stay_small(name):
    path = MODULES[name]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    limit = MAX_NORMALIZER_LINES if name.startswith("normalize") else MAX_MODULE_LINES
    assert lines <= limit, f"{path.relative_to(ROOT)}: {lines} lines (at most {limit}): split it by what each part decides"
    for node in ast.walk(TREES[name]):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert length <= MAX_FUNCTION_LINES, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length} lines"
        elif isinstance(node, ast.ClassDef):
            assert length <= MAX_CLASS_LINES, f"{path.relative_to(ROOT)}:{node.lineno} class {node.name}: {length} lines"


def test_architecture_names_every_stage_in_flow_order():
    names = [stage for stage, _ in STAGES]
    assert names == ["foundation", "ingest", "nlp", "extractors", "facts", "validate", "write", "stream",
                     "evaluation", "training", "commands"], names
    listed = [module for _, modules in STAGES for module in modules]
    missing = [module for module in listed if module not in MODULES]
    assert not missing, f"ARCHITECTURE.md names modules that do not exist: {missing}"


def test_readme_layout_matches_the_tree():
    """Every top-level module and package of pipeline/ is in the README's layout, and every path
    the layout names exists."""
    layout = README.read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^(pipeline/[\w/.]+)", layout, flags=re.MULTILINE))
    for path in named:
        assert (ROOT / path).exists(), f"README layout names {path}, which does not exist"
    top_level = {f"pipeline/{p.name}" + ("/" if p.is_dir() else "") for p in PACKAGE.iterdir()
                 if (p.suffix == ".py" and p.stem != "__main__") or (p.is_dir() and (p / "__init__.py").exists())}
    top_level.discard("pipeline/__init__.py")
    assert not top_level - named, f"README layout misses {sorted(top_level - named)}"


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("extractors.")], ids=str)
def test_extractors_do_not_import_the_package_that_loads_them(name):
    """`extractors/__init__.py` imports every built-in extractor (at run time, by name): an extractor
    importing that package back would be an import loop the static graph cannot see."""
    assert "extractors" not in project_imports(name), f"pipeline/{name}: import from .registry, not the package"
