"""The inbound flow on a real database: archive first, ack queued, orders posted, every failure
an exception with its code, nothing posted twice, every file ends in a final state."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from gateway.pipeline.context import Gateway
from gateway.pipeline.inbound import process, receive
from gateway.store import repository as store
from gateway.store.records import FILE_FINAL
from gateway.store.tables import files as files_table
from tests.conftest import FIXTURES

PO = (FIXTURES / "x12" / "valid" / "850_vics_retail.edi").read_bytes()


def orders_of(gateway: Gateway, po: str) -> list[str]:
    uow = gateway.ledger()
    with uow:
        return uow.orders.find(po)


def order(gateway: Gateway, number: str):  # type: ignore[no-untyped-def]
    uow = gateway.ledger()
    with uow:
        return uow.orders.get(number)


def test_an_850_is_archived_acknowledged_and_posted(gateway: Gateway) -> None:
    result = receive(gateway, PO, name="po.edi", channel="test")
    assert result.status == "posted" and result.partner_id == "bigbox"
    ((set_id, control, status, documents),) = result.sets
    assert (set_id, control, status) == ("850", "0001", "posted")
    assert gateway.archive.read(result.sha256) == PO
    placed = order(gateway, documents[0])
    assert placed is not None and placed.po_number == "4500012345"
    assert placed.customer_account == "C-1001"
    assert [(ln.sku, ln.quantity, ln.external_line_ref) for ln in placed.lines] == [
        ("WID-100", Decimal(24), "1"),
        ("GAD-200", Decimal(6), "2"),
        ("SPR-300", Decimal(10), "3"),
    ]
    with gateway.engine.begin() as conn:
        (queued,) = store.outbound(conn)
        assert (queued.kind, queued.partner_id, queued.state) == ("TA1+997", "bigbox", "queued")
        ack = gateway.archive.read(queued.sha256)
    assert b"AK9*A*1*1*1" in ack and b"TA1*000000812*261118*0930*A*000" in ack


def test_the_same_bytes_again_are_a_duplicate_and_post_nothing(gateway: Gateway) -> None:
    first = receive(gateway, PO, name="po.edi")
    again = receive(gateway, PO, name="po-copy.edi")
    assert again.status == "duplicate" and again.sets == []
    with gateway.engine.begin() as conn:
        (exception,) = store.exceptions(conn)
        assert exception.code == "RCV_DUPLICATE_FILE" and str(first.file_id) in exception.message
        assert len(store.outbound(conn)) == 1
    assert len(orders_of(gateway, "4500012345")) == 1


def test_the_same_interchange_under_another_name_is_a_duplicate(gateway: Gateway) -> None:
    receive(gateway, PO, name="po.edi")
    resent = receive(gateway, PO.replace(b"JANE BUYER", b"JANE  BUYER"), name="po-resent.edi")
    assert resent.status == "duplicate"
    with gateway.engine.begin() as conn:
        assert [e.code for e in store.exceptions(conn)] == ["RCV_DUPLICATE"]
    assert len(orders_of(gateway, "4500012345")) == 1


def test_a_mapping_problem_is_an_exception_and_the_file_is_rejected(gateway: Gateway) -> None:
    bad = PO.replace(b"UP*012345678929*VN*SPR-300*IN*884413", b"UP*099999999999*VN*NOPE*IN*1")
    result = receive(gateway, bad, name="bad.edi")
    assert result.status == "rejected"
    with gateway.engine.begin() as conn:
        (exception,) = store.exceptions(conn, only_open=True)
        assert exception.code == "MAP_UNKNOWN_ITEM" and exception.segment == "PO1"
        assert exception.archive_hash == result.sha256 and exception.partner_id == "bigbox"
        (queued,) = store.outbound(conn)  # the 997 still accepts: business problems never
    assert b"AK5*A" in gateway.archive.read(queued.sha256)  # change the acknowledgement


def test_a_syntax_error_is_rejected_in_the_997_and_queued(gateway: Gateway) -> None:
    bad = PO.replace(b"BEG*00*SA*", b"BEG*99*SA*")
    result = receive(gateway, bad, name="bad.edi")
    assert result.status == "rejected"
    with gateway.engine.begin() as conn:
        (exception,) = store.exceptions(conn)
        assert exception.code == "SYN_INVALID_CODE" and exception.element == 1
        (queued,) = store.outbound(conn)
    ack = gateway.archive.read(queued.sha256)
    assert b"AK4*1*353*7*99" in ack and b"AK5*R*5" in ack


def test_unknown_partner_and_not_x12(gateway: Gateway) -> None:
    stranger = PO.replace(b"08*9254110060     ", b"ZZ*STRANGER       ")
    assert receive(gateway, stranger, name="x.edi").status == "rejected"
    assert receive(gateway, b"hello, this is not EDI", name="y.txt").status == "rejected"
    with gateway.engine.begin() as conn:
        codes = sorted(e.code for e in store.exceptions(conn))
    assert codes == ["RCV_NOT_X12", "RCV_UNKNOWN_PARTNER"]


def test_processing_again_after_a_crash_posts_nothing_twice(gateway: Gateway) -> None:
    result = receive(gateway, PO, name="po.edi")
    with gateway.engine.begin() as conn:
        store.set_file_status(conn, result.file_id, "archived")  # as if the run had died
    again = process(gateway, result.file_id)
    assert again.status == "posted" and again.sets == result.sets
    assert len(orders_of(gateway, "4500012345")) == 1
    with gateway.engine.begin() as conn:
        assert len(store.outbound(conn)) == 1
        assert len(store.sets_of_file(conn, result.file_id)) == 1


def test_every_archived_file_ends_in_a_final_state(gateway: Gateway) -> None:
    corpus = [
        PO,
        PO,
        PO.replace(b"BEG*00*SA*", b"BEG*07*SA*").replace(b"000000812", b"000000813"),
        PO.replace(b"BEG*00*SA*", b"BEG*99*SA*").replace(b"000000812", b"000000814"),
        b"not x12",
        (FIXTURES / "x12" / "valid" / "810_invoice_newline.edi").read_bytes(),
    ]
    for n, data in enumerate(corpus):
        receive(gateway, data, name=f"f{n}.edi")
    with gateway.engine.begin() as conn:
        statuses = [
            row.status
            for row in conn.execute(
                select(files_table.c.status).where(files_table.c.direction == "in")
            )
        ]
    assert len(statuses) == len(corpus)
    assert set(statuses) <= FILE_FINAL, statuses


def test_a_5010_partner_gets_a_999_and_an_855(gateway: Gateway) -> None:
    data = (FIXTURES / "x12" / "valid" / "850_5010_northwind.edi").read_bytes()
    result = receive(gateway, data, name="nw.edi")
    assert result.status == "posted" and result.partner_id == "northwind"
    with gateway.engine.begin() as conn:
        rows = {row.kind: row for row in store.outbound(conn)}
    assert set(rows) == {"999", "855"}
    ack = gateway.archive.read(rows["999"].sha256)
    assert b"ST*999*" in ack and b"IK5*A" in ack and b"AK9*A*1*1*1" in ack
    answer = gateway.archive.read(rows["855"].sha256)
    assert b"BAK*00*AD*NW-PO-2026-118*20261119" in answer
    assert answer.count(b"ACK*IA*") == 2


def test_a_refused_po_gets_an_855_rejecting_it(gateway: Gateway) -> None:
    data = (FIXTURES / "x12" / "valid" / "850_5010_northwind.edi").read_bytes()
    result = receive(gateway, data.replace(b"BP*NW-88017*VP*KIT-500", b"BP*NW-99999"), name="x")
    assert result.status == "rejected"
    with gateway.engine.begin() as conn:
        (row,) = [r for r in store.outbound(conn) if r.kind == "855"]
    answer = gateway.archive.read(row.sha256)
    assert b"BAK*00*RJ*NW-PO-2026-118" in answer and answer.count(b"ACK*IR*0*EA") == 2
