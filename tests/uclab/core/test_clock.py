"""uclab.core.clock: virtual time that only moves when advanced."""

from datetime import UTC, datetime

import pytest

from uclab.core.clock import DEFAULT_START, Clock, epoch_to_iso
from uclab.core.errors import ConfigError


def test_starts_at_default_and_advances():
    c = Clock()
    assert c.now() == int(DEFAULT_START.timestamp())
    c.advance(minutes=61)
    assert c.now() == int(DEFAULT_START.timestamp()) + 61 * 60
    assert c.iso() == "2026-03-02T10:01:00.000Z"


def test_tick_moves_milliseconds():
    c = Clock()
    before = c.ms
    assert c.tick(5) == before + 5


def test_refuses_to_go_backwards():
    with pytest.raises(ConfigError, match="only moves forward"):
        Clock().advance(seconds=-1)


def test_refuses_naive_start():
    with pytest.raises(ConfigError, match="timezone-aware"):
        Clock(datetime(2026, 1, 1))


def test_epoch_to_iso():
    stamp = datetime(2026, 3, 2, 9, tzinfo=UTC).timestamp()
    assert epoch_to_iso(stamp) == "2026-03-02 09:00:00 UTC"
