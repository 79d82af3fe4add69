"""The ``o2c`` command: one click group, with each command family in its own module.

Each module below defines click commands or groups and is registered explicitly here, so that
``o2c --help`` lists everything and nothing is discovered by building module names from strings.
"""

from __future__ import annotations

import click

from gateway import __version__
from gateway.cli import cash as cash_commands
from gateway.cli import config as config_commands
from gateway.cli import demo as demo_commands
from gateway.cli import init as init_commands
from gateway.cli import ledger as ledger_commands
from gateway.cli import mapping as mapping_commands
from gateway.cli import pipeline as pipeline_commands
from gateway.cli import statements as statement_commands
from gateway.cli import ubl as ubl_commands
from gateway.cli import x12 as x12_commands
from gateway.cli.ledger_reports import report as report_group
from gateway.logs import configure as configure_logs


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="o2c")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    envvar="O2C_LOG_FORMAT",
    show_default=True,
    help="Log lines for people (text) or JSON lines for machines.",
)
@click.option(
    "--log-level",
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    default="WARNING",
    envvar="O2C_LOG_LEVEL",
    show_default=True,
)
def main(log_format: str, log_level: str) -> None:
    """o2c-gateway: an EDI gateway around an order-to-cash ledger."""
    configure_logs(log_format, log_level)


main.add_command(x12_commands.x12)
main.add_command(ubl_commands.ubl)
main.add_command(config_commands.config)
main.add_command(config_commands.partners)
for _command in ledger_commands.COMMANDS:
    main.add_command(_command)
for _command in pipeline_commands.COMMANDS:
    main.add_command(_command)
for _command in mapping_commands.COMMANDS:
    main.add_command(_command)
for _command in demo_commands.COMMANDS:
    main.add_command(_command)
for _command in init_commands.COMMANDS:
    main.add_command(_command)
for _command in cash_commands.COMMANDS:
    main.add_command(_command)
for _command in statement_commands.COMMANDS:
    main.add_command(_command)
report_group.add_command(cash_commands.cash_application_report)
