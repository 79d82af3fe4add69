"""Reading one TOML file into one model, with every problem located by file, key and line.

pydantic reports error locations as tuples (``("channels", "edi", "sftp", "port")``); a
discriminated union adds its tag (``"sftp"``) and a union adds type names. :func:`display_path`
walks the raw data to keep only the keys that exist in the file (plus a missing key's name), and
the TOML scan gives their line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gateway.config.problems import ConfigProblem
from gateway.config.secrets import strip_secrets
from gateway.config.tomlfile import TomlDocument, TomlSyntaxError, parse_toml

M = TypeVar("M", bound=BaseModel)

_CODES = {
    "extra_forbidden": "CFG_UNKNOWN_KEY",
    "missing": "CFG_MISSING_KEY",
}


def display_path(data: Any, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The part of ``loc`` that names keys of ``data`` (and a missing last key)."""
    kept: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            kept.append(part)
            node = node[part]
        elif isinstance(node, dict) and node.get("kind") == part:
            continue  # the tag pydantic adds for a discriminated union (channels)
        elif isinstance(node, dict) and last and isinstance(part, str):
            kept.append(part)
        elif not isinstance(node, dict | list):
            break
    return tuple(kept)


def dotted(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (check its spelling and the table it is in)"
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def model_problems(
    error: ValidationError, document: TomlDocument, file: str
) -> list[ConfigProblem]:
    """One problem per pydantic error, de-duplicated by location and message."""
    seen: set[tuple[str, str]] = set()
    problems = []
    for item in error.errors():
        path = display_path(document.data, item["loc"])
        key = dotted(path)
        message = _message(item)
        if (key, message) in seen:
            continue
        seen.add((key, message))
        code = _CODES.get(item["type"], "CFG_INVALID_VALUE")
        problems.append(ConfigProblem(file, document.line_of(path), key, code, message))
    return problems


def read_document(path: Path, file: str) -> tuple[TomlDocument | None, list[ConfigProblem]]:
    """Parse ``path``; literal secrets are reported and removed from the data."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ConfigProblem(file, None, "", "CFG_UNREADABLE", f"cannot read: {exc}")]
    try:
        document = parse_toml(text)
    except TomlSyntaxError as exc:
        return None, [ConfigProblem(file, exc.line, "", "CFG_TOML_SYNTAX", exc.message)]
    problems = [
        ConfigProblem(
            file,
            document.line_of(found),
            dotted(found),
            "CFG_LITERAL_SECRET",
            f"{found[-1]} holds a secret in the file; put the secret in an environment variable "
            f"and name the variable in {found[-1]}_env",
        )
        for found in strip_secrets(document.data)
    ]
    return document, problems


def validate_document(
    document: TomlDocument, model: type[M], file: str
) -> tuple[M | None, list[ConfigProblem]]:
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, model_problems(exc, document, file)
