"""Reading configuration CSV files: header checked, cells stripped, every row with its line.

Files are UTF-8 (a BOM is accepted), comma-separated, with a header row. Blank rows are skipped.
Line numbers are those a text editor shows (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gateway.config.problems import ConfigProblem
from gateway.digits import is_digits


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def read_csv(
    path: Path, file: str, required: Iterable[str], optional: Iterable[str] = ()
) -> tuple[list[CsvRow], list[ConfigProblem]]:
    """Rows of ``path`` with their lines, or problems when the header or a row is wrong."""
    required, optional = tuple(required), tuple(optional)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [ConfigProblem(file, None, "", "CFG_UNREADABLE", f"cannot read: {exc}")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    problems = _header_problems(header, file, required, optional)
    if problems:
        return [], problems
    rows: list[CsvRow] = []
    line = reader.line_num
    for record in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(
                ConfigProblem(
                    file,
                    start,
                    "",
                    "CFG_CSV_ROW",
                    f"row has {len(record)} cells; the header has {len(header)}",
                )
            )
            continue
        rows.append(CsvRow(start, {h: c.strip() for h, c in zip(header, record, strict=True)}))
    return rows, problems


def _header_problems(
    header: list[str], file: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> list[ConfigProblem]:
    problems = []
    for column in header:
        if column not in required and column not in optional:
            known = ", ".join((*required, *optional))
            problems.append(
                ConfigProblem(file, 1, column, "CFG_CSV_COLUMN", f"unknown column (known: {known})")
            )
    for column in required:
        if column not in header:
            problems.append(
                ConfigProblem(file, 1, column, "CFG_CSV_COLUMN", "required column is missing")
            )
    duplicates = {c for c in header if header.count(c) > 1}
    problems.extend(
        ConfigProblem(file, 1, c, "CFG_CSV_COLUMN", "column appears twice")
        for c in sorted(duplicates)
    )
    return problems


def duplicates(rows: list[CsvRow], column: str, file: str, what: str) -> list[ConfigProblem]:
    """A problem for each row whose non-empty ``column`` repeats an earlier row's.

    GTINs are compared as 14 digits, so a UPC-A and its EAN-13 form (one leading zero) collide.
    """
    first: dict[str, int] = {}
    problems = []
    for row in rows:
        value = row[column]
        if not value:
            continue
        if column == "gtin" and is_digits(value):
            value = value.zfill(14)
        if value in first:
            problems.append(
                ConfigProblem(
                    file,
                    row.line,
                    column,
                    "CFG_DUPLICATE",
                    f"duplicate {what} {row[column]!r} (first on line {first[value]})",
                )
            )
        else:
            first[value] = row.line
    return problems
