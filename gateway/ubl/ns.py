"""UBL 2.1 namespaces and Clark-notation tag helpers (OASIS UBL 2.1, ISO/IEC 19845:2015)."""

from __future__ import annotations

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
SIG = "urn:oasis:names:specification:ubl:schema:xsd:CommonSignatureComponents-2"
SAC = "urn:oasis:names:specification:ubl:schema:xsd:SignatureAggregateComponents-2"
SBC = "urn:oasis:names:specification:ubl:schema:xsd:SignatureBasicComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"

ROOT_NAMESPACES = {INVOICE_NS: "Invoice", CREDIT_NOTE_NS: "CreditNote"}

PREFIXES = {"cac": CAC, "cbc": CBC, "ext": EXT, "sig": SIG, "sac": SAC, "sbc": SBC, "ds": DS}


def cac(name: str) -> str:
    """Clark name of a CommonAggregateComponents element."""
    return f"{{{CAC}}}{name}"


def cbc(name: str) -> str:
    """Clark name of a CommonBasicComponents element."""
    return f"{{{CBC}}}{name}"


def short(tag: str) -> str:
    """``{ns}Name`` -> ``prefix:Name`` with the usual UBL prefixes (for messages and paths)."""
    if not tag.startswith("{"):
        return tag
    ns, _, local = tag[1:].partition("}")
    for prefix, uri in PREFIXES.items():
        if uri == ns:
            return f"{prefix}:{local}"
    return local
