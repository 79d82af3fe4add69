"""The gateway's collector settings: objects alive at start-up frozen, rarer young passes."""

from __future__ import annotations

import gc

from gateway.runtime_tuning import YOUNG_THRESHOLD, tune_gc


def test_raises_the_young_threshold_and_keeps_the_older_ones() -> None:
    _, middle, old = gc.get_threshold()
    settings = tune_gc(12_345)
    assert gc.get_threshold() == (12_345, middle, old)
    assert settings.thresholds == (12_345, middle, old)


def test_default_young_threshold() -> None:
    assert tune_gc().thresholds[0] == YOUNG_THRESHOLD > 700


def test_freezes_the_objects_alive_at_start_up() -> None:
    alive = [object()]
    assert any(o is alive for o in gc.get_objects())
    settings = tune_gc()
    assert settings.frozen == gc.get_freeze_count() > 0
    assert gc.is_tracked(alive)
    assert not any(o is alive for o in gc.get_objects())  # the permanent generation is not scanned
    assert gc.isenabled()


def test_objects_made_afterwards_are_collected_as_usual() -> None:
    tune_gc()
    later: list[object] = []
    later.append(later)  # a cycle
    assert any(o is later for o in gc.get_objects())
