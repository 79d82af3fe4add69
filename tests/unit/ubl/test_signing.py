"""Signing (enveloped XMLDSig in UBLExtensions) and verification, with real keys on disk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from gateway.ubl.builder import build
from gateway.ubl.errors import SignatureVerificationError, SigningError
from gateway.ubl.example import example_invoice
from gateway.ubl.keys import (
    KeyFormat,
    SigningKey,
    SigningMaterial,
    TrustAnchor,
    load_signing_material,
    load_trust,
)
from gateway.ubl.schema import xsd_valid
from gateway.ubl.signing import sign, verify
from gateway.ubl.validate import Validator
from gateway.ubl.xmlsafe import parse_ubl
from tests.unit.ubl.certs import write_ca_signed, write_pem, write_pkcs12

ENV = {"UBL_KEY_PASSWORD": "correct horse"}


def _non_peppol_root() -> etree._Element:
    doc = replace(example_invoice(), customization_id="urn:cen.eu:en16931:2017", profile_id=None)
    return build(doc)


@pytest.fixture(scope="module")
def pem_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_pem(tmp_path_factory.mktemp("pem"), b"correct horse")


@pytest.fixture(scope="module")
def material(pem_files: tuple[Path, Path]) -> SigningMaterial:
    key, cert = pem_files
    return load_signing_material(
        SigningKey(key, cert_path=cert, password_env="UBL_KEY_PASSWORD"), ENV
    )


def test_sign_then_verify_round_trip(
    material: SigningMaterial, pem_files: tuple[Path, Path]
) -> None:
    signed = sign(_non_peppol_root(), material)
    assert b"<ds:SignatureValue>" in signed or b"SignatureValue" in signed
    assert xsd_valid(parse_ubl(signed))
    assert Validator().validate_bytes(signed).valid
    covered = verify(signed, load_trust(TrustAnchor(cert_path=pem_files[1])))
    assert covered.tag.endswith("}Invoice")


def test_tampering_is_detected(material: SigningMaterial, pem_files: tuple[Path, Path]) -> None:
    signed = sign(_non_peppol_root(), material)
    tampered = signed.replace(b">125.00<", b">12.50<", 1)
    assert tampered != signed
    with pytest.raises(SignatureVerificationError, match="failed"):
        verify(tampered, load_trust(TrustAnchor(cert_path=pem_files[1])))


def test_untrusted_certificate_is_rejected(material: SigningMaterial, tmp_path: Path) -> None:
    signed = sign(_non_peppol_root(), material)
    _, other_cert = write_pem(tmp_path, None)
    with pytest.raises(SignatureVerificationError):
        verify(signed, load_trust(TrustAnchor(cert_path=other_cert)))


def test_ca_bundle_trust(tmp_path: Path) -> None:
    key, cert, ca = write_ca_signed(tmp_path)
    signed = sign(_non_peppol_root(), load_signing_material(SigningKey(key, cert_path=cert)))
    covered = verify(signed, load_trust(TrustAnchor(ca_path=ca)))
    assert covered.tag.endswith("}Invoice")
    other = tmp_path / "other"
    other.mkdir()
    _, _, other_ca = write_ca_signed(other)
    with pytest.raises(SignatureVerificationError):
        verify(signed, load_trust(TrustAnchor(ca_path=other_ca)))


def test_unsigned_document_fails_verification(pem_files: tuple[Path, Path]) -> None:
    from gateway.ubl.builder import render

    with pytest.raises(SignatureVerificationError, match="no UBL enveloped signature"):
        verify(render(example_invoice()), load_trust(TrustAnchor(cert_path=pem_files[1])))


def test_peppol_documents_are_never_signed(material: SigningMaterial) -> None:
    with pytest.raises(SigningError, match="R008"):
        sign(build(example_invoice()), material)


def test_pkcs12_key_with_password_from_environment(tmp_path: Path) -> None:
    p12, cert = write_pkcs12(tmp_path, b"p12 secret")
    material = load_signing_material(
        SigningKey(p12, KeyFormat.PKCS12, password_env="P12_PW"), {"P12_PW": "p12 secret"}
    )
    signed = sign(_non_peppol_root(), material)
    assert verify(signed, load_trust(TrustAnchor(cert_path=cert))).tag.endswith("}Invoice")


def test_key_loading_errors_are_signing_errors(
    pem_files: tuple[Path, Path], tmp_path: Path
) -> None:
    key, cert = pem_files
    with pytest.raises(SigningError, match="UBL_KEY_PASSWORD"):
        load_signing_material(SigningKey(key, cert_path=cert, password_env="UBL_KEY_PASSWORD"), {})
    with pytest.raises(SigningError, match="cannot load signing key"):
        load_signing_material(SigningKey(key, cert_path=cert, password_env="PW"), {"PW": "wrong"})
    with pytest.raises(SigningError, match="cannot read"):
        load_signing_material(SigningKey(tmp_path / "missing.pem", cert_path=cert))
    with pytest.raises(SigningError, match="no trust anchor"):
        load_trust(TrustAnchor())
