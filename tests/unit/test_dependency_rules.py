"""The dependency rules of ARCHITECTURE.md, checked by walking every module's imports."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO


def modules(package: str) -> Iterator[tuple[str, Path]]:
    root = REPO / package.replace(".", "/")
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(REPO).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        yield name, path


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(package: str, forbidden: list[str], allowed_in: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    bad = []
    for name, path in modules(package):
        if any(_under(name, a) for a in allowed_in):
            continue
        for imported in imports_of(path):
            if any(_under(imported, f) for f in forbidden):
                bad.append(f"{name} imports {imported}")
    return bad


def test_core_imports_nothing_from_gateway() -> None:
    assert violations("core", ["gateway"]) == []


def test_core_domain_imports_only_the_standard_library() -> None:
    bad = []
    for name, path in modules("core.domain"):
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if top not in sys.stdlib_module_names and not _under(imported, "core.domain"):
                bad.append(f"{name} imports {imported}")
    assert bad == []


@pytest.mark.parametrize("package", ["core", "gateway"])
def test_only_the_two_stores_import_sqlalchemy(package: str) -> None:
    # ARCHITECTURE.md said only core.db; the gateway's own tables (files, sets, exceptions,
    # outbound queue, control numbers) are not ledger tables and live in gateway.store.
    allowed = ["core.db", "gateway.store"]
    assert violations(package, ["sqlalchemy", "alembic"], allowed_in=allowed) == []


def test_x12_library_imports_nothing_from_core_or_the_rest_of_gateway() -> None:
    others = [
        "core",
        *(
            f"gateway.{p}"
            for p in (
                "transactions",
                "ubl",
                "channels",
                "store",
                "pipeline",
                "jobs",
                "config",
                "bootstrap",
                "cli",
                "scheduler",
            )
        ),
    ]
    assert violations("gateway.x12", others) == []


@pytest.mark.parametrize("package", ["gateway.transactions", "gateway.ubl"])
def test_translation_packages_are_pure(package: str) -> None:
    io_modules = [
        "sqlalchemy",
        "paramiko",
        "aiosmtplib",
        "smtplib",
        "imaplib",
        "socket",
        "gateway.store",
        "gateway.channels",
        "gateway.pipeline",
        "gateway.jobs",
        "gateway.bootstrap",
        "core.db",
    ]
    assert violations(package, io_modules) == []


def test_channels_know_nothing_of_x12_or_the_ledger() -> None:
    assert violations("gateway.channels", ["gateway.x12", "gateway.transactions", "core"]) == []


def test_only_entry_points_call_core_services() -> None:
    entry_points = ["gateway.pipeline", "gateway.jobs", "gateway.cli", "gateway.bootstrap"]
    assert violations("gateway", ["core.services"], allowed_in=entry_points) == []
