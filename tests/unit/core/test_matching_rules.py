"""Remittance matching, one rule at a time, with figures worked by hand in the comments.

Payment date 2026-03-10 throughout; default tolerances: penny 0.05, underpayment 10.00,
overpayment 0.00 (so any excess above a penny stays on account)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from core.domain.matching import match_remittance
from core.domain.receivables import ItemKind, OpenItem, plan_settlement
from core.domain.references import digit_runs, near_keys, reference_key
from core.domain.remittance import (
    AdjustmentInput,
    LateDiscountPolicy,
    MatchResult,
    MatchSettings,
    MatchStatus,
    RemittanceInput,
    RemittanceLineInput,
)
from core.domain.subset_sum import find_subsets

PAY = date(2026, 3, 10)
PAYER = frozenset({"C1", "C1-S0"})
PREFIXES = ("INVOICE", "INV", "IN", "NO", "NR")


def inv(
    number: str,
    amount: str,
    account: str = "C1",
    *,
    discount: str = "0",
    discount_date: date | None = None,
    po: str = "",
    due: date = date(2026, 4, 1),
) -> OpenItem:
    a = D(amount)
    return OpenItem(
        number, ItemKind.INVOICE, account, "USD", "1200", date(2026, 3, 1), due, a, a,
        discount_date, D(discount), f"SO-{number[-3:]}", po,
    )  # fmt: skip


def line(ref: str, paid: str, qualifier: str = "IV", **kw: object) -> RemittanceLineInput:
    return RemittanceLineInput(qualifier, ref, D(paid), **kw)  # type: ignore[arg-type]


def match(
    items: list[OpenItem],
    *lines: RemittanceLineInput,
    amount: str | None = None,
    settings: MatchSettings | None = None,
) -> MatchResult:
    total = D(amount) if amount is not None else sum((ln.amount_paid for ln in lines), D(0))
    remittance = RemittanceInput(total, PAY, "TRN1", "C1", tuple(lines), "USD")
    return match_remittance(remittance, items, PAYER, settings)


def only(result: MatchResult) -> tuple[MatchStatus, str, tuple[str, ...]]:
    (d,) = result.decisions
    items = tuple(a.item_number for a in d.allocations) or tuple(
        n for c in d.candidates[:1] for n in c.item_numbers
    )
    return d.status, d.code, items


def test_reference_key_folds_case_spaces_punctuation_prefixes_and_zeros() -> None:
    for text in ("INV-000123", "inv 123", "#000123", "Invoice No. 123", " inv-00123 ", "123"):
        assert reference_key(text, PREFIXES) == "123", text
    assert reference_key("A-77/x", PREFIXES) == "A77X"
    assert reference_key("INVENTORY", PREFIXES) == "INVENTORY"  # no digits follow: kept


def test_digit_runs_and_near_keys() -> None:
    assert digit_runs("PMT 000123 STORE 45", 4) == ["123"]
    keys = near_keys("123")
    assert {"213", "132", "12", "23", "1234", "1123"} <= set(keys)
    assert "123" not in keys


def test_exact_number_pays_in_full() -> None:
    result = match([inv("INV-000123", "100.00")], line("INV-000123", "100.00"))
    assert only(result) == (MatchStatus.AUTO, "RMT_MATCHED", ("INV-000123",))
    assert result.decisions[0].rule == "EXACT_NUMBER+AMOUNT_EXACT"
    assert result.on_account == 0


def test_normalised_reference_pays() -> None:
    result = match([inv("INV-000123", "100.00")], line("Invoice No. 00123", "100.00"))
    assert only(result) == (MatchStatus.AUTO, "RMT_MATCHED", ("INV-000123",))
    assert result.decisions[0].rule.startswith("NORMALISED_REFERENCE")


def test_po_number_finds_the_invoice_of_the_order() -> None:
    items = [inv("INV-000001", "80.00", po="PO-55"), inv("INV-000002", "20.00", po="PO-66")]
    result = match(items, line("PO-55", "80.00", "PO"))
    assert only(result) == (MatchStatus.AUTO, "RMT_MATCHED", ("INV-000001",))


def test_po_number_pays_all_its_invoices_when_the_sum_fits() -> None:
    # 80.00 + 20.00 = 100.00 paid under PO-55
    items = [inv("INV-000001", "80.00", po="PO-55"), inv("INV-000002", "20.00", po="PO-55")]
    result = match(items, line("PO55", "100.00", "PO"))
    assert only(result) == (MatchStatus.AUTO, "RMT_MATCHED", ("INV-000001", "INV-000002"))


def test_po_with_two_invoices_of_the_same_amount_is_ambiguous() -> None:
    items = [inv("INV-000001", "50.00", po="PO-55"), inv("INV-000002", "50.00", po="PO-55")]
    status, code, _ = only(match(items, line("PO-55", "50.00", "PO")))
    assert (status, code) == (MatchStatus.EXCEPTION, "RMT_AMBIGUOUS")


def test_discount_in_time() -> None:
    # 100.00 with 2.00 discount until 03-12; paid 98.00 on 03-10: discount 2.00, closed
    item = inv("INV-000123", "100.00", discount="2.00", discount_date=date(2026, 3, 12))
    result = match([item], line("INV-000123", "98.00", discount=D("2.00")))
    (alloc,) = result.allocations
    assert (alloc.cash, alloc.discount, alloc.write_off) == (D("98.00"), D("2.00"), D(0))


def test_late_discount_is_an_exception_by_default() -> None:
    # discount date 03-05 < payment 03-10: the 2.00 is not earned
    item = inv("INV-000123", "100.00", discount="2.00", discount_date=date(2026, 3, 5))
    result = match([item], line("INV-000123", "98.00", discount=D("2.00")))
    assert only(result) == (MatchStatus.EXCEPTION, "RMT_LATE_DISCOUNT", ("INV-000123",))
    assert result.on_account == D("98.00")


def test_late_discount_settled_in_full_with_a_reason_when_the_settings_say_so() -> None:
    item = inv("INV-000123", "100.00", discount="2.00", discount_date=date(2026, 3, 5))
    settings = MatchSettings(late_discount=LateDiscountPolicy.DEDUCTION)
    result = match([item], line("INV-000123", "98.00", discount=D("2.00")), settings=settings)
    (alloc,) = result.allocations
    # no discount after 03-05: the 2.00 becomes a deduction item to charge back
    assert (alloc.cash, alloc.discount, alloc.write_off, alloc.deduction, alloc.reason) == (
        D("98.00"),
        D(0),
        D(0),
        D("2.00"),
        "LATE_DISCOUNT",
    )


def test_adx_short_pay_becomes_a_deduction_with_its_reason_code() -> None:
    # 500.00 invoice, paid 460.00, ADX -40.00 reason 11 (returns, damage): 40.00 > 10.00 -> item
    adx = (AdjustmentInput(D("-40.00"), "11", "DM77"),)
    result = match([inv("INV-000123", "500.00")], line("INV-000123", "460.00", adjustments=adx))
    (d,) = result.decisions
    (alloc,) = d.allocations
    assert (alloc.cash, alloc.deduction, alloc.reason) == (D("460.00"), D("40.00"), "11")
    assert [(x.amount, x.reason, x.reference) for x in d.deductions] == [(D("40.00"), "11", "DM77")]


def test_small_adx_short_pay_is_a_deduction_too_not_a_write_off() -> None:
    # 5.00 is within the 10.00 underpayment tolerance, but the payer explained it
    adx = (AdjustmentInput(D("-5.00"), "54"),)
    result = match([inv("INV-000123", "100.00")], line("INV-000123", "95.00", adjustments=adx))
    (alloc,) = result.allocations
    assert (alloc.write_off, alloc.deduction, alloc.reason, alloc.deduct) == (
        D(0),
        D("5.00"),
        "54",
        True,
    )


def test_plan_settlement_deduct_flag() -> None:
    debit = inv("INV-1", "100.00")
    credit = OpenItem("PAY-1", ItemKind.PAYMENT, "C1", "USD", "1200", PAY, PAY, D(-95), D(-95))
    tol = MatchSettings().tolerances
    plain = plan_settlement(debit, credit, PAY, tol, in_full=True, reason="54")
    flagged = plan_settlement(debit, credit, PAY, tol, in_full=True, reason="54", deduct=True)
    assert (plain.write_off, plain.deduction) == (D("5.00"), D(0))
    assert (flagged.write_off, flagged.deduction) == (D(0), D("5.00"))
    penny = OpenItem(
        "PAY-2", ItemKind.PAYMENT, "C1", "USD", "1200", PAY, PAY, D("-99.98"), D("-99.98")
    )
    assert plan_settlement(debit, penny, PAY, tol, in_full=True, deduct=True).write_off == D("0.02")


def test_unexplained_short_pay_within_tolerance_is_written_off() -> None:
    result = match([inv("INV-000123", "100.00")], line("INV-000123", "93.00"))
    (alloc,) = result.allocations  # 7.00 <= 10.00
    assert (alloc.cash, alloc.write_off, alloc.reason) == (D("93.00"), D("7.00"), "UNDERPAY")


def test_larger_unexplained_short_pay_is_an_exception() -> None:
    result = match([inv("INV-000123", "100.00")], line("INV-000123", "60.00"))
    assert only(result)[:2] == (MatchStatus.EXCEPTION, "RMT_SHORT_PAY")


def test_overpayment_closes_the_invoice_and_leaves_the_excess_on_account() -> None:
    result = match([inv("INV-000123", "100.00")], line("INV-000123", "130.00"))
    assert only(result) == (MatchStatus.AUTO, "RMT_OVER_OPEN_AMOUNT", ("INV-000123",))
    assert (result.applied, result.on_account) == (D("100.00"), D("30.00"))


def test_overpayment_on_a_folded_reference_is_only_suggested() -> None:
    result = match([inv("INV-000123", "100.00")], line("123", "130.00"))
    assert only(result)[:2] == (MatchStatus.SUGGESTED, "RMT_OVER_OPEN_AMOUNT_REFERENCE")


def test_unknown_invoice_lists_items_of_the_same_amount() -> None:
    items = [inv("INV-000123", "100.00"), inv("INV-000124", "55.00")]
    result = match(items, line("ZZ-9", "55.00"))
    assert only(result) == (MatchStatus.EXCEPTION, "RMT_UNKNOWN_INVOICE", ("INV-000124",))
    assert result.decisions[0].candidates[0].rule == "AMOUNT_ONLY"


def test_transposed_digits_are_only_a_suggestion() -> None:
    result = match([inv("INV-004512", "100.00")], line("INV-004521", "100.00"))
    assert only(result) == (MatchStatus.SUGGESTED, "RMT_NEAR_REFERENCE", ("INV-004512",))
    assert result.allocations == ()


def test_dropped_digit_is_only_a_suggestion() -> None:
    result = match([inv("INV-004512", "100.00")], line("452", "100.00"))
    assert only(result)[:2] == (MatchStatus.SUGGESTED, "RMT_NEAR_REFERENCE")


def test_embedded_number_posts_on_an_exact_amount_only() -> None:
    items = [inv("INV-004512", "100.00")]
    assert only(match(items, line("PAYMENT 004512 STORE 7", "100.00")))[0] is MatchStatus.AUTO
    status, code, _ = only(match(items, line("PAYMENT 004512 STORE 7", "95.00")))
    assert (status, code) == (MatchStatus.SUGGESTED, "RMT_EMBEDDED_REFERENCE")


def test_a_reference_two_items_share_is_decided_by_amount_or_is_ambiguous() -> None:
    ours, legacy = inv("INV-000123", "100.00"), inv("123/", "70.00")
    assert only(match([ours, legacy], line("123", "70.00")))[2] == ("123/",)
    twin = inv("123/", "100.00")
    assert only(match([ours, twin], line("123", "100.00")))[:2] == (
        MatchStatus.EXCEPTION,
        "RMT_AMBIGUOUS",
    )
    # the invoice amount (RMR05) tells them apart
    ours2 = inv("INV-000123", "100.00")
    part = inv("123/", "150.00")
    part.open_amount = D("100.00")
    result = match([ours2, part], line("123", "100.00", invoice_amount=D("150.00")))
    assert only(result)[2] == ("123/",)


def test_same_amounts_do_not_matter_when_the_line_names_the_invoice() -> None:
    items = [inv("INV-000001", "50.00"), inv("INV-000002", "50.00")]
    assert only(match(items, line("INV-000002", "50.00")))[2] == ("INV-000002",)


def test_another_customers_invoice_is_never_posted() -> None:
    result = match([inv("INV-000123", "100.00", "C7")], line("INV-000123", "100.00"))
    assert only(result)[:2] == (MatchStatus.EXCEPTION, "RMT_OTHER_CUSTOMER")


def test_an_item_on_a_store_account_is_only_suggested() -> None:
    result = match([inv("INV-000123", "100.00", "C1-S0")], line("INV-000123", "100.00"))
    assert only(result)[:2] == (MatchStatus.SUGGESTED, "RMT_CROSS_ACCOUNT")


def test_payment_without_lines_finds_the_unique_set() -> None:
    # 120.00 + 35.50 = 155.50; no other combination of 120.00, 35.50, 80.00, 99.99 gives it
    items = [
        inv("INV-1", "120.00"),
        inv("INV-2", "35.50"),
        inv("INV-3", "80.00"),
        inv("INV-4", "99.99"),
    ]
    result = match(items, amount="155.50")
    assert only(result) == (MatchStatus.AUTO, "RMT_MATCHED", ("INV-1", "INV-2"))
    assert result.decisions[0].line_index is None


def test_payment_without_lines_with_two_sets_is_ambiguous() -> None:
    items = [inv("INV-1", "50.00"), inv("INV-2", "50.00"), inv("INV-3", "80.00")]
    result = match(items, amount="50.00")
    (d,) = result.decisions
    assert (d.status, d.code, len(d.candidates)) == (MatchStatus.EXCEPTION, "RMT_AMBIGUOUS", 2)


def test_subset_sum_takes_the_discount_due_in_time() -> None:
    # 100.00 - 2.00 (in time) + 50.00 = 148.00
    items = [
        inv("INV-1", "100.00", discount="2.00", discount_date=date(2026, 3, 12)),
        inv("INV-2", "50.00"),
    ]
    result = match(items, amount="148.00")
    assert [(a.item_number, a.cash, a.discount) for a in result.allocations] == [
        ("INV-1", D("98.00"), D("2.00")),
        ("INV-2", D("50.00"), D(0)),
    ]


def test_a_search_cut_short_never_posts() -> None:
    items = [inv(f"INV-{n}", f"{n}.{n:02d}", due=date(2026, 4, n)) for n in range(1, 30)]
    settings = MatchSettings(max_subset_steps=5)
    (d,) = match(items, amount="200.00", settings=settings).decisions
    assert (d.status, d.code) == (MatchStatus.EXCEPTION, "RMT_SEARCH_LIMIT")
    settings = MatchSettings(max_subset_items=3)  # 2.02 + 3.03 = 5.05 among the 3 oldest only
    (d,) = match(items, amount="5.05", settings=settings).decisions
    assert (d.status, d.code) == (MatchStatus.SUGGESTED, "RMT_SEARCH_LIMIT")


def test_the_rest_of_a_payment_beyond_its_lines_goes_to_subset_sum() -> None:
    items = [inv("INV-1", "100.00"), inv("INV-2", "42.42")]
    result = match(items, line("INV-1", "100.00"), amount="142.42")
    assert [d.code for d in result.decisions] == ["RMT_MATCHED", "RMT_MATCHED"]
    assert result.decisions[1].allocations[0].item_number == "INV-2"


def test_lines_that_need_more_cash_than_the_payment_fall_back() -> None:
    items = [inv("INV-1", "100.00"), inv("INV-2", "50.00")]
    result = match(items, line("INV-1", "100.00"), line("INV-2", "50.00"), amount="120.00")
    assert [(d.status, d.code) for d in result.decisions] == [
        (MatchStatus.AUTO, "RMT_MATCHED"),
        (MatchStatus.EXCEPTION, "RMT_LINES_EXCEED_PAYMENT"),
    ]
    assert result.on_account == D("20.00")


def test_credit_memo_lines_are_exceptions() -> None:
    cn = OpenItem(
        "CN-000001", ItemKind.CREDIT_NOTE, "C1", "USD", "1200", PAY, PAY, D("-20"), D("-20")
    )
    result = match(
        [inv("INV-1", "100.00"), cn],
        line("INV-1", "100.00"),
        line("CN-000001", "-20.00", "CR"),
        amount="80.00",
    )
    assert [d.code for d in result.decisions] == ["RMT_LINES_EXCEED_PAYMENT", "RMT_CREDIT_MEMO"]
    assert result.decisions[1].candidates[0].item_numbers == ("CN-000001",)


def test_the_same_invoice_twice_is_applied_once() -> None:
    result = match([inv("INV-1", "100.00")], line("INV-1", "100.00"), line("INV-1", "100.00"))
    assert [(d.status, d.code) for d in result.decisions] == [
        (MatchStatus.AUTO, "RMT_MATCHED"),
        (MatchStatus.EXCEPTION, "RMT_ALREADY_APPLIED"),
    ]
    assert (result.applied, result.on_account) == (D("100.00"), D("100.00"))


def test_find_subsets_counts_up_to_two_and_respects_the_step_limit() -> None:
    assert find_subsets([5, 3, 2], 5, 100).solutions == ((0,), (1, 2))
    assert find_subsets([7, 3], 10, 100).solutions == ((0, 1),)
    assert find_subsets([7, 3], 11, 100).solutions == ()
    assert find_subsets(list(range(1, 40)), 400, 3).complete is False


def test_a_folded_reference_to_an_item_already_paid_is_not_moved_to_its_twin() -> None:
    # "INV-000003" and "3/" fold to the same key "3" with the same 75.25 open. The first line
    # names INV-000003 exactly; the second, "inv-000003", most likely pays it twice: settling
    # "3/" instead would be a guess, so the line waits with both as candidates.
    result = match(
        [inv("INV-000003", "75.25"), inv("3/", "75.25")],
        line("INV-000003", "75.25"),
        line("inv-000003", "75.25"),
    )
    first, second = result.decisions[:2]
    assert (first.status, first.allocations[0].item_number) == (MatchStatus.AUTO, "INV-000003")
    assert (second.status, second.code, second.allocations) == (
        MatchStatus.EXCEPTION,
        "RMT_AMBIGUOUS",
        (),
    )
    assert {n for c in second.candidates for n in c.item_numbers} == {"INV-000003", "3/"}
    assert result.on_account == D("75.25")
