"""``o2c demo``: the whole order-to-cash cycle in a minute, on a workspace of its own."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gateway.demo.run import STEPS, Summary, run
from gateway.runtime_tuning import tune_gc


@click.command("demo")
@click.option(
    "--keep",
    "keep",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the workspace in this folder to explore it with the other commands.",
)
def demo(keep: Path | None) -> None:
    """Run the whole cycle on generated partner files: purchase orders in, acknowledgements,
    orders, shipments, invoices (810 and UBL) out, remittances and exceptions."""
    console = Console()
    root = keep or Path(tempfile.mkdtemp(prefix="o2c-demo-"))
    if keep is not None and keep.exists() and any(keep.iterdir()):
        raise click.ClickException(f"{keep} is not empty; give a new or empty folder")
    root.mkdir(parents=True, exist_ok=True)
    logging.getLogger("o2c").setLevel(logging.ERROR)  # the table reports the exceptions
    tune_gc()
    started = time.monotonic()
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("starting", total=len(STEPS))

            def advance(step: str) -> None:
                progress.update(task, advance=1, description=step)

            summary = run(root, advance)
        _print(console, summary, time.monotonic() - started, root if keep else None)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def _print(console: Console, s: Summary, seconds: float, kept: Path | None) -> None:
    table = Table(title=f"o2c demo: the order-to-cash cycle in {seconds:.1f} s")
    table.add_column("what")
    table.add_column("count", justify="right")
    for kind, count in sorted(s.documents_in.items()):
        table.add_row(f"received: {kind}", str(count))
    for kind, count in sorted(s.documents_out.items()):
        table.add_row(f"sent: {kind}", str(count))
    table.add_row("sales orders posted", str(s.orders))
    table.add_row("packing slips", str(s.packing_slips))
    table.add_row("invoices", f"{s.invoices} ({s.invoiced} USD)")
    table.add_row("cash applied", f"{s.paid} USD")
    for code, count in sorted(s.exceptions.items()):
        table.add_row(f"exception: {code}", str(count))
    console.print(table)
    if kept is not None:
        config = kept / "config"
        console.print(f"\nThe workspace is in {kept}. Look around with, for example:")
        for command in (
            "exceptions list --open",
            "files list",
            "orders list",
            "report aging",
            "report trial-balance",
        ):
            console.print(f"  O2C_CONFIG={config} o2c {command}")
        console.print(f"The partners' folders are in {kept / 'partners'}.")
    else:
        console.print("\nRun `o2c demo --keep DIR` to keep the workspace and explore it.")


COMMANDS = [demo]
