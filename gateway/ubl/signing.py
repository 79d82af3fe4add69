"""Enveloped XMLDSig signatures in UBL 2.1 extensions (signxml), and their verification.

Layout per the UBL 2.1 signature extension (UBL-CommonSignatureComponents-2.1): the first child
of the root is ``ext:UBLExtensions/ext:UBLExtension`` with ExtensionURI
``urn:oasis:names:specification:ubl:dsig:enveloped:xades`` whose ``ext:ExtensionContent`` holds
``sig:UBLDocumentSignatures/sac:SignatureInformation/ds:Signature``; a ``cac:Signature`` before
AccountingSupplierParty points at it. The signature is signxml's plain :class:`XMLSigner`
(enveloped, RSA-SHA256, SHA-256 digests, exclusive C14N, X.509 certificate in KeyInfo): its
output stays valid against the UBL 2.1 XSD (signxml's XAdES output does not).

Peppol BIS documents are never signed: the signature's empty elements break rule
PEPPOL-EN16931-R008, and the Peppol AS4 transport signs anyway.
"""

from __future__ import annotations

from lxml import etree
from signxml import (  # type: ignore[attr-defined]
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConfiguration,
    SignatureMethod,
    XMLSigner,
    XMLVerifier,
)
from signxml.exceptions import InvalidInput, SignXMLException

from gateway.ubl.errors import SignatureVerificationError, SigningError
from gateway.ubl.facts import B, C, norm, text_of
from gateway.ubl.keys import SigningMaterial, Trust
from gateway.ubl.model import is_peppol_customization
from gateway.ubl.ns import CBC, DS, EXT, SAC, SBC, SIG
from gateway.ubl.xmlsafe import parse_ubl

EXTENSION_URI = "urn:oasis:names:specification:ubl:dsig:enveloped:xades"
SIGNATURE_ID = "urn:oasis:names:specification:ubl:signature:1"
_SIGNATURE_LOCATION = (
    f"./{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent/"
    f"{{{SIG}}}UBLDocumentSignatures/{{{SAC}}}SignatureInformation/"
)


def _x(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _insert_placeholders(root: etree._Element) -> None:
    """Add the UBLExtensions slot with a ds:Signature placeholder and the cac:Signature link."""
    local = etree.QName(root).localname
    referenced = f"urn:oasis:names:specification:ubl:signature:{local}"
    extensions = etree.Element(_x(EXT, "UBLExtensions"), nsmap={"ext": EXT})
    extension = etree.SubElement(extensions, _x(EXT, "UBLExtension"))
    etree.SubElement(extension, _x(EXT, "ExtensionURI")).text = EXTENSION_URI
    content = etree.SubElement(extension, _x(EXT, "ExtensionContent"))
    signatures = etree.SubElement(
        content, _x(SIG, "UBLDocumentSignatures"), nsmap={"sig": SIG, "sac": SAC, "sbc": SBC}
    )
    info = etree.SubElement(signatures, _x(SAC, "SignatureInformation"))
    etree.SubElement(info, _x(CBC, "ID")).text = SIGNATURE_ID
    etree.SubElement(info, _x(SBC, "ReferencedSignatureID")).text = referenced
    etree.SubElement(info, _x(DS, "Signature"), Id="placeholder", nsmap={"ds": DS})
    root.insert(0, extensions)
    supplier = root.find(C + "AccountingSupplierParty")
    if supplier is None:
        raise SigningError("cannot sign: the document has no AccountingSupplierParty")
    link = etree.Element(C + "Signature")
    etree.SubElement(link, B + "ID").text = referenced
    etree.SubElement(link, B + "SignatureMethod").text = EXTENSION_URI
    supplier.addprevious(link)


def sign(root: etree._Element, material: SigningMaterial) -> bytes:
    """Sign a UBL document (not modified in place) and return the signed XML bytes."""
    customization = norm(text_of(root, B + "CustomizationID"))
    if is_peppol_customization(customization):
        raise SigningError(
            "Peppol BIS documents are not signed: a signature breaks PEPPOL-EN16931-R008 "
            "and the Peppol transport signs already"
        )
    if root.find(_x(EXT, "UBLExtensions")) is not None:
        raise SigningError("the document already has UBL extensions; it is not signed twice")
    document = etree.fromstring(etree.tostring(root))
    _insert_placeholders(document)
    signer = XMLSigner(
        signature_algorithm=SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    certs = [pem.decode("ascii") for pem in material.cert_chain_pem]
    try:
        signed = signer.sign(document, key=material.key_pem, cert=certs)
    except (SignXMLException, InvalidInput, ValueError, TypeError) as exc:
        raise SigningError(f"signing failed: {exc}") from exc
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


def verify(data: bytes, trust: Trust) -> etree._Element:
    """Verify the enveloped signature of untrusted UBL bytes; return the signed document.

    The returned element is what the signature covers (signxml's ``signed_xml``), never the
    input tree, so content outside the signature cannot be smuggled in (signature wrapping).
    Raises SignatureVerificationError when the signature is missing, invalid or untrusted.
    """
    root = parse_ubl(data)
    if root.find(_SIGNATURE_LOCATION + _x(DS, "Signature")) is None:
        raise SignatureVerificationError("the document carries no UBL enveloped signature")
    config = SignatureConfiguration(location=_SIGNATURE_LOCATION, expect_references=1)
    try:
        result = XMLVerifier().verify(
            root,
            x509_cert=trust.cert_pem.decode("ascii") if trust.cert_pem else None,
            ca_pem_file=trust.ca_pem_file,
            expect_config=config,
        )
    except (SignXMLException, InvalidInput, ValueError) as exc:
        raise SignatureVerificationError(f"signature verification failed: {exc}") from exc
    if isinstance(result, list):  # not with expect_references=1; kept for the type checker
        raise SignatureVerificationError("expected exactly one signed reference")
    signed = result.signed_xml
    if signed is None or etree.QName(signed).localname != etree.QName(root).localname:
        raise SignatureVerificationError("the signature does not cover the whole document")
    return signed
