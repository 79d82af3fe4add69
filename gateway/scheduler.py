"""``o2c run``: the jobs of ``gateway.jobs`` on their schedules from configuration, with
APScheduler 3 (an interval in seconds, or a 5-field cron string). One job of a kind runs at a
time in a worker (missed runs coalesce); SIGTERM or SIGINT stops the worker cleanly after the
jobs under way. ``run_once`` runs each configured job once, in order, and returns.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Iterator
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from gateway.digits import is_digits
from gateway.jobs.runner import JOBS, Job
from gateway.pipeline.context import Gateway

log = logging.getLogger("o2c.scheduler")


def configured_jobs(gw: Gateway) -> Iterator[tuple[str, Job, object]]:
    """(name, job, schedule) for each job in [schedules] that the gateway knows."""
    for name, schedule in gw.config.gateway.schedules.items():
        job = JOBS.get(name)
        if job is None:
            log.warning("schedule %s names no job this gateway runs; skipped", name)
            continue
        yield name, job, schedule


def _trigger(schedule: object) -> IntervalTrigger | CronTrigger:
    if isinstance(schedule, int | float) or (isinstance(schedule, str) and is_digits(schedule)):
        return IntervalTrigger(seconds=int(schedule))
    return CronTrigger.from_crontab(str(schedule), timezone="UTC")


def _guarded(gw: Gateway, name: str, job: Job) -> None:
    try:
        log.info("%s: %s", name, job(gw))
    except Exception:  # a job's failure must not stop the worker; it is logged with its cause
        log.exception("job %s failed; it runs again on its next schedule", name)


def run_once(gw: Gateway) -> list[tuple[str, str]]:
    """Run each configured job once; returns (job, summary)."""
    done = []
    for name, job, _schedule in configured_jobs(gw):
        try:
            done.append((name, job(gw)))
        except Exception as exc:
            log.exception("job %s failed", name)
            done.append((name, f"failed: {exc}"))
    return done


def run_forever(gw: Gateway) -> None:
    """Run the jobs on their schedules until SIGTERM or SIGINT."""
    scheduler = BlockingScheduler(timezone="UTC")
    for name, job, schedule in configured_jobs(gw):
        scheduler.add_job(
            _guarded,
            _trigger(schedule),
            args=(gw, name, job),
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping after the jobs under way", signum)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("worker %s running %d job(s)", gw.worker, len(scheduler.get_jobs()))
    scheduler.start()
