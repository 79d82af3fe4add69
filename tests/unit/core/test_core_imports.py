"""The dependency rules of ARCHITECTURE.md for core, checked by reading every module's imports:
core imports nothing from gateway; core.domain imports only the standard library and itself;
only core.db imports SQLAlchemy or Alembic."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[3] / "core"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_core_never_imports_gateway() -> None:
    bad = {str(p): n for p in _modules(CORE) for n in _imports(p) if n.split(".")[0] == "gateway"}
    assert bad == {}


def test_domain_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"core"}
    bad = {
        f"{p.name}: {n}"
        for p in _modules(CORE / "domain")
        for n in _imports(p)
        if n.split(".")[0] not in allowed
        or (n.startswith("core.") and not n.startswith("core.domain"))
    }
    assert bad == set()


def test_only_core_db_imports_sqlalchemy() -> None:
    outside = [p for p in _modules(CORE) if "db" not in p.relative_to(CORE).parts]
    bad = {
        str(p) for p in outside for n in _imports(p) if n.split(".")[0] in ("sqlalchemy", "alembic")
    }
    assert bad == set()
