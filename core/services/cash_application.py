"""Cash application: record a remittance's payment and apply the part the matcher may post.

One unit of work: read the open items of the payer (the invoice account) and of its child
(store) accounts, run the pure matcher (``core.domain.matching``), then ``record_payment`` with
one ``Application`` per auto-postable allocation (a batch, ``apply_remittances``, posts the same
through ``core.services.payment_posting.PaymentPoster``). The settlement mechanics of
``core.services.settlement`` (cash discount in time, penny and underpayment write-offs,
deduction items with the ADX reason codes, ``Application.deduct``) do the posting; whatever
is not applied stays on the payment as on-account money. Suggestions and exceptions are
returned, not posted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from core.domain.commands import (
    Application,
    ApplyPayment,
    ApplyRemittance,
    RecordPayment,
    RematchPayment,
)
from core.domain.errors import RuleViolation
from core.domain.frozen import quick_init
from core.domain.lazy_items import joined
from core.domain.matching import match_named, match_remittance
from core.domain.parties import Customer
from core.domain.receivables import ItemKind, OpenItem, Settlement
from core.domain.remittance import ZERO, MatchResult, MatchSettings, RemittanceInput
from core.domain.settings import Tolerances
from core.ports import UnitOfWork
from core.services import _common as c
from core.services.payment_posting import PaymentPoster
from core.services.settlement import record_payment, settle_applications


@quick_init
@dataclass(frozen=True, slots=True)
class RemittanceApplied:
    """The payment item (its open amount is what stays on account) and the match; ``result``
    is None when the command was a replay of an earlier one."""

    payment: OpenItem
    result: MatchResult | None
    replayed: bool = False


def payer_accounts(uow: UnitOfWork, account: str) -> frozenset[str]:
    """``account`` and the accounts of the customers whose parent it is."""
    return frozenset({account, *(cust.account for cust in uow.customers.children(account))})


def _open_items_of(uow: UnitOfWork, accounts: frozenset[str]) -> list[OpenItem]:
    """The open items of ``accounts``, account by account (sorted), each by date and number."""
    return [i for a in sorted(accounts) for i in uow.open_items.query(a, only_open=True)]


def _payer(uow: UnitOfWork, remittance: RemittanceInput) -> Customer:
    """The customer that is invoiced for the remittance's payer account."""
    return c.customer(uow, c.customer(uow, remittance.payer_account).invoice_account)


def _apply(
    uow: UnitOfWork, cmd: ApplyRemittance, payer: Customer, accounts: frozenset[str],
    items: Sequence[OpenItem], poster: PaymentPoster | None = None,
) -> RemittanceApplied:  # fmt: skip
    """Match the remittance against ``items`` (the open items of ``accounts``) and record the
    payment with the auto-postable allocations applied; remembers the idempotency key."""
    settings = _settings(uow, cmd.settings)
    result = match_remittance(_booked(cmd, payer), items, accounts, settings)
    return _record(uow, cmd, payer, result, poster)


def _booked(cmd: ApplyRemittance, payer: Customer) -> RemittanceInput:
    """The remittance as the ledger books it: paid by the account that is invoiced (the
    remittance itself when it already names that account: it is frozen)."""
    remittance = cmd.remittance
    if remittance.payer_account == payer.account:
        return remittance
    return replace(remittance, payer_account=payer.account)


def _record(
    uow: UnitOfWork,
    cmd: ApplyRemittance,
    payer: Customer,
    result: MatchResult,
    poster: PaymentPoster | None = None,
) -> RemittanceApplied:
    """Record the payment with the match's auto-postable allocations applied (through the
    batch's ``poster`` when there is one: the same postings); remembers the idempotency key."""
    remittance = cmd.remittance
    if poster is not None:
        payment = poster.pay(
            payer.account,
            remittance.payment_amount,
            remittance.trace,
            remittance.payment_date,
            result.allocations,
            remittance.currency or None,
        )
        c.remember(uow, "apply_remittance", cmd.idempotency_key, payment.number)
        return RemittanceApplied(payment, result)
    payment = record_payment(
        uow,
        RecordPayment(
            payer.account,
            remittance.payment_amount,
            remittance.trace,
            remittance.payment_date,
            _applications(result),
            currency=remittance.currency or None,
        ),
    )
    c.remember(uow, "apply_remittance", cmd.idempotency_key, payment.number)
    return RemittanceApplied(payment, result)


def _settings(uow: UnitOfWork, given: MatchSettings | None) -> MatchSettings:
    """The match settings with the ledger's tolerances (always the ledger's)."""
    return _with_tolerances(given, uow.settings.tolerances)


@lru_cache(maxsize=64)
def _with_tolerances(given: MatchSettings | None, tolerances: Tolerances) -> MatchSettings:
    """``given`` (or the default settings) with ``tolerances``: made once per pair (both are
    frozen), not once per remittance."""
    return replace(given or MatchSettings(), tolerances=tolerances)


def _applications(result: MatchResult) -> tuple[Application, ...]:
    """The auto-postable allocations of a match, as the ledger's applications."""
    return tuple(
        Application(a.item_number, a.consumed, a.in_full, a.reason, a.deduct)
        for a in result.allocations
    )


def _replay(uow: UnitOfWork, cmd: ApplyRemittance) -> RemittanceApplied | None:
    """The earlier payment when the command's idempotency key was already applied."""
    if prev := c.replayed(uow, "apply_remittance", cmd.idempotency_key):
        return RemittanceApplied(c.item(uow, prev), None, replayed=True)
    return None


def apply_remittance(uow: UnitOfWork, cmd: ApplyRemittance) -> RemittanceApplied:
    with uow:
        if done := _replay(uow, cmd):
            return done
        payer = _payer(uow, cmd.remittance)
        accounts = payer_accounts(uow, payer.account)
        applied = _apply(uow, cmd, payer, accounts, _open_items_of(uow, accounts))
        uow.commit()
        return applied


def apply_remittances(uow: UnitOfWork, cmds: Sequence[ApplyRemittance]) -> list[RemittanceApplied]:
    """``apply_remittance`` for each command in order, in one unit of work, with the open items
    of every payer of the batch (and of its stores) read at once.

    A remittance whose accounts an earlier one of the batch already posted to reads its open
    items again (seeing that remittance's settlements, payment and deductions), so the postings,
    numbers and events are those of applying the commands one by one. A remittance whose lines
    all name our numbers is first matched on just the items those numbers name (one read for
    the batch, ``_exact_matches``); only the others need all the open items of their payer.
    """
    with uow:
        stored = uow.idempotency.get_many(
            "apply_remittance", [k for cmd in cmds if (k := cmd.idempotency_key)]
        )
        new = [cmd for cmd in cmds if not (cmd.idempotency_key and cmd.idempotency_key in stored)]
        _read_payers(uow, [cmd.remittance.payer_account for cmd in new])
        payers = [
            None if cmd.idempotency_key and cmd.idempotency_key in stored
            else _payer(uow, cmd.remittance)
            for cmd in cmds
        ]  # fmt: skip
        accounts = _payer_account_sets(uow, {p.account for p in payers if p is not None})
        plan = _plan(cmds, [None if p is None else accounts[p.account] for p in payers])
        exact = _exact_matches(uow, cmds, payers, accounts, plan)
        prefetched = _by_account(
            uow,
            [
                accounts[p.account]
                for n, p in enumerate(payers)
                if p is not None and plan[n] is _Turn.FRESH and n not in exact
            ],
        )
        done = []
        poster = PaymentPoster(uow)
        for n, (cmd, payer) in enumerate(zip(cmds, payers, strict=True)):
            if plan[n] is _Turn.REPLAY:
                replay = _replay(uow, cmd)
                assert replay is not None  # its key is stored, or remembered in this batch
                done.append(replay)
                continue
            assert payer is not None
            if n in exact:
                done.append(_record(uow, cmd, payer, exact[n], poster))
                continue
            mine = accounts[payer.account]
            items = (
                joined([prefetched.get(a, ()) for a in sorted(mine)])
                if plan[n] is _Turn.FRESH
                else _open_items_of(uow, mine)
            )
            done.append(_apply(uow, cmd, payer, mine, items, poster))
        uow.commit()
        return done


class _Turn(Enum):
    """What a command of a batch does when its turn comes."""

    REPLAY = "replay"  # its key was applied before, or earlier in the batch
    FRESH = "fresh"  # no earlier command of the batch posts to its accounts
    REREAD = "reread"  # an earlier one does: its items are read again at its turn


def _plan(
    cmds: Sequence[ApplyRemittance], account_sets: Sequence[frozenset[str] | None]
) -> list[_Turn]:
    """Per command its ``_Turn`` (no accounts: a replay). A fresh command's items read at the
    start of the batch are as they are when its turn comes."""
    touched: set[str] = set()
    keys: set[str] = set()  # applied earlier in the batch: their commands are now replays
    plan: list[_Turn] = []
    for cmd, mine in zip(cmds, account_sets, strict=True):
        if mine is None or cmd.idempotency_key in keys:
            plan.append(_Turn.REPLAY)
            continue
        keys.add(cmd.idempotency_key or "")
        plan.append(_Turn.REREAD if touched & mine else _Turn.FRESH)
        touched |= mine
    return plan


def _exact_references(remittance: RemittanceInput) -> set[str] | None:
    """The references of a remittance that the exact-number rule alone might settle, or None
    when its match needs all the payer's items anyway: no lines, lines that leave part of the
    payment to the subset search, or a line that names a purchase order."""
    lines = remittance.lines
    if not lines or any(ln.qualifier == "PO" for ln in lines):
        return None
    if sum((ln.amount_paid for ln in lines), ZERO) < remittance.payment_amount:
        return None  # the rest goes to the subset search over all the payer's items
    return {ln.reference.strip() for ln in lines}


def _exact_matches(
    uow: UnitOfWork,
    cmds: Sequence[ApplyRemittance],
    payers: Sequence[Customer | None],
    accounts: dict[str, frozenset[str]],
    plan: Sequence[_Turn],
) -> dict[int, MatchResult]:
    """Position -> match, for the fresh commands whose match needed nothing but items looked
    up by number (``ExactIndex``): the items their references name, read at once."""
    wanted: dict[int, set[str]] = {}
    for n, (cmd, payer) in enumerate(zip(cmds, payers, strict=True)):
        if payer is not None and plan[n] is _Turn.FRESH:
            refs = _exact_references(cmd.remittance)
            if refs is not None:
                wanted[n] = refs
    if not wanted:
        return {}
    found = {
        i.number: i for i in uow.open_items.open_numbered(sorted(set().union(*wanted.values())))
    }
    matched: dict[int, MatchResult] = {}
    for n, refs in wanted.items():
        cmd, payer = cmds[n], payers[n]
        assert payer is not None
        mine = accounts[payer.account]
        named = [i for r in sorted(refs) if (i := found.get(r)) and i.customer_account in mine]
        result = match_named(_booked(cmd, payer), named, refs, mine, _settings(uow, cmd.settings))
        if result is not None:
            matched[n] = result
    return matched


def _read_payers(uow: UnitOfWork, accounts: Sequence[str]) -> None:
    """Read the customers of ``accounts`` and those they are invoiced to, two reads in all, so
    that ``_payer`` finds them in the unit of work."""
    named = uow.customers.get_many(accounts)
    uow.customers.get_many([cust.invoice_account for cust in named.values()])


def _payer_account_sets(uow: UnitOfWork, payers: set[str]) -> dict[str, frozenset[str]]:
    """``payer_accounts`` of each payer, the children of all of them read at once."""
    stores: dict[str, set[str]] = {p: set() for p in payers}
    for parent, child in uow.customers.child_accounts(sorted(payers)) if payers else []:
        stores[parent].add(child)
    return {p: frozenset({p, *found}) for p, found in stores.items()}


def _by_account(
    uow: UnitOfWork, account_sets: Iterable[frozenset[str]]
) -> dict[str, Sequence[OpenItem]]:
    """The open items of all these accounts in one read, by customer account, each by doc
    date and number (built when first asked for, where the repository does that)."""
    wanted = sorted(set().union(*account_sets))
    return uow.open_items.open_by_account(wanted) if wanted else {}


def apply_payment(uow: UnitOfWork, cmd: ApplyPayment) -> tuple[Settlement, ...]:
    """Apply what is unapplied on a payment to the invoices a clerk chose, all or nothing.

    The invoices must belong to the payer or its child accounts, and the requested amounts may
    not exceed what is unapplied; the settlement rules are those of ``record_payment``.
    """
    with uow:
        if c.replayed(uow, "apply_payment", cmd.idempotency_key):
            return tuple(uow.settlements.for_items([cmd.payment_number]))
        payment = c.item(uow, cmd.payment_number)
        if payment.kind not in (ItemKind.PAYMENT, ItemKind.PREPAYMENT):
            raise RuleViolation("NOT_PAYMENT", f"{payment.number} is a {payment.kind.value}.")
        if not cmd.applications:
            raise RuleViolation("APPLY", "Name at least one invoice to apply the payment to.")
        unapplied = -payment.open_amount
        asked = sum((a.amount for a in cmd.applications if a.amount is not None), unapplied * 0)
        if unapplied <= 0 or asked > unapplied:
            raise RuleViolation(
                "OVER_APPLY",
                f"{payment.number} has {unapplied} unapplied; {asked} cannot be applied.",
            )
        accounts = payer_accounts(uow, payment.customer_account)
        for app in cmd.applications:
            debit = c.item(uow, app.invoice_number)
            if not debit.is_debit or debit.customer_account not in accounts:
                raise RuleViolation(
                    "APPLY_TARGET",
                    f"{debit.number} is not an open debit of {payment.customer_account} "
                    "or its stores.",
                )
            if debit.currency != payment.currency:
                raise RuleViolation(
                    "CURRENCY", f"{debit.number} is in {debit.currency}, not {payment.currency}."
                )
        done = settle_applications(uow, payment, cmd.applications, c.on(uow, cmd.apply_date))
        c.remember(uow, "apply_payment", cmd.idempotency_key, payment.number)
        uow.commit()
        return tuple(done)


def rematch_payment(uow: UnitOfWork, cmd: RematchPayment) -> MatchResult | None:
    """Run the matcher again over a payment's unapplied money and post what is now certain,
    settled on the payment's date (as the first match would have); None when nothing is
    unapplied. Running it twice posts nothing the second time: the applied money is gone."""
    with uow:
        payment = c.item(uow, cmd.payment_number)
        if payment.kind is not ItemKind.PAYMENT:
            raise RuleViolation("NOT_PAYMENT", f"{payment.number} is a {payment.kind.value}.")
        unapplied = -payment.open_amount
        if unapplied <= 0:
            return None
        accounts = payer_accounts(uow, payment.customer_account)
        remittance = RemittanceInput(
            unapplied, payment.doc_date, payment.reference, payment.customer_account,
            cmd.lines, payment.currency,
        )  # fmt: skip
        result = match_remittance(
            remittance, _open_items_of(uow, accounts), accounts, _settings(uow, cmd.settings)
        )
        settle_applications(uow, payment, _applications(result), payment.doc_date)
        uow.commit()
        return result
