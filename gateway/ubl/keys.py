"""Signing keys and trust anchors: configuration values, and the one function that reads them.

The builder and signer never touch files: :func:`load_signing_material` (I/O at the edge) reads a
PEM key and certificate, or a PKCS#12 bundle, with the password taken from an environment
variable whose *name* is configured; :func:`load_trust` reads a pinned certificate or CA file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
    pkcs12,
)

from gateway.ubl.errors import SigningError


class KeyFormat(StrEnum):
    """How the private key is stored."""

    PEM = "pem"
    PKCS12 = "pkcs12"


@dataclass(frozen=True, slots=True)
class SigningKey:
    """Where the signing key lives: a PEM key (+ PEM certificate chain) or a PKCS#12 file.

    ``password_env`` names the environment variable holding the key password (None: no password).
    """

    key_path: Path
    format: KeyFormat = KeyFormat.PEM
    cert_path: Path | None = None
    password_env: str | None = None


@dataclass(frozen=True, slots=True)
class SigningMaterial:
    """An unencrypted PEM private key and the PEM certificate chain (signer first)."""

    key_pem: bytes
    cert_chain_pem: tuple[bytes, ...]


@dataclass(frozen=True, slots=True)
class TrustAnchor:
    """How inbound signatures are trusted: a pinned signer certificate or a CA bundle file."""

    cert_path: Path | None = None
    ca_path: Path | None = None


@dataclass(frozen=True, slots=True)
class Trust:
    """Loaded trust: the pinned certificate PEM, or the CA bundle path for signxml."""

    cert_pem: bytes | None = None
    ca_pem_file: str | None = None


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc


def _password(key: SigningKey, environ: Mapping[str, str]) -> bytes | None:
    if key.password_env is None:
        return None
    value = environ.get(key.password_env)
    if value is None:
        raise SigningError(f"environment variable {key.password_env} (key password) is not set")
    return value.encode("utf-8")


def _pem_key(private_key: object) -> bytes:
    return private_key.private_bytes(  # type: ignore[attr-defined, no-any-return]
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )


def load_signing_material(
    key: SigningKey, environ: Mapping[str, str] | None = None
) -> SigningMaterial:
    """Read and decrypt the configured key and certificates (``environ`` defaults to os.environ)."""
    env = os.environ if environ is None else environ
    password = _password(key, env)
    data = _read(key.key_path, "signing key")
    try:
        if key.format is KeyFormat.PKCS12:
            private_key, cert, extra = pkcs12.load_key_and_certificates(data, password)
            if private_key is None or cert is None:
                raise SigningError(f"{key.key_path} holds no private key and certificate")
            chain = (cert, *extra)
            return SigningMaterial(
                _pem_key(private_key), tuple(c.public_bytes(Encoding.PEM) for c in chain)
            )
        private_key = load_pem_private_key(data, password)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"cannot load signing key {key.key_path}: {exc}") from exc
    if key.cert_path is None:
        raise SigningError("a PEM signing key needs cert_path (the signer's certificate)")
    certs_pem = _read(key.cert_path, "certificate")
    try:
        certs = x509.load_pem_x509_certificates(certs_pem)
    except ValueError as exc:
        raise SigningError(f"cannot load certificate {key.cert_path}: {exc}") from exc
    return SigningMaterial(
        _pem_key(private_key), tuple(c.public_bytes(Encoding.PEM) for c in certs)
    )


def load_trust(anchor: TrustAnchor) -> Trust:
    """Read a pinned certificate (checked to parse) or check that a CA bundle file exists."""
    if anchor.cert_path is not None:
        pem = _read(anchor.cert_path, "trusted certificate")
        try:
            x509.load_pem_x509_certificate(pem)
        except ValueError as exc:
            raise SigningError(f"cannot load certificate {anchor.cert_path}: {exc}") from exc
        return Trust(cert_pem=pem)
    if anchor.ca_path is not None:
        _read(anchor.ca_path, "CA bundle")
        return Trust(ca_pem_file=str(anchor.ca_path))
    raise SigningError("no trust anchor configured: give a certificate or a CA bundle")
