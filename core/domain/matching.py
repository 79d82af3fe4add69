"""Remittance matching (cash application): a pure function from a remittance and the open items
to a ``MatchResult`` (``core.domain.remittance``).

Per remittance line, the reference rules run in this order, the first that finds open items of
the payer wins:

* EXACT_NUMBER: the reference is one of our item numbers;
* NORMALISED_REFERENCE: equal after folding case, spaces, punctuation, prefixes and leading
  zeros (``core.domain.references``);
* PO_NUMBER: the invoices of that purchase (or sales) order; several are taken together when
  the line pays them all, or the one whose amount fits; otherwise ambiguous;
* EMBEDDED_REFERENCE: one of our numbers inside a longer text; posted only on an exact amount;
* NEAR_REFERENCE: one transposed, dropped or added digit; never more than a suggestion;
* otherwise RMT_UNKNOWN_INVOICE, with the payer's items of that amount as candidates.

Several items under one reference are told apart by the invoice amount (RMR05) or the amount
paid; if that leaves more than one, the line is RMT_AMBIGUOUS. The amount rules are in
``core.domain.matching_amounts``. Items of another customer are never posted
(RMT_OTHER_CUSTOMER); items of a child account are only suggested (RMT_CROSS_ACCOUNT) because a
settlement links a payment and an invoice of one account. The part of the payment the lines do
not cover (or all of it, without lines) goes through SUBSET_SUM (``core.domain.subset_sum``) over
the payer's other open items; one solution posts, two are ambiguous, a cut-short search only
suggests. An overpayment posts only on an exact number (the excess stays on account); on any
other reference rule it is suggested (RMT_OVER_OPEN_AMOUNT_REFERENCE). If the postable lines
would use more cash than the payment, the last ones fall back to RMT_LINES_EXCEED_PAYMENT.
An item a line of the same remittance already settles is RMT_ALREADY_APPLIED. What no posted
decision uses stays on account.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from core.domain.matching_amounts import AmountVerdict, allocate, due_on, evaluate
from core.domain.matching_index import ExactIndex, NeedsAllItems, OpenItemIndex
from core.domain.money import exponent
from core.domain.receivables import OpenItem
from core.domain.references import digit_runs, near_keys
from core.domain.remittance import (
    ZERO,
    Allocation,
    Candidate,
    Evidence,
    LineDecision,
    MatchResult,
    MatchSettings,
    MatchStatus,
    RemittanceInput,
    RemittanceLineInput,
    make_line_decision,
)
from core.domain.subset_sum import find_subsets

AUTO, SUGGESTED, EXCEPTION = MatchStatus.AUTO, MatchStatus.SUGGESTED, MatchStatus.EXCEPTION
RULE_SCORES = {
    "EXACT_NUMBER": 60,
    "NORMALISED_REFERENCE": 50,
    "PO_NUMBER": 45,
    "EMBEDDED_REFERENCE": 40,
    "SUBSET_SUM": 35,
    "NEAR_REFERENCE": 30,
    "AMOUNT_ONLY": 10,
}


def match_remittance(
    remittance: RemittanceInput,
    open_items: Sequence[OpenItem],
    payer_accounts: frozenset[str],
    settings: MatchSettings | None = None,
) -> MatchResult:
    """Match ``remittance`` against ``open_items``; ``payer_accounts`` are the payer's account
    and its child (store) accounts."""
    s = settings or MatchSettings()
    return match_indexed(remittance, OpenItemIndex.build(open_items, s.prefixes), payer_accounts, s)


def match_named(
    remittance: RemittanceInput,
    named: Sequence[OpenItem],
    references: Collection[str],
    payer_accounts: frozenset[str],
    settings: MatchSettings,
) -> MatchResult | None:
    """The match on only ``named``, the payer's open items that the remittance's (stripped)
    ``references`` name by number (``ExactIndex``), or None when it needs all the payer's
    items. A reference that names none of them sends its line past the exact-number rule, so
    such a remittance is not tried (the match would raise ``NeedsAllItems`` at that line)."""
    if not {i.number for i in named}.issuperset(references):
        return None
    try:
        return match_indexed(
            remittance, ExactIndex.build(named, settings.prefixes), payer_accounts, settings
        )
    except NeedsAllItems:
        return None


@dataclass(slots=True)
class _Run:
    remittance: RemittanceInput
    index: OpenItemIndex
    accounts: frozenset[str]
    s: MatchSettings
    remaining: dict[str, Decimal]

    def open_of(self, item: OpenItem) -> Decimal:
        return self.remaining.get(item.number, item.open_amount)

    def usable(self, items: Iterable[OpenItem]) -> list[OpenItem]:
        """The debit items (``is_debit``) still open, in the remittance's currency if given."""
        cur, left = self.remittance.currency, self.remaining
        return [
            i
            for i in items
            if i.amount > ZERO
            and left.get(i.number, i.open_amount) > ZERO
            and (not cur or i.currency == cur)
        ]


def match_indexed(
    remittance: RemittanceInput,
    index: OpenItemIndex,
    payer_accounts: frozenset[str],
    settings: MatchSettings,
) -> MatchResult:
    """``match_remittance`` on an index built once for many remittances."""
    payer = remittance.payer_account
    accounts = payer_accounts if payer in payer_accounts else payer_accounts | {payer}
    run = _Run(remittance, index, accounts, settings, {})
    remaining = run.remaining
    decisions: list[LineDecision] = []
    paid = ZERO  # the lines' amounts, summed in order (as ``sum`` from ZERO)
    used = ZERO  # the cash the postable decisions use
    for n, line in enumerate(remittance.lines):
        paid = paid + line.amount_paid
        d = _decide_line(run, n, line)
        decisions.append(d)
        if d.status is AUTO:  # _consume, inline
            for a in d.allocations:
                remaining[a.item_number] = a.open_before - a.item_reduction
                used = used + a.cash + a.overpay_write_off
    if used > remittance.payment_amount:
        fitted = _fit_cash(decisions, remittance.payment_amount)
        if fitted is not decisions:  # some demoted: what the others leave open
            decisions = fitted
            remaining.clear()
            for d in decisions:
                _consume(run, d)
    rest = remittance.payment_amount - paid
    if rest > ZERO:
        decisions.append(_decide_rest(run, rest))
    return MatchResult(remittance.payment_amount, tuple(decisions))


def _consume(run: _Run, d: LineDecision) -> None:
    for a in d.allocations if d.status is AUTO else ():
        run.remaining[a.item_number] = a.open_before - a.item_reduction


def _fit_cash(decisions: list[LineDecision], payment: Decimal) -> list[LineDecision]:
    """The decisions with the last postable ones demoted while they use more cash than the
    payment; ``decisions`` itself when none is."""
    used = sum((d.consumed for d in decisions if d.status is AUTO), ZERO)
    if used <= payment:
        return decisions
    fitted = list(decisions)
    for n in range(len(fitted) - 1, -1, -1):
        if used <= payment:
            break
        d = fitted[n]
        if d.status is AUTO:
            used -= d.consumed
            fitted[n] = _demote(d, EXCEPTION, "RMT_LINES_EXCEED_PAYMENT")
    return fitted


def _demote(d: LineDecision, status: MatchStatus, code: str) -> LineDecision:
    keep = Candidate(tuple(a.item_number for a in d.allocations), 80, d.rule, d.evidence)
    return replace(d, status=status, code=code, allocations=(), candidates=(keep, *d.candidates))


def _decide_line(run: _Run, n: int, line: RemittanceLineInput) -> LineDecision:
    if line.qualifier == "CR" or line.amount_paid <= ZERO:
        base = LineDecision(n, line.reference, line.amount_paid, EXCEPTION, "", "")
        found = [i for i in _lookup(run, line)[1] if not i.is_debit]
        cands = tuple(Candidate((i.number,), 50, "CREDIT_MEMO") for i in found)
        return replace(base, code="RMT_CREDIT_MEMO", rule="CREDIT_MEMO", candidates=cands)
    rule, items, evidence = _lookup(run, line)
    accounts, remaining = run.accounts, run.remaining
    if len(items) == 1:  # the usual line: one item, not settled by an earlier line
        item = items[0]
        cur = run.remittance.currency
        if (
            item.number not in remaining
            and item.amount > ZERO
            and item.open_amount > ZERO
            and (not cur or item.currency == cur)
            and item.customer_account in accounts
        ):
            return _single_checked(run, n, line, rule, item, evidence)
    mine = [i for i in run.usable(items) if i.customer_account in accounts]
    used = [i.number for i in items if i.number in remaining and not run.open_of(i)]
    base = LineDecision(n, line.reference, line.amount_paid, EXCEPTION, "", "")
    if not mine and used:
        cands = (Candidate(tuple(used), 50, rule, evidence),)
        return replace(base, code="RMT_ALREADY_APPLIED", rule=rule, candidates=cands)
    if not mine:
        return _no_reference(run, base, line, rule, run.usable(items))
    if used and rule in _FOLDED:
        # the folded reference also names an item an earlier line settled: the payer may be
        # paying that one twice, so the item left over is a guess, not a match
        twins = [Candidate((i.number,), _score(run, rule, line, i), rule, evidence) for i in mine]
        return replace(
            base,
            code="RMT_AMBIGUOUS",
            rule=rule,
            candidates=_ranked(run, [Candidate(tuple(used), 50, rule, evidence), *twins]),
            evidence=(*evidence, ("already_settled_by_this_remittance", ", ".join(used))),
        )
    if len(mine) > 1:
        return _several(run, base, line, rule, mine, evidence)
    return _single_checked(run, n, line, rule, mine[0], evidence)


def _single_checked(
    run: _Run, n: int, line: RemittanceLineInput, rule: str, item: OpenItem, evidence: Evidence
) -> LineDecision:
    """``_single`` of the one item of the payer's a line's reference found; an embedded
    reference posts only on the exact amount due."""
    decision = _single(run, n, line, rule, item, evidence)
    if rule == "EMBEDDED_REFERENCE" and decision.status is AUTO:
        alloc = decision.allocations[0]
        if line.amount_paid != due_on(item, alloc.open_before, run.remittance.payment_date):
            return _demote(decision, SUGGESTED, "RMT_EMBEDDED_REFERENCE")
    return decision


_FOLDED = ("NORMALISED_REFERENCE", "EMBEDDED_REFERENCE")


def _lookup(run: _Run, line: RemittanceLineInput) -> tuple[str, list[OpenItem], Evidence]:
    """The first reference rule that finds items of the payer (else the first that finds any
    items at all), and the items it finds. Each rule looks only when the ones before it found
    nothing of the payer's."""
    ix, ref, accounts = run.index, line.reference.strip(), run.accounts
    key = ix.key(ref)
    by_po = line.qualifier == "PO"
    exact = None  # the item of that number, looked up once (a PO line: only in its turn)
    if not by_po:  # the exact number first: most lines stop there
        exact = ix.by_number.get(ref)
        if exact and exact.customer_account in accounts:
            return (
                "EXACT_NUMBER",
                [exact],
                (("rule", "EXACT_NUMBER"), ("reference", ref), ("key", key)),
            )
    foreign: list[OpenItem]
    foreign_rule, foreign = "", []  # the first rule that found only other customers' items
    for rule in _PO_FIRST if by_po else _NUMBER_FIRST:
        if rule == "EXACT_NUMBER":
            item = ix.by_number.get(ref) if by_po else exact
            found = [item] if item else []
        elif rule == "NORMALISED_REFERENCE":
            found = ix.with_key(key)
        elif rule == "PO_NUMBER":
            found = ix.for_order(ref)
        else:  # EMBEDDED_REFERENCE
            runs = digit_runs(ref, run.s.min_embedded_digits)
            found = [i for k in runs if k != key for i in ix.with_key(k)]
        for i in found:
            if i.customer_account in accounts:
                return rule, found, (("rule", rule), ("reference", ref), ("key", key))
        if found and not foreign:
            foreign_rule, foreign = rule, found
    return foreign_rule, foreign, (("reference", ref), ("key", key))


_NUMBER_FIRST = ("EXACT_NUMBER", "NORMALISED_REFERENCE", "PO_NUMBER", "EMBEDDED_REFERENCE")
_PO_FIRST = ("PO_NUMBER", "EXACT_NUMBER", "NORMALISED_REFERENCE", "EMBEDDED_REFERENCE")


def _single(
    run: _Run,
    n: int,
    line: RemittanceLineInput,
    rule: str,
    item: OpenItem,
    evidence: Evidence,
) -> LineDecision:
    open_amount = run.open_of(item)
    verdict = evaluate(line, item, open_amount, run.remittance.payment_date, run.s)
    ev = (*evidence, ("item", item.number), ("account", item.customer_account), *verdict.evidence)
    name = f"{rule}+{verdict.rule}"
    if verdict.allocation is None:
        cand = Candidate((item.number,), _score(run, rule, line, item), rule, ev)
        return make_line_decision(
            n, line.reference, line.amount_paid, EXCEPTION, verdict.code, name,
            (), verdict.deductions, (cand,), ev,
        )  # fmt: skip
    code = verdict.code
    if line.invoice_amount is not None and line.invoice_amount not in (item.amount, open_amount):
        code = "RMT_INVOICE_AMOUNT_DIFFERS"
    if code == "RMT_OVER_OPEN_AMOUNT" and not rule.startswith("EXACT_NUMBER"):
        code = "RMT_OVER_OPEN_AMOUNT_REFERENCE"  # a folded reference that pays too much
    if item.customer_account != run.remittance.payer_account:
        code = "RMT_CROSS_ACCOUNT"
    status = AUTO
    allocations: tuple[Allocation, ...] = (verdict.allocation,)
    cands: tuple[Candidate, ...] = ()
    if code not in ("RMT_MATCHED", "RMT_OVER_OPEN_AMOUNT"):
        cand = Candidate((item.number,), _score(run, rule, line, item), rule, ev)
        status, allocations, cands = SUGGESTED, (), (cand,)
    return make_line_decision(
        n, line.reference, line.amount_paid, status, code, name,
        allocations, verdict.deductions, cands, ev,
    )  # fmt: skip


def _exact_fit(verdict: AmountVerdict) -> bool:
    return verdict.postable and verdict.rule in ("AMOUNT_EXACT", "DISCOUNT_IN_TIME", "ADJUSTMENT")


def _several(
    run: _Run,
    base: LineDecision,
    line: RemittanceLineInput,
    rule: str,
    mine: list[OpenItem],
    evidence: Evidence,
) -> LineDecision:
    on = run.remittance.payment_date
    if rule == "PO_NUMBER" and not line.adjustments:
        dues = [due_on(i, run.open_of(i), on) for i in mine]
        if sum(dues, ZERO) == line.amount_paid:
            return _together(run, base, mine, dues, f"{rule}+ALL_INVOICES", evidence)
    by_invoice_amount = [i for i in mine if line.invoice_amount == i.amount]
    if len(by_invoice_amount) == 1:
        one = by_invoice_amount[0]
        return _single(run, base.line_index or 0, line, f"{rule}+INVOICE_AMOUNT", one, evidence)
    pool = by_invoice_amount or mine
    fits = [i for i in pool if _exact_fit(evaluate(line, i, run.open_of(i), on, run.s))]
    if len(fits) == 1:
        return _single(run, base.line_index or 0, line, f"{rule}+AMOUNT", fits[0], evidence)
    cands = [Candidate((i.number,), _score(run, rule, line, i), rule, evidence) for i in mine]
    return replace(
        base,
        code="RMT_AMBIGUOUS",
        rule=rule,
        candidates=_ranked(run, cands),
        evidence=(*evidence, ("matches", str(len(mine))), ("amount_fits", str(len(fits)))),
    )


def _together(
    run: _Run,
    base: LineDecision,
    items: Sequence[OpenItem],
    dues: Sequence[Decimal],
    rule: str,
    evidence: Evidence,
) -> LineDecision:
    """Several items settled in full by one amount (a PO's invoices, a subset sum)."""
    on, s = run.remittance.payment_date, run.s
    allocs = tuple(
        allocate(i, run.open_of(i), d, on, s, "") for i, d in zip(items, dues, strict=True)
    )
    ev = (*evidence, ("items", " ".join(i.number for i in items)))
    cross = any(i.customer_account != run.remittance.payer_account for i in items)
    if cross:
        cand = Candidate(tuple(i.number for i in items), 70, rule, ev)
        return replace(
            base, status=SUGGESTED, code="RMT_CROSS_ACCOUNT", rule=rule, candidates=(cand,)
        )
    return replace(
        base, status=AUTO, code="RMT_MATCHED", rule=rule, allocations=allocs, evidence=ev
    )


def _no_reference(
    run: _Run,
    base: LineDecision,
    line: RemittanceLineInput,
    rule: str,
    foreign: list[OpenItem],
) -> LineDecision:
    ref, key = line.reference, run.index.key(line.reference)
    others = [Candidate((i.number,), _score(run, rule, line, i), rule) for i in foreign]
    near = [
        i
        for i in run.usable(run.index.with_keys(near_keys(key)))
        if i.customer_account in run.accounts
    ]
    if near:
        cands = [
            Candidate((i.number,), _score(run, "NEAR_REFERENCE", line, i), "NEAR_REFERENCE",
                      (("reference", ref), ("key", key), ("item", i.number)))
            for i in near
        ]  # fmt: skip
        return replace(
            base, status=SUGGESTED, code="RMT_NEAR_REFERENCE", rule="NEAR_REFERENCE",
            candidates=_ranked(run, [*cands, *others]), evidence=(("reference", ref), ("key", key)),
        )  # fmt: skip
    if foreign:
        accounts = " ".join(sorted({i.customer_account for i in foreign}))
        return replace(
            base, code="RMT_OTHER_CUSTOMER", rule=rule, candidates=_ranked(run, others),
            evidence=(("reference", ref), ("accounts", accounts)),
        )  # fmt: skip
    on = run.remittance.payment_date
    same = [
        i
        for i in run.usable(run.index.for_accounts(run.accounts))
        if line.amount_paid in (run.open_of(i), due_on(i, run.open_of(i), on))
    ]
    cands = [
        Candidate((i.number,), _score(run, "AMOUNT_ONLY", line, i), "AMOUNT_ONLY") for i in same
    ]
    return replace(
        base, code="RMT_UNKNOWN_INVOICE", rule="NONE", candidates=_ranked(run, cands),
        evidence=(("reference", ref), ("key", key), ("same_amount", str(len(same)))),
    )  # fmt: skip


def _score(run: _Run, rule: str, line: RemittanceLineInput, item: OpenItem) -> int:
    """0-100: the reference rule's weight, plus amount agreement, less another customer."""
    open_amount = run.open_of(item)
    score = RULE_SCORES.get(rule, 20)
    if line.amount_paid + line.deducted in (
        open_amount,
        due_on(item, open_amount, run.remittance.payment_date),
    ):
        score += 30
    elif abs(open_amount - line.amount_paid) <= run.s.tolerances.max_underpayment:
        score += 10
    if line.invoice_amount is not None and line.invoice_amount == item.amount:
        score += 10
    if item.customer_account not in run.accounts:
        score -= 30
    return max(0, min(100, score))


def _ranked(run: _Run, cands: Iterable[Candidate]) -> tuple[Candidate, ...]:
    best = sorted(cands, key=lambda c: (-c.score, c.item_numbers))
    return tuple(best[: run.s.max_candidates])


def _decide_rest(run: _Run, rest: Decimal) -> LineDecision:
    """SUBSET_SUM: the payer's open items (oldest due first) whose dues add up to ``rest``."""
    on, s = run.remittance.payment_date, run.s
    pool = sorted(
        run.usable(run.index.for_accounts(run.accounts)), key=lambda i: (i.due_date, i.number)
    )
    currency = run.remittance.currency or (pool[0].currency if pool else "")
    pool = [i for i in pool if i.currency == currency]
    truncated = len(pool) > s.max_subset_items
    pool = pool[: s.max_subset_items]
    scale = exponent(currency) if currency else 2
    dues = [due_on(i, run.open_of(i), on) for i in pool]
    search = find_subsets(
        [int(d.scaleb(scale)) for d in dues], int(rest.scaleb(scale)), s.max_subset_steps
    )
    ev: Evidence = (
        ("amount", str(rest)),
        ("pool", str(len(pool))),
        ("truncated", str(truncated)),
        ("steps", str(search.steps)),
        ("solutions", str(len(search.solutions))),
    )
    base = LineDecision(None, "", rest, EXCEPTION, "RMT_UNAPPLIED_CASH", "SUBSET_SUM", evidence=ev)
    cands = [
        Candidate(tuple(pool[k].number for k in sol), RULE_SCORES["SUBSET_SUM"], "SUBSET_SUM", ev)
        for sol in search.solutions
    ]
    if not search.complete:
        return replace(base, code="RMT_SEARCH_LIMIT")
    if len(search.solutions) != 1:
        code = "RMT_AMBIGUOUS" if search.solutions else "RMT_UNAPPLIED_CASH"
        return replace(base, code=code, candidates=tuple(cands))
    if truncated:
        return replace(base, status=SUGGESTED, code="RMT_SEARCH_LIMIT", candidates=tuple(cands))
    chosen = search.solutions[0]
    items, chosen_dues = [pool[k] for k in chosen], [dues[k] for k in chosen]
    return _together(run, base, items, chosen_dues, "SUBSET_SUM", ev)
