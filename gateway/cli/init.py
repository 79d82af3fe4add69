"""``o2c init DIR``: a new deployment: the commented configuration, partner and mapping
templates (the two example partners), and its database created and migrated."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from core.db.migrate import upgrade
from gateway.bootstrap import build_gateway
from gateway.config import ConfigError, load_config
from gateway.store import migrate as store_migrate

EXAMPLES = Path(__file__).resolve().parents[2]


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Make a new deployment in FOLDER: config/ (gateway.toml, partners/, data/), mappings/,
    and the database of config/gateway.toml, migrated."""
    if folder.exists() and any(folder.iterdir()):
        raise click.ClickException(f"{folder} is not empty; give a new or empty folder")
    shutil.copytree(EXAMPLES / "config", folder / "config")
    shutil.copytree(EXAMPLES / "mappings", folder / "mappings")
    try:
        config = load_config(folder / "config")
    except ConfigError as exc:  # the shipped example is checked by the test suite
        raise click.ClickException(f"the template configuration has problems: {exc}") from exc
    gw = build_gateway(config)
    try:
        upgrade(gw.engine)
        store_migrate.upgrade(gw.engine)
    finally:
        gw.engine.dispose()
    config_dir = folder / "config"
    click.echo(f"""A new deployment is in {folder}:
  {config_dir / "gateway.toml"}       our identity, database, archive, channels, schedules
  {config_dir / "partners"}/           one file per partner (bigbox.toml and northwind.toml
                                         are templates: copy one per real partner)
  {folder / "mappings"}/               item cross-references, units, ship-to stores per partner
  {config.database_url}           the database, migrated

Next:
  export O2C_CONFIG={config_dir}
  o2c config check                  # after each edit; every problem with its file and line
  o2c customers import {config_dir / "data" / "customers.csv"}
  o2c catalog import {config_dir / "data" / "catalog.csv"}
  o2c run                           # the gateway on its schedules
See docs/adding-a-partner.md and docs/operations.md.""")


COMMANDS = [init]
