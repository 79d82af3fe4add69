"""UBL 2.1 Invoice and CreditNote (Peppol BIS Billing 3.0, EN 16931): build, read, validate, sign.

Modules, each one concept:

- ``model``: the typed input, frozen dataclasses following the EN 16931 semantic model.
- ``amounts``: EN 16931 rounding and totals (line nets, VAT breakdown, document totals).
- ``units``: our unit codes mapped to UN/ECE Recommendation 20.
- ``builder``: model -> UBL 2.1 XML, element order as the OASIS schema dictates.
- ``reader``: UBL 2.1 XML -> model (with the declared totals beside it).
- ``xmlsafe``: the only parser of untrusted XML (no DTD entities, no network).
- ``schema``: the OASIS UBL 2.1 XSDs (lxml fast pass, xmlschema for a precise report).
- ``rules_en16931`` / ``rules_peppol``: the project's own implementation of the EN 16931 and
  Peppol BIS Billing 3.0 rules that a generator can break.
- ``schematron``: the official Schematron XSLTs run with saxonche, when configured.
- ``validate``: the pipeline (XSD, rules, optional Schematron) returning problems as values.
- ``signing`` / ``keys``: enveloped XMLDSig in UBLExtensions with signxml; key files read at
  the edge.
- ``jsonmodel``: the model to and from JSON (for ``o2c ubl render FILE.json``).

Problems are values (:class:`gateway.ubl.problems.Problem`); exceptions are raised only for rule
violations of the caller and infrastructure faults. The exception tree::

    UblError                         base of everything raised by gateway.ubl
    ├── UnsafeXmlError               DTD, entity declaration or external reference in the input
    ├── NotUblError                  empty, not XML, or a root other than Invoice / CreditNote
    ├── BuildError                   the model cannot be rendered (e.g. unit without Rec 20 code)
    ├── SchemaLoadError              the OASIS XSDs cannot be found or compiled
    ├── SchematronError              a configured Schematron XSLT cannot run (missing, no saxonche)
    └── SigningError                 key or certificate unusable, or signing refused (Peppol: R008)
        └── SignatureVerificationError   signature missing, invalid, tampered or untrusted

This package is pure: no database, network or clock; file reading happens only in ``keys``
(signing material), ``schema`` (the installed XSDs) and ``schematron`` (configured XSLTs).
"""

from gateway.ubl.errors import (
    BuildError,
    NotUblError,
    SchemaLoadError,
    SchematronError,
    SignatureVerificationError,
    SigningError,
    UblError,
    UnsafeXmlError,
)

__all__ = [
    "BuildError",
    "NotUblError",
    "SchemaLoadError",
    "SchematronError",
    "SignatureVerificationError",
    "SigningError",
    "UblError",
    "UnsafeXmlError",
]
