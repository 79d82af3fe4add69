"""apply_remittances on SQLite and PostgreSQL: the same ledger as apply_remittance one by one
(tests/support/remittance_batches.py). Both runs share the test's database, each inside one
outer transaction: the one-by-one run's is rolled back once its ledger is read, the batches' is
committed. (One transaction each because an item created earlier in the same transaction and one
read back from the database differ in the matcher's evidence text, e.g. a cash discount of '0'
against '0.00'; the postings are the same either way.)"""

from __future__ import annotations

from core.db.uow import SqlUnitOfWork
from tests.support import remittance_batches as rb


def test_batches_post_what_one_by_one_posts(uow: SqlUnitOfWork) -> None:
    book = rb.book()
    cmds = rb.commands(book)
    rb.seed(uow, book)
    with uow:  # inner units of work join this transaction; it is never committed
        one = rb.snapshot(uow, rb.one_by_one(uow, cmds))
    with uow:
        batched = rb.in_batches(uow, cmds)
        uow.commit()
    rb.assert_same(one, rb.snapshot(uow, batched))


def test_batch_again_posts_nothing(uow: SqlUnitOfWork) -> None:
    book = rb.book()
    cmds = rb.commands(book)[: rb.BATCH]
    rb.seed(uow, book)
    rb.in_batches(uow, cmds)
    rb.assert_replay_posts_nothing(uow, cmds)
