"""The shape of the code that DESIGN.md describes, kept by tests: views → printing/exports →
services → db → models; Qt only in views; no import cycle; rooms small enough to hold in
one's head. Read from the source with ``ast`` (imports inside functions included), so the
checks cost no imports."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import crm_desktop

PACKAGE = Path(crm_desktop.__file__).parent
LONG_MODULE_LINES = 1000
# a module longer than that says why in its docstring, with these words
LONG_MODULE_REASON = "Why one module:"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool


def _modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = Module(".".join(parts), path, is_package)
    return found


MODULES = _modules()


def _imports(module: Module) -> tuple[set[str], set[str]]:
    """(crm_desktop modules, other top-level packages) that ``module`` imports anywhere."""
    ours, others = set(), set()
    for node in ast.walk(ast.parse(module.path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            others |= {a.name.split(".")[0] for a in node.names if a.name.split(".")[0] != "crm_desktop"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] != "crm_desktop":
            others.add((node.module or "").split(".")[0])
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            ours |= _imports_of(module, node)
    ours.discard(module.name)
    return ours, others


def _imported_when_loaded(module: Module) -> set[str]:
    """The crm_desktop modules that loading ``module`` runs: its top-level imports, and for
    each, the packages above it (importing a.b.c runs a/b/__init__ first) unless they hold
    ``module`` itself (then they are already running)."""
    ours: set[str] = set()
    for node in ast.parse(module.path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            ours |= _imports_of(module, node)
    for name in list(ours):
        parts = name.split(".")
        for depth in range(2, len(parts)):
            parent = ".".join(parts[:depth])
            if parent in MODULES and not module.name.startswith(parent + "."):
                ours.add(parent)
    ours.discard(module.name)
    return ours


def _imports_of(module: Module, node: ast.Import | ast.ImportFrom) -> set[str]:
    found: set[str] = set()
    if isinstance(node, ast.Import):
        return {_known(a.name) for a in node.names if a.name.split(".")[0] == "crm_desktop"}
    if node.level == 0:
        if (node.module or "").split(".")[0] != "crm_desktop":
            return found
        target = node.module
    else:
        base = module.name.split(".")
        if not module.is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        found.add(sub if sub in MODULES else _known(target))
    return found


def _known(name: str) -> str:
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


IMPORTS = {name: _imports(module) for name, module in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_two_modules_import_each_other_even_inside_functions():
    assert _cycles({name: ours for name, (ours, _others) in IMPORTS.items()}) == []


def test_no_module_is_loaded_again_while_it_loads():
    """What Python runs at import time (top-level imports and the packages above them) has no
    cycle: a cycle there fails with "partially initialized module" in whichever order the
    program happens to import them."""
    assert _cycles({name: _imported_when_loaded(module) for name, module in MODULES.items()}) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


QT_FREE = ("crm_desktop.services", "crm_desktop.models", "crm_desktop.exports", "crm_desktop.printing",
           "crm_desktop.db", "crm_desktop.errors", "crm_desktop.i18n", "crm_desktop.clock", "crm_desktop.progress",
           "crm_desktop.files", "crm_desktop.migrations", "crm_desktop.demo", "crm_desktop.faults")
# config.py finds the data folder with QStandardPaths (QtCore only), as DESIGN.md says


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("name", [n for n in MODULES if _under(n, QT_FREE)])
def test_no_qt_below_the_views(name):
    _ours, others = IMPORTS[name]
    assert not {"PySide6", "shiboken6"} & others


# The demo is a tool above the services (it fills a database through them): nothing below
# it uses it, and it uses no view, print or workbook.
LAYER_MAY_NOT_IMPORT = {
    "crm_desktop.models": ("crm_desktop.services", "crm_desktop.views", "crm_desktop.printing", "crm_desktop.exports",
                           "crm_desktop.db", "crm_desktop.cli", "crm_desktop.app", "crm_desktop.demo"),
    "crm_desktop.services": ("crm_desktop.views", "crm_desktop.printing", "crm_desktop.exports", "crm_desktop.cli",
                             "crm_desktop.app", "crm_desktop.demo"),
    "crm_desktop.demo": ("crm_desktop.views", "crm_desktop.printing", "crm_desktop.exports", "crm_desktop.cli",
                         "crm_desktop.app"),
    "crm_desktop.printing": ("crm_desktop.views", "crm_desktop.exports", "crm_desktop.cli", "crm_desktop.app"),
    "crm_desktop.exports": ("crm_desktop.views", "crm_desktop.printing", "crm_desktop.cli", "crm_desktop.app"),
}


@pytest.mark.parametrize("layer", sorted(LAYER_MAY_NOT_IMPORT))
def test_every_layer_imports_only_downwards(layer):
    upward = {
        f"{name} -> {target}"
        for name, (ours, _others) in IMPORTS.items() if _under(name, (layer,))
        for target in ours if _under(target, LAYER_MAY_NOT_IMPORT[layer])
    }
    assert upward == set()


def test_no_module_is_too_long_to_hold_in_ones_head_without_saying_why():
    too_long = []
    for name, module in MODULES.items():
        text = module.path.read_text(encoding="utf-8")
        lines = text.count("\n")
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if lines > LONG_MODULE_LINES and LONG_MODULE_REASON not in docstring:
            too_long.append(f"{name}: {lines} lines")
    assert too_long == []


def test_the_views_translate_through_one_function():
    """views/i18n.py defines the views' ``translate``; no other view module defines its own."""
    own = sorted(
        name for name, module in MODULES.items()
        if _under(name, ("crm_desktop.views",)) and name != "crm_desktop.views.i18n"
        for node in ast.parse(module.path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef) and node.name == "translate"
    )
    assert own == []
