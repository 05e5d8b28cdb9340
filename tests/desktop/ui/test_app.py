"""The composition root: arguments, logging, start-up choice, the crash dialog, --smoke."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import app as desk
from desktop.ui.errors import ErrorDialog
from desktop.ui.login_window import LoginWindow
from desktop.ui.pages import ALL_PAGES
from desktop.ui.setup_wizard import SetupWizard
from tests.desktop.conftest import OFFICER

ROOT = Path(__file__).resolve().parents[3]


def test_arguments():
    """--home and --lang are read; the language is limited to vi and en."""
    args = desk.parse_args(["--home", "/tmp/x", "--lang", "en"])
    assert (args.home, args.lang, args.smoke) == ("/tmp/x", "en", False)
    with pytest.raises(SystemExit):
        desk.parse_args(["--lang", "fr"])


def _close_all(application) -> None:
    for widget in QApplication.topLevelWidgets():
        widget.close()
    application.services.idle.stop()


def test_no_station_starts_the_wizard(qtbot, tmp_path):
    """An empty folder opens the set-up wizard."""
    application = desk.build(tmp_path / "empty", "en", threaded=False)
    application.controller.start()
    assert isinstance(application.controller.wizard, SetupWizard)
    assert application.controller.wizard.isVisible()
    _close_all(application)


def test_existing_station_starts_the_login_with_no_user_named(qtbot, station_home):
    """A station folder opens the login window with the user box empty, even where an older
    version remembered the last user in the preferences file: the next person chooses."""
    application = desk.build(station_home.home, "en", threaded=False)
    prefs = application.services.preferences.path
    prefs.write_text(json.dumps({"language": "en", "last_user": OFFICER}), encoding="utf-8")
    application.controller.start()
    login = application.controller.login
    assert isinstance(login, LoginWindow)
    assert login.form.user.currentText() == ""
    _close_all(application)


def test_log_file_in_the_station_folder(tmp_path):
    """Logging goes to <home>/logs/cax-desk.log."""
    log_file = desk.setup_logging(tmp_path / "home")
    handler = logging.getLogger().handlers[-1]
    try:
        logging.getLogger("desktop.test").warning("hello from the test")
        handler.flush()
        assert log_file == tmp_path / "home" / "logs" / "cax-desk.log"
        assert "hello from the test" in log_file.read_text(encoding="utf-8")
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


@pytest.mark.qt_no_exception_capture
def test_uncaught_exception_is_logged_and_shown(qtbot, tmp_path, caplog):
    """An uncaught exception is logged with its traceback and shown as the error dialog."""
    saved = sys.excepthook, threading.excepthook
    desk.install_exception_hook(tmp_path / "cax-desk.log")
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as error:
            with caplog.at_level(logging.ERROR):
                sys.excepthook(RuntimeError, error, error.__traceback__)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]
        assert len(dialogs) == 1
        assert dialogs[0].headline.text() == "<b>Something went wrong.</b>"
        assert "RuntimeError: boom" in dialogs[0].details.toPlainText()
        assert "boom" in caplog.text
        dialogs[0].close()
    finally:
        sys.excepthook, threading.excepthook = saved


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_smoke_runs_the_real_app_offscreen():
    """`cax-desk --smoke` creates a station with the real KDF, renders every page, exits 0."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "desktop.app", "--smoke", "--lang", "en"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke ok" in done.stdout
    assert f"{len(ALL_PAGES)} pages rendered" in done.stdout
