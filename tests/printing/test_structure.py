"""printing/ lays out what the services read: its ``__init__`` is a face (imports and
``__all__``, no code), and no module of it runs a query. It still hands a session on —
``print_numbered`` opens one and ``forms.numbered_records(session, …)`` passes it to
``services.form_data`` — but never executes a statement on it, imports SQLAlchemy only for
a type hint, and never the models. And the arrow points one way: services import no printing."""

from __future__ import annotations

import ast
from pathlib import Path

import crm_desktop
import crm_desktop.printing as printing

SOURCE = Path(crm_desktop.__file__).parent
PRINTING = SOURCE / "printing"
# what a session runs a statement with; ``.get`` counts only on a name with "session" in it
# (a dict's get is everywhere)
QUERY_METHODS = {"execute", "scalars", "scalar", "get", "query", "exec_driver_sql", "connection"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def _under_type_checking(tree: ast.Module) -> set[ast.AST]:
    """The nodes inside ``if TYPE_CHECKING:`` blocks (imports for annotations only)."""
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                inside.update(ast.walk(child))
    return inside


def _imported_modules(path: Path, package: str) -> list[tuple[int, str, bool]]:
    """(line, absolute module name, only for type checking) of each import in ``path``."""
    tree = _tree(path)
    typing_only = _under_type_checking(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, node in typing_only) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [f"{module}.{alias.name}" for alias in node.names] if node.level else [module]
            found += [(node.lineno, name, node in typing_only) for name in names]
    return found


def _package_of(path: Path) -> str:
    return ".".join(("crm_desktop", *path.relative_to(SOURCE).parent.parts))


def test_the_package_init_is_a_face_only():
    tree = _tree(PRINTING / "__init__.py")
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # the docstring
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["__all__"]:
            continue
        raise AssertionError(f"printing/__init__.py:{node.lineno}: {type(node).__name__} — only imports and __all__")
    assert all(hasattr(printing, name) for name in printing.__all__)


def test_the_face_names_what_the_window_and_the_command_line_use():
    assert set(printing.__all__) == {
        "Cancelled", "LayoutError", "Record", "RenderReport", "forms", "load_layout", "print_customer_list",
        "print_list", "print_numbered", "print_period", "print_records",
    }


def test_no_module_of_printing_runs_a_query():
    found = []
    for path in sorted(PRINTING.rglob("*.py")):
        name = path.relative_to(SOURCE.parent)
        for line, module, typing_only in _imported_modules(path, _package_of(path)):
            if module.startswith("crm_desktop.models") or (module.startswith("sqlalchemy") and not typing_only):
                found.append(f"{name}:{line}: imports {module}")
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("select", "text", "insert", "update", "delete"):
                found.append(f"{name}:{node.lineno}: {func.id}(…)")
            elif isinstance(func, ast.Attribute) and func.attr in QUERY_METHODS:
                receiver = ast.unparse(func.value)
                if "session" in receiver.lower() or (func.attr != "get" and receiver in ("s", "conn", "connection")):
                    found.append(f"{name}:{node.lineno}: {receiver}.{func.attr}(…)")
    assert found == [], "printing/ queries; the query belongs in services (services/form_data.py):\n" + "\n".join(found)


def test_services_do_not_import_printing():
    found = [
        f"{path.relative_to(SOURCE.parent)}:{line}: imports {module}"
        for path in sorted((SOURCE / "services").rglob("*.py"))
        for line, module, _typing in _imported_modules(path, _package_of(path))
        if module.startswith("crm_desktop.printing")
    ]
    assert found == []
