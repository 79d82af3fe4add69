"""Envelope an outbound transaction set for a partner: field overrides, the partner's version,
delimiters and usage, and our control numbers (ISA13, GS06, ST02) from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.config.loaded import LoadedConfig
from gateway.config.partner_model import PartnerSettings
from gateway.transactions import overrides as overrides_module
from gateway.transactions.mapping import FieldOverride
from gateway.x12.control_numbers import ControlNumbers
from gateway.x12.delimiters import Delimiters
from gateway.x12.records import GroupHeader, InterchangeHeader
from gateway.x12.serializer import GroupBody, Layout, SetBody, Value, write_interchange

FUNCTIONAL_IDS = {
    "850": "PO",
    "855": "PR",
    "856": "SH",
    "810": "IN",
    "820": "RA",
    "997": "FA",
    "999": "FA",
}


@dataclass(frozen=True, slots=True)
class Enveloped:
    data: bytes
    interchange_control: str
    group_control: str
    set_control: str


def apply_overrides(
    set_id: str, body: list[list[Value]], overrides: tuple[FieldOverride, ...]
) -> list[list[Value]]:
    """The outbound set ``body`` with the partner's overrides of ``set_id`` written in."""
    return overrides_module.apply(body, set_id, overrides, inbound=False)


def envelope(
    config: LoadedConfig,
    partner: PartnerSettings,
    set_id: str,
    body: list[list[Value]],
    numbers: ControlNumbers,
    now: datetime,
) -> Enveloped:
    """One interchange with one group with one set, written the partner's way."""
    ids = config.ids(partner.id)
    version = partner.x12.version
    isa12 = "00501" if version.startswith("005") else "00401"
    settings = partner.x12.delimiters
    repetition = settings.repetition if isa12 >= "00402" else None
    delimiters = Delimiters(settings.element, settings.component, repetition, settings.segment)
    layout = Layout(delimiters, "\n" if settings.newline and settings.segment not in "\r\n" else "")
    us = f"{ids.our_isa_qualifier}:{ids.our_isa_id}"
    them = f"{ids.their_isa_qualifier}:{ids.their_isa_id}"
    isa13 = f"{numbers.next('interchange', us, them):09d}"
    gs06 = str(numbers.next("group", us, them))
    st02 = f"{numbers.next('set', us, them):04d}"
    header = InterchangeHeader(
        "00",
        "",
        "00",
        "",
        ids.our_isa_qualifier,
        ids.our_isa_id,
        ids.their_isa_qualifier,
        ids.their_isa_id,
        now.strftime("%y%m%d"),
        now.strftime("%H%M"),
        "U",
        isa12,
        isa13,
        "1" if partner.x12.ta1_requested else "0",
        partner.x12.usage,
        delimiters.component,
    )
    group = GroupHeader(
        FUNCTIONAL_IDS[set_id],
        ids.our_gs_id,
        ids.their_gs_id,
        now.strftime("%Y%m%d"),
        now.strftime("%H%M"),
        gs06,
        "X",
        version,
    )
    data = write_interchange(header, [GroupBody(group, [SetBody(set_id, st02, body)])], layout)
    return Enveloped(data, isa13, gs06, st02)
