"""Inbound 997, 999 and TA1 become typed results with their codes."""

from __future__ import annotations

from gateway.x12.ack_reader import GroupAck, InterchangeAck, read_acks
from gateway.x12.envelope import read_envelopes
from tests.conftest import shared_path


def read(name: str) -> list[GroupAck | InterchangeAck]:
    return list(read_acks(read_envelopes(shared_path("samples", "x12", name).read_bytes())))


def test_997_with_ak3_ak4() -> None:
    (ack,) = read("997_5010_partial_ak3_ak4_oneline.edi")
    assert isinstance(ack, GroupAck)
    assert (ack.kind, ack.functional_id, ack.group_control_number) == ("997", "HC", "17456")
    assert (ack.status, ack.included, ack.received, ack.accepted) == ("P", 2, 2, 1)
    first, second = ack.sets
    assert first.accepted and not second.accepted and second.codes == ("5",)
    (error,) = second.errors
    assert (error.tag, error.position, error.code) == ("CLM", "22", "8")
    (element,) = error.elements
    assert (element.position, element.reference, element.code) == ("1", "1028", "1")


def test_999_with_ik3_ik4_and_ctx() -> None:
    (ack,) = read("999_5010_partial_ctx_oneline.edi")
    assert isinstance(ack, GroupAck) and ack.kind == "999"
    assert [s.status for s in ack.sets] == ["A", "R", "R"]
    assert ack.sets[2].errors[0].code == "3" and ack.status_name == "partially accepted"


def test_rejecting_999() -> None:
    (ack,) = read("999_5010_rejected_ik3.edi")
    assert isinstance(ack, GroupAck)
    assert ack.status == "R" and ack.accepted == 0


def test_ta1() -> None:
    (ack,) = read("ta1_5010_accepted.edi")
    assert isinstance(ack, InterchangeAck)
    assert (ack.control_number, ack.status, ack.note, ack.accepted) == (
        "000000050",
        "A",
        "000",
        True,
    )
