"""apply_remittances on the in-memory unit of work: the same ledger as apply_remittance one by
one (tests/support/remittance_batches.py)."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.commands import ApplyRemittance
from core.domain.matching import match_indexed
from core.domain.matching_index import ExactIndex, NeedsAllItems
from core.domain.receivables import OpenItem
from core.domain.remittance import MatchSettings, RemittanceInput
from core.memory import MemoryUnitOfWork
from tests.support import remittance_batches as rb
from tests.support.remittances import Book


def test_batches_post_what_one_by_one_posts() -> None:
    book = rb.book()
    cmds = rb.commands(book)
    single, batched = MemoryUnitOfWork(), MemoryUnitOfWork()
    rb.seed(single, book)
    rb.seed(batched, book)
    one = rb.snapshot(single, rb.one_by_one(single, cmds))
    rb.assert_same(one, rb.snapshot(batched, rb.in_batches(batched, cmds)))


def test_batch_again_posts_nothing() -> None:
    book = rb.book()
    cmds = rb.commands(book)[: rb.BATCH]
    uow = MemoryUnitOfWork()
    rb.seed(uow, book)
    rb.in_batches(uow, cmds)
    rb.assert_replay_posts_nothing(uow, cmds)


def _completes_on_named_items(book: Book, remittance: RemittanceInput) -> bool:
    """Whether the match needs nothing but the items its references name (``ExactIndex``)."""
    accounts = book.accounts_of(remittance.payer_account)
    by_number = {i.number: i for i in book.items if i.customer_account in accounts}
    named = [i for ln in remittance.lines if (i := by_number.get(ln.reference.strip()))]
    settings = MatchSettings()
    try:
        match_indexed(remittance, ExactIndex.build(named, settings.prefixes), accounts, settings)
    except NeedsAllItems:
        return False
    return True


def test_remittances_naming_our_numbers_do_not_read_all_their_payers_items() -> None:
    """A batch (one remittance per payer) reads all the open items of exactly the payers whose
    match needs more than the items their lines name."""
    book = rb.book()
    cmds = [ApplyRemittance(c.remittance, idempotency_key=c.remittance.trace) for c in book.cases]
    uow = MemoryUnitOfWork()
    rb.seed(uow, book)
    asked: set[str] = set()
    read_accounts = uow.open_items.query_accounts

    def spy(accounts: Sequence[str], only_open: bool = False) -> list[OpenItem]:
        asked.update(accounts)
        return read_accounts(accounts, only_open)

    uow.open_items.query_accounts = spy  # type: ignore[method-assign]
    done = rb.in_batches(uow, cmds)
    needing_all = {
        a
        for cmd in cmds
        if not _completes_on_named_items(book, cmd.remittance)
        for a in book.accounts_of(cmd.remittance.payer_account)
    }
    assert len(done) == len(cmds)
    assert needing_all and asked == needing_all
    assert len({c.remittance.payer_account for c in book.cases} - asked) > len(cmds) // 5
