"""``core.db.gc_pause.paused``: automatic collection is off inside, restored as it was after."""

from __future__ import annotations

import gc

import pytest

from core.db.gc_pause import paused


def test_collection_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it on for the outer one
    assert gc.isenabled()


def test_collection_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("flush failed")
    assert gc.isenabled()


def test_a_caller_that_had_collection_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
