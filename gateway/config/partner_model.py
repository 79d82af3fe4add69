"""The model of config/partners/<id>.toml: one trading partner's identity and habits.

X12 versions are the GS08 values we exchange: 004010, 004010VICS (general merchandise),
004010UCS (grocery) and 005010. Delimiters are what we WRITE to the partner (what they send is
read from their ISA). 004010 has no repetition separator (ISA11 is ``U``), so none may be set.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from gateway.config.fields import EnvName, FilePath, Model

X12Version = Literal["004010", "004010VICS", "004010UCS", "005010"]
_ISA_QUALIFIER = r"^[0-9A-Z]{2}$"


def _separator(value: str) -> str:
    if len(value) != 1:
        raise ValueError(f"a delimiter is one character, not {value!r}")
    if value.isalnum() or value == " ":
        raise ValueError(
            f"{value!r} cannot be a delimiter (letters, digits and space occur in data)"
        )
    return value


class Delimiters(Model):
    element: str = "*"
    component: str = ">"
    repetition: str | None = None
    """ISA11 from 00402 on; leave unset for 004010."""
    segment: str = "~"
    newline: bool = True
    """Write a line break after each segment terminator."""

    @field_validator("element", "component", "segment", "repetition")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        return None if value is None else _separator(value)

    @model_validator(mode="after")
    def _distinct(self) -> Delimiters:
        used = [self.element, self.component, self.segment]
        if self.repetition is not None:
            used.append(self.repetition)
        if len(set(used)) != len(used):
            raise ValueError(f"delimiters must differ from each other: {used}")
        return self


class X12Settings(Model):
    version: X12Version
    """GS08 version: 004010, 004010VICS, 004010UCS or 005010."""
    their_isa_qualifier: str = Field(pattern=_ISA_QUALIFIER)
    """ISA05 of what they send (01 DUNS, 08 UCC/EAN, 12 phone, 14 DUNS+4, ZZ mutually defined)."""
    their_isa_id: str = Field(min_length=1, max_length=15)
    """ISA06 of what they send, without padding; with the qualifier it identifies the partner."""
    their_gs_id: str = Field(min_length=2, max_length=15)
    """GS02 of what they send (often differs from the ISA ID)."""
    our_isa_qualifier: str | None = Field(default=None, pattern=_ISA_QUALIFIER)
    """Our IDs for this partner; default to [identity] in gateway.toml."""
    our_isa_id: str | None = Field(default=None, min_length=1, max_length=15)
    our_gs_id: str | None = Field(default=None, min_length=2, max_length=15)
    usage: Literal["T", "P"] = "P"
    """ISA15: T test, P production."""
    ta1_requested: bool = False
    """Ask for a TA1 (ISA14 = 1) on what we send."""
    duplicate_window_days: int = Field(default=30, ge=0)
    """An ISA13 seen again from this partner within this many days is a duplicate."""
    delimiters: Delimiters = Field(default_factory=Delimiters)

    @field_validator("delimiters")
    @classmethod
    def _repetition_for_version(cls, value: Delimiters, info: ValidationInfo) -> Delimiters:
        version = str(info.data.get("version", ""))
        if version.startswith("004010") and value.repetition is not None:
            raise ValueError("004010 has no repetition separator (ISA11 is U): remove repetition")
        return value


class UblSettings(Model):
    """Peppol addressing and signing of UBL invoices."""

    endpoint_id: str = Field(min_length=1)
    endpoint_scheme: str = Field(pattern=r"^[0-9]{4}$")
    """EAS code of the endpoint (0088 GLN, 0060 DUNS, 0192 Norwegian org. no., ...)."""
    customization_id: str = (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    sign: bool = False
    key_file: FilePath | None = None
    cert_file: FilePath | None = None
    password_env: EnvName | None = None
    """Environment variable holding the password of key_file, when it has one."""

    @model_validator(mode="after")
    def _signing_files(self) -> UblSettings:
        if self.sign and (self.key_file is None or self.cert_file is None):
            raise ValueError("sign = true needs key_file and cert_file")
        return self


class Documents(Model):
    """What we exchange with the partner, and in which format."""

    send_855: bool = False
    asn_structure: Literal["SOPI", "SOI"] = "SOPI"
    """HL order of the 856: SOPI (shipment/order/pack/item) or SOI (no pack level)."""
    send_856: bool = True
    invoice_format: Literal["810", "ubl"] = "810"
    ubl: UblSettings | None = None

    @model_validator(mode="after")
    def _ubl_settings(self) -> Documents:
        if self.invoice_format == "ubl" and self.ubl is None:
            raise ValueError('invoice_format = "ubl" needs a [documents.ubl] table')
        return self


class Acknowledgements(Model):
    """What the partner sends back for our documents, and how long we wait."""

    expected: Literal["997", "999", "none"] = "997"
    deadline_hours: int = Field(default=24, ge=1)


class ChannelRefs(Model):
    inbound: str = Field(min_length=1)
    outbound: str = Field(min_length=1)


class Email(Model):
    allowed_senders: tuple[str, ...] = ()
    """Senders whose mail an email_in channel accepts for this partner."""
    to: tuple[str, ...] = ()
    """Recipients of documents sent over an email_out channel."""

    @field_validator("allowed_senders", "to")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [a for a in value if a.count("@") != 1 or " " in a]
        if bad:
            raise ValueError(f"not e-mail addresses: {bad}")
        return tuple(a.lower() for a in value)


class PartnerSettings(Model):
    """config/partners/<id>.toml; ``id`` must equal the file name without .toml."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    """Partner ID: lower case, digits, - and _; equals the file name and the mapping folder."""
    name: str = Field(min_length=1)
    customer_accounts: tuple[str, ...] = Field(min_length=1)
    """Ledger customer accounts this partner orders and pays for; the first is the default."""
    x12: X12Settings
    documents: Documents = Field(default_factory=Documents)
    acks: Acknowledgements = Field(default_factory=Acknowledgements)
    channels: ChannelRefs
    email: Email = Field(default_factory=Email)
    enabled: bool = True

    @field_validator("acks")
    @classmethod
    def _ack_for_version(cls, value: Acknowledgements, info: ValidationInfo) -> Acknowledgements:
        x12 = info.data.get("x12")
        if value.expected == "999" and x12 is not None and x12.version.startswith("004010"):
            raise ValueError(
                "the 999 exists from 005010 on; a 004010 partner acknowledges with 997"
            )
        return value

    @property
    def isa_pair(self) -> tuple[str, str]:
        """The partner's (ISA qualifier, ISA ID) as it appears in ISA05/06 of what it sends."""
        return (self.x12.their_isa_qualifier, self.x12.their_isa_id.strip())
