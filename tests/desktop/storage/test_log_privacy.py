"""No personal data in the station's logs: the log folder is readable without a password, beside
a database encrypted because of what it holds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from desktop.app import setup_logging
from desktop.cli.main import _log_to_file
from domain.logsafe import format_exception
from tests.desktop.conftest import StationFixture

SECRET = "Nguyễn Thị Bí Mật 001085012345"


def test_a_failing_statement_never_quotes_its_parameters(station_home: StationFixture) -> None:
    """The engine hides parameters: an error's text names the statement, not the values."""
    session = station_home.unlock()
    try:
        with pytest.raises(exc.DBAPIError) as caught, session.db.engine.begin() as conn:
            # The audit log refuses every UPDATE (a trigger): a statement that fails with data.
            conn.execute(text("UPDATE audit_log SET details = :secret"), {"secret": SECRET})
    finally:
        session.close()
    assert SECRET not in str(caught.value)
    assert "hidden" in str(caught.value)


def _cli_log(home: Path) -> str:
    """What `cax` does for each command: its file handler on the "cax" logger."""
    handler = _log_to_file(home)
    logging.getLogger("cax").addHandler(handler)
    return handler.baseFilename


@pytest.mark.parametrize("make_log", [setup_logging, _cli_log], ids=["app", "cli"])
def test_log_files_keep_the_error_class_not_its_message(tmp_path: Path, make_log) -> None:  # type: ignore[no-untyped-def]
    """The app's and the CLI's log files write an exception's class and frames, never its text."""
    root, cax = logging.getLogger(), logging.getLogger("cax")
    before = (list(root.handlers), list(cax.handlers))
    log_file = make_log(tmp_path)
    try:
        try:
            raise ValueError(f"cannot normalise {SECRET}")
        except ValueError as error:
            logging.getLogger("cax.test").error("failed", exc_info=error)
    finally:
        for logger, handlers in zip((root, cax), before, strict=True):
            for handler in set(logger.handlers) - set(handlers):
                handler.close()
                logger.removeHandler(handler)
    written = Path(log_file).read_text(encoding="utf-8")
    assert "ValueError" in written and "test_log_privacy.py" in written
    assert SECRET not in written and "Bí Mật" not in written


def test_database_errors_keep_their_sqlstate() -> None:
    """A PostgreSQL error is described by its class and SQLSTATE (what the server logs)."""

    class Driver(Exception):
        sqlstate = "23514"

    try:
        try:
            raise Driver(
                f"new row violates check constraint. DETAIL: Failing row contains ({SECRET})"
            )
        except Driver as driver:
            raise exc.IntegrityError("INSERT …", None, driver) from driver
    except exc.IntegrityError as error:
        described = format_exception(error)
    assert "sqlalchemy.exc.IntegrityError (SQLSTATE 23514)" in described
    assert SECRET not in described
