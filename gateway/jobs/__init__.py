"""The gateway's scheduled jobs, in an explicit registry (``JOBS``), each idempotent.

``poll_channels``      one pass over every partner's inbound channel (one worker per channel)
``retry_sends``        send the outbound queue; failed sends wait their backoff
``distribute_invoices`` ledger events → 856 / 810 / UBL documents queued for the partners
``reconcile_acks``     documents whose acknowledgement is overdue → ACK_OVERDUE
``match_remittances``   remittance lines left on account, matched again against new open items
``purge_archive``      archived files past their retention that nothing refers to any more

Work is claimed (row locks on the outbound queue, leases for channels and single-worker jobs),
so several ``o2c run`` workers on one PostgreSQL database never handle the same file,
document or event twice, and a job fired twice does no harm.
"""
