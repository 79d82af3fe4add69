"""apply_remittances on the in-memory unit of work: the same ledger as apply_remittance one by
one (tests/support/remittance_batches.py)."""

from __future__ import annotations

from core.memory import MemoryUnitOfWork
from tests.support import remittance_batches as rb


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
