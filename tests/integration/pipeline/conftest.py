"""A gateway on the shipped example configuration, copied to a temporary folder, with an empty
migrated database (SQLite and PostgreSQL) and the example master data loaded."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.bootstrap import build_gateway
from gateway.config import load_config
from gateway.pipeline.context import Gateway
from gateway.pipeline.master_data import load_master_data
from tests.conftest import REPO
from tests.support.databases import BACKENDS, empty_database, pg_url

__all__ = ["pg_url"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "mappings", tmp_path / "mappings")
    return tmp_path


@pytest.fixture(params=BACKENDS)
def gateway(request: pytest.FixtureRequest, workspace: Path) -> Iterator[Gateway]:
    url = empty_database(request, request.param, workspace)
    config = load_config(workspace / "config", env={})
    gw = build_gateway(config, url, worker="test")
    load_master_data(gw)
    yield gw
    gw.engine.dispose()
