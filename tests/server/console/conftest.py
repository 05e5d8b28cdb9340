"""The console tests' TOTP clock: signing in three times in one 30-second step moves it on
instead of sleeping (helpers.unused_code)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from server.core import totp
from tests.server.console.helpers import TOTP_CLOCK


@pytest.fixture(autouse=True)
def totp_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    TOTP_CLOCK.offset = 0.0
    monkeypatch.setattr(totp, "time", TOTP_CLOCK)
    yield
    TOTP_CLOCK.offset = 0.0
