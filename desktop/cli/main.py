"""Entry point of `cax`: language, the command's handler, and one clear line (never a traceback)
per failure. The arguments are defined in `parser.py`."""

from __future__ import annotations

import io
import logging
import logging.handlers
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from desktop import paths
from desktop.cli.messages import Messages, choose_language
from desktop.cli.parser import build_parser, resolve_handler
from desktop.core.errors import AppError
from domain.logsafe import RedactingFormatter

# Exit codes scripts can rely on.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_EXIT_BY_CODE = {
    "WRONG_PASSWORD": 3,
    "UNKNOWN_USER": 3,
    "USER_REMOVED": 3,
    "LOGIN_THROTTLED": 3,
    "WRONG_RECOVERY_KEY": 3,
    "PASSWORD_REQUIRED": 3,
    "STATION_NOT_FOUND": 4,
    "STATION_EXISTS": 4,
    "KEYFILE_UNREADABLE": 5,
    "KEYFILE_TAMPERED": 5,
    "ROLE_TAMPERED": 5,
    "DATABASE_CORRUPT": 5,
    "DATABASE_TOO_NEW": 5,
    "DATABASE_LOCKED": 6,
    "PERMISSION_DENIED": 7,
    "UNKNOWN_FORM": 8,
    "RECORD_FILE_INVALID": 1,
    "RECORD_NOT_FOUND": 8,
    "LAW_NOT_FOUND": 8,
    "RECORD_STATE": 9,
    "REASON_REQUIRED": 9,
    "REPORT_NOT_FOUND": 8,
    "REPORT_SUBMITTED": 9,
    "BACKUP_DAMAGED": 5,
    "BACKUP_OTHER_STATION": 4,
    "CURRENT_LOGIN_REQUIRED": 3,
    "PRINTING_UNAVAILABLE": 10,
    "SERVER_UNREACHABLE": 20,
    "SERVER_UNAVAILABLE": 20,
    "TLS_UNTRUSTED": 21,
    "INSECURE_TRANSPORT": 21,
    "CERTIFICATE_INVALID": 21,
    "DEVICE_NOT_AUTHORISED": 22,
    "ENROLMENT_CODE_INVALID": 22,
    "STATION_MISMATCH": 22,
    "SYNC_NOT_ENROLLED": 23,
    "SYNC_RUNNING": 6,
    "SYNC_BUSY": 6,
    "DISK_FULL": 11,
    "ATTACHMENT_UNREADABLE": 1,
    "ATTACHMENT_TYPE_REFUSED": 12,
    "ATTACHMENT_TYPE_MISMATCH": 12,
    "ATTACHMENT_IMAGE_TOO_BIG": 12,
    "ATTACHMENT_DAMAGED": 12,
    "ATTACHMENT_PDF_UNSAFE": 12,
    "ATTACHMENT_TOO_LARGE": 13,
    "ATTACHMENT_RECORD_FULL": 13,
    "ATTACHMENT_NOT_FOUND": 8,
    "ATTACHMENT_CORRUPT": 5,
}
EXIT_INTERNAL = 70

log = logging.getLogger("cax.cli")


def _log_to_file(home: Path) -> logging.handlers.RotatingFileHandler:
    """Warnings and errors of this command to <home>/logs/cax-cli.log, never to the terminal
    (where Python would print them in English beside the translated message). The file is
    opened only when something is logged."""
    folder = home / "logs" if home.is_dir() else Path(tempfile.gettempdir())
    target = folder / "cax-cli.log"
    handler = _LazyFolderHandler(target, maxBytes=1_000_000, backupCount=3, delay=True)
    # Tracebacks without messages: an error's text may quote a record (domain/logsafe.py).
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


class _LazyFolderHandler(logging.handlers.RotatingFileHandler):
    """Makes the log folder when the first line is written, not at every command."""

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    messages = Messages(choose_language(getattr(args, "lang", None)))
    home = paths.data_home(getattr(args, "home", None))
    # Bundled form files that passed their schema check before are not checked again. Imported
    # only now, as the handler is: `--version` and `--help` have exited by this line.
    from desktop.core.checked_files import CheckedFilesFile
    from domain.schema_memory import remember_checked_files

    remember_checked_files(CheckedFilesFile(paths.cache_home() / paths.CHECKED_FORMS_FILE))
    handler = _log_to_file(home)
    logging.getLogger("cax").addHandler(handler)
    try:
        # Imported only now: each command loads what it uses, `--version` loads nothing.
        return resolve_handler(args.handler)(args, home, messages)
    except AppError as error:
        print(messages.app_error(error), file=sys.stderr)
        return _EXIT_BY_CODE.get(error.code, EXIT_FAILED)
    except KeyboardInterrupt:
        print(messages.error("INTERRUPTED"), file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error in %s", args.command)
        print(messages.error("INTERNAL_ERROR", log=handler.baseFilename), file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        # main() also runs inside tests: leave no process-wide state.
        logging.getLogger("cax").removeHandler(handler)
        handler.close()
        remember_checked_files(None)


if __name__ == "__main__":
    sys.exit(main())
