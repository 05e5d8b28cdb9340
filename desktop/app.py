"""Composition root of the `cax-desk` GUI: builds the services and hands them to the windows."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from desktop import paths
from desktop.version import __version__
from domain.logsafe import RedactingFormatter

if TYPE_CHECKING:  # for annotations only: the functions below import Qt where they need it
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop.storage.crypto import KdfParams
    from desktop.ui.services import Services
    from desktop.ui.startup import StartupController

LOG_FILE = "cax-desk.log"
log = logging.getLogger("desktop.app")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cax-desk", description="CAX Desk station app")
    parser.add_argument("--home", help="the station folder (default: $CAX_HOME or the data folder)")
    parser.add_argument("--lang", choices=("vi", "en"), help="language of the UI (default: vi)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check the installation: create a station in a temporary folder, render every"
        " page offscreen, exit 0",
    )
    parser.add_argument("--version", action="version", version=f"CAX Desk {__version__}")
    return parser.parse_args(argv)


def setup_logging(home: Path) -> Path:
    """Errors and events to <home>/logs/cax-desk.log (never keys, passwords or record data)."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder = home / "logs"
    folder.mkdir(exist_ok=True, mode=0o700)
    log_file = folder / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    # Tracebacks without messages: an error's text may quote a record (domain/logsafe.py).
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


def install_exception_hook(log_file: Path) -> None:
    """Uncaught exceptions are logged and shown as a translated dialog, never a bare traceback."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.errors import show_error

    showing = threading.Event()

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception", exc_info=(kind, error, tb))
        if (
            QApplication.instance() is None
            or threading.current_thread() is not threading.main_thread()
            or showing.is_set()  # an error while showing an error: the log has it
        ):
            return
        showing.set()
        try:
            show_error(QApplication.activeWindow(), error, str(log_file)).finished.connect(
                lambda _: showing.clear()
            )
        except Exception:
            showing.clear()
            log.exception("could not show the error dialog")

    sys.excepthook = hook
    threading.excepthook = lambda args: log.error(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=args.exc_value,
    )


@dataclass
class Application:
    """Everything `main()` built, kept alive together (and handed to tests and the benchmark)."""

    qt: QApplication
    services: Services
    controller: StartupController
    translators: list[QTranslator]


def build(
    home: Path, language: str | None, *, threaded: bool = True, kdf: KdfParams | None = None
) -> Application:
    """The QApplication, the services and the start-up controller; nothing is shown yet."""
    from PySide6.QtWidgets import QApplication

    from desktop.storage import crypto
    from desktop.storage.station import Station
    from desktop.ui import i18n, icons, theme
    from desktop.ui.errors import show_error
    from desktop.ui.idle import IdleWatcher
    from desktop.ui.preferences import PreferencesStore
    from desktop.ui.services import Services
    from desktop.ui.startup import StartupController
    from desktop.ui.tasks import TaskRunner

    existing = QApplication.instance()
    qt = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt.setApplicationName("CAX Desk")
    qt.setApplicationVersion(__version__)
    qt.setWindowIcon(icons.app_icon())
    theme.apply_palette(qt)
    preferences = PreferencesStore(home)
    chosen = i18n.choose_language(language, preferences.load().language)
    translators = i18n.install_translators(qt, chosen)
    log_file = home / "logs" / LOG_FILE
    tasks = TaskRunner(threaded=threaded)
    tasks.on_unhandled = lambda error: show_error(qt.activeWindow(), error, str(log_file))
    services = Services(
        station=Station(home),
        tasks=tasks,
        preferences=preferences,
        idle=IdleWatcher(10 * 60_000),
        language=chosen,
        log_file=log_file,
    )
    controller = StartupController(services, kdf=kdf or crypto.DEFAULT_KDF)
    return Application(qt, services, controller, translators)


def run_smoke(language: str | None) -> int:
    """Packaging check: a real station (real KDF) in a temp folder, every page rendered."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.storage.station import Station
    from desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="cax-smoke-") as tmp:
        home = Path(tmp) / "station"
        app = build(home, language or "vi", threaded=False)
        if language != "en" and not app.translators:
            print("smoke FAILED: no translation catalogue found", file=sys.stderr)
            return 1
        session, _key = Station.create(
            home,
            code="00004",
            name="Công an phường Ba Đình",
            supervisor="truong",
            password="Smoke-Test-2026!",
            full_name="Kiểm tra",
        )
        window = MainWindow(app.services)
        window.open_session(session)
        window.show()
        rendered = 0
        for page in window.pages():
            window.show_page(page.KEY)
            app.qt.processEvents()
            rendered += not window.grab().isNull()
        window.lock()
        window.close()
        print(
            f"smoke ok: CAX Desk {__version__}, {rendered} pages rendered, "
            f"{len(app.translators)} translation catalogues"
        )
        return 0 if rendered == len(window.page_classes) else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(argv) if argv is not None else sys.argv[1:])
    if args.smoke:
        return run_smoke(args.lang)
    home = paths.data_home(args.home)
    log_file = setup_logging(home)
    log.info("CAX Desk %s starting, station folder %s", __version__, home)
    install_exception_hook(log_file)
    app = build(home, args.lang)
    app.controller.start()
    code = app.qt.exec()
    app.services.tasks.wait()
    log.info("CAX Desk stopped (%s)", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
