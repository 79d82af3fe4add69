"""The exception tree of gateway.ubl (drawn in the package docstring)."""

from __future__ import annotations


class UblError(Exception):
    """Base of every exception raised by gateway.ubl."""


class UnsafeXmlError(UblError):
    """The input XML declares a DTD or entities, or refers to external resources."""


class NotUblError(UblError):
    """The input is empty, not well-formed XML, or not a UBL 2.1 Invoice or CreditNote."""


class BuildError(UblError):
    """The model cannot be rendered as UBL (a violation by the caller, e.g. an unmapped unit)."""


class SchemaLoadError(UblError):
    """The OASIS UBL 2.1 XSDs cannot be located or compiled."""


class SchematronError(UblError):
    """A configured Schematron XSLT cannot be compiled or run (or saxonche is not installed)."""


class SigningError(UblError):
    """Signing material is unusable, or signing is refused (Peppol documents, rule R008)."""


class SignatureVerificationError(SigningError):
    """A signature is missing, invalid, does not cover the document, or is not trusted."""
