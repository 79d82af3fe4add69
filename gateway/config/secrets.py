"""Secrets never live in configuration files: find keys that hold one literally.

Keys such as ``password``, ``secret``, ``token`` or ``smtp_password`` with a value are refused;
the configuration names an environment variable instead (``password_env = "O2C_SFTP_PASSWORD"``).
The findings are removed from the data so that the model does not report them a second time as
unknown keys.
"""

from __future__ import annotations

from typing import Any

_SECRET_WORDS = ("password", "passwd", "passphrase", "secret", "token", "api_key", "apikey")


def is_secret_key(key: str) -> bool:
    """Whether ``key`` names a secret value (``*_env`` keys name a variable, so they do not)."""
    lowered = key.lower()
    if lowered.endswith("_env"):
        return False
    return any(lowered == w or lowered.endswith("_" + w) for w in _SECRET_WORDS)


def strip_secrets(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Remove literal secret keys from ``data`` (in place); return the path of each one."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        for key in list(data):
            if is_secret_key(key) and not isinstance(data[key], dict):
                found.append((*path, key))
                del data[key]
            else:
                found.extend(strip_secrets(data[key], (*path, key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found.extend(strip_secrets(item, (*path, index)))
    return found
