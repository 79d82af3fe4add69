"""``o2c x12`` as a user runs it: a real subprocess, exit codes, text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import FIXTURES, REPO

X12 = FIXTURES / "x12"


def o2c(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )


def test_validate_exit_codes() -> None:
    valid = sorted(str(p) for p in (X12 / "valid").glob("*.edi"))
    assert o2c("x12", "validate", *valid).returncode == 0
    invalid = str(X12 / "problems" / "ENV_SE01_COUNT.edi")
    assert o2c("x12", "validate", *valid, invalid).returncode == 1
    unreadable = str(X12 / "unreadable" / "not_x12.edi")
    assert o2c("x12", "validate", invalid, unreadable).returncode == 2
    missing = o2c("x12", "validate", str(X12 / "no-such-file.edi"))
    assert missing.returncode == 2 and "cannot read" in missing.stdout


def test_validate_human_report_names_the_position() -> None:
    run = o2c("x12", "validate", str(X12 / "problems" / "ENV_SE01_COUNT.edi"))
    assert "ENV_SE01_COUNT [AK5 4]" in run.stdout
    assert "line 27" in run.stdout and "element 01" in run.stdout


def test_validate_json_tree() -> None:
    run = o2c("x12", "validate", "--json", str(X12 / "problems" / "ENV_DUPLICATE_ST02.edi"))
    (report,) = json.loads(run.stdout)
    assert report["status"] == "invalid"
    (interchange,) = report["interchanges"]
    (group,) = interchange["groups"]
    assert group["status"] == "partially accepted"
    first, second = group["sets"]
    assert (first["status"], second["status"]) == ("accepted", "rejected")
    (problem,) = [p for p in second["problems"] if p["code"] == "ENV_DUPLICATE_ST02"]
    assert problem["x12"] == {"level": "AK5", "code": "23"}
    # ISA is segment 0, GS 1, the first set 2..26 (25 segments): the second ST is 27.
    assert problem["segment_index"] == 27 and problem["element"] == 2


def test_show_indents_by_envelope_and_loop() -> None:
    run = o2c("x12", "show", str(X12 / "valid" / "850_vics_retail.edi"))
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("interchange 000000812")
    body = {line.split()[1].split("*")[0]: line for line in lines if line[:6].strip().isdigit()}
    indent = {tag: len(line[8:]) - len(line[8:].lstrip()) for tag, line in body.items()}
    assert indent["ISA"] == 0 and indent["GS"] == 2 and indent["ST"] == 4
    assert indent["PO1"] == 4 and indent["PID"] == 6 and indent["N3"] == 6


def test_show_of_unreadable_file_exits_2() -> None:
    run = o2c("x12", "show", str(X12 / "unreadable" / "empty.edi"))
    assert run.returncode == 2 and "empty" in run.stderr


def test_readme_commands_as_written() -> None:
    """The README's two commands: the test command is exactly what CI runs; the main job's
    command after its install step (`o2c demo`) runs here with this interpreter."""
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    main_job, tests = commands
    assert tests in ci
    install = "python3 -m venv .venv && .venv/bin/pip install -q -e . && "
    assert main_job.startswith(install)
    program, *args = main_job.removeprefix(install).split()
    assert program == ".venv/bin/o2c" and args == ["demo"]
    run = o2c(*args)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "sales orders posted" in run.stdout
