"""Entry point of `cax`: arguments, language, and one clear line (never a traceback) per failure."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from desktop import paths
from desktop.cli import (
    backup_commands,
    bundle_commands,
    commands,
    export_command,
    law_command,
    print_command,
    record_commands,
    report_command,
    sync_commands,
)
from desktop.cli.messages import Messages, choose_language
from desktop.core.errors import AppError
from desktop.version import __version__
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


def _common_options() -> argparse.ArgumentParser:
    """Options every command takes, before or after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    add = common.add_argument
    add("--home", default=argparse.SUPPRESS, help="station data folder (default: $CAX_HOME)")
    add("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help="message language")
    add("--user", default=argparse.SUPPRESS, help="who you are (default: $CAX_USER)")
    add("--password-file", default=argparse.SUPPRESS, help="read your password from this file")
    add("--new-password-file", default=argparse.SUPPRESS, help="read the new password from here")
    add("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="cax", description="CAX Desk station administration", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"cax {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = sub.add_parser("init", parents=[common], help="set up a new station")
    init.add_argument("--station-code", required=True)
    init.add_argument("--station-name", required=True)
    init.add_argument("--supervisor", required=True, help="user name of the first supervisor")
    init.add_argument("--full-name", default="")
    init.set_defaults(handler=commands.init)

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", parents=[common])
    add.add_argument("username")
    add.add_argument("--role", choices=["officer", "supervisor"], required=True)
    add.add_argument("--full-name", default="")
    add.set_defaults(handler=commands.user_add)
    lst = user.add_parser("list", parents=[common])
    lst.add_argument("--all", action="store_true", help="include removed users")
    lst.set_defaults(handler=commands.user_list)
    passwd = user.add_parser("passwd", parents=[common])
    passwd.add_argument("username", nargs="?", default="", help="(supervisors) another user")
    passwd.set_defaults(handler=commands.user_passwd)
    remove = user.add_parser("remove", parents=[common])
    remove.add_argument("username")
    remove.add_argument("--reason", default="")
    remove.set_defaults(handler=commands.user_remove)

    unlock = sub.add_parser("unlock", parents=[common], help="reset a supervisor's password")
    unlock.add_argument("--recovery-key", action="store_true", required=True)
    unlock.add_argument("--recovery-key-file", default=None)
    unlock.set_defaults(handler=commands.unlock_with_recovery_key)

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="action", required=True
    )
    audit.add_parser("verify", parents=[common]).set_defaults(handler=commands.audit_verify)
    audit_list = audit.add_parser("list", parents=[common])
    audit_list.add_argument("--limit", type=int, default=50)
    audit_list.add_argument("--action", dest="audit_action", default=None)
    audit_list.set_defaults(handler=commands.audit_list)

    record_commands.add_parsers(sub, common)
    report_command.add_parser(sub, common)
    export_command.add_parser(sub, common)
    backup_commands.add_parsers(sub, common)
    print_command.add_parser(sub, common)
    law_command.add_parser(sub, common)
    bundle_commands.add_parsers(sync_commands.add_parsers(sub, common), common)

    db = sub.add_parser("db", help="database upkeep").add_subparsers(dest="action", required=True)
    db.add_parser("check", parents=[common]).set_defaults(handler=commands.db_check)
    rekey = db.add_parser("rekey", parents=[common])
    rekey.add_argument(
        "--new-recovery-key",
        action="store_true",
        help="also replace the recovery key (the new one is shown once)",
    )
    rekey.set_defaults(handler=commands.db_rekey)
    return parser


def _log_to_file(home: Path) -> Path:
    folder = home / "logs" if home.is_dir() else Path(tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "cax-cli.log"
    handler = logging.handlers.RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3)
    # Tracebacks without messages: an error's text may quote a record (domain/logsafe.py).
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("cax").addHandler(handler)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    messages = Messages(choose_language(getattr(args, "lang", None)))
    home = paths.data_home(getattr(args, "home", None))
    try:
        return args.handler(args, home, messages)
    except AppError as error:
        print(messages.app_error(error), file=sys.stderr)
        return _EXIT_BY_CODE.get(error.code, EXIT_FAILED)
    except KeyboardInterrupt:
        print(messages.error("INTERRUPTED"), file=sys.stderr)
        return 130
    except Exception:
        target = _log_to_file(home)
        log.exception("unexpected error in %s", args.command)
        print(messages.error("INTERNAL_ERROR", log=target), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
