"""Every `cax` command's arguments, and which handler runs it — named, not imported.

A handler is written `"module:function"` (a module of desktop/cli) and imported only when its
command runs: `cax --version` or a typo must not pay for SQLAlchemy, the form catalogue, the sync
client or openpyxl (~0.5 s), and each command loads only what it uses (bench/cli_startup_bench.py).
This module therefore imports nothing beyond the standard library and the version.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Iterator
from typing import Any

from desktop.version import __version__

Handler = Callable[..., int]


class LazyChoices:
    """Choices argparse reads only when it checks a value or prints help: their module is heavy.
    Give the argument a `metavar`, or argparse lists the choices while the parser is built."""

    def __init__(self, load: Callable[[], list[str]]) -> None:
        self._load = load

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __contains__(self, value: object) -> bool:
        return value in self._load()


def _record_statuses() -> list[str]:
    from domain.records import RecordStatus

    return [str(status) for status in RecordStatus]


def _export_formats() -> list[str]:
    from desktop.storage.export import FORMATS

    return list(FORMATS)


def resolve_handler(name: str) -> Handler:
    """The function a handler name points at, importing its module now."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"desktop.cli.{module}"), function)


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
    _add_station(sub, common)
    _add_records(sub, common)
    _add_report(sub, common)
    _add_export(sub, common)
    _add_backup(sub, common)
    _add_print(sub, common)
    _add_law(sub, common)
    _add_sync(sub, common)
    _add_db(sub, common)
    return parser


def _add_station(sub: Any, common: argparse.ArgumentParser) -> None:
    """`init`, `user …`, `unlock --recovery-key` and `audit …`."""
    init = sub.add_parser("init", parents=[common], help="set up a new station")
    init.add_argument("--station-code", required=True)
    init.add_argument("--station-name", required=True)
    init.add_argument("--supervisor", required=True, help="user name of the first supervisor")
    init.add_argument("--full-name", default="")
    init.set_defaults(handler="commands:init")

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", parents=[common])
    add.add_argument("username")
    add.add_argument("--role", choices=["officer", "supervisor"], required=True)
    add.add_argument("--full-name", default="")
    add.set_defaults(handler="commands:user_add")
    lst = user.add_parser("list", parents=[common])
    lst.add_argument("--all", action="store_true", help="include removed users")
    lst.set_defaults(handler="commands:user_list")
    passwd = user.add_parser("passwd", parents=[common])
    passwd.add_argument("username", nargs="?", default="", help="(supervisors) another user")
    passwd.set_defaults(handler="commands:user_passwd")
    remove = user.add_parser("remove", parents=[common])
    remove.add_argument("username")
    remove.add_argument("--reason", default="")
    remove.set_defaults(handler="commands:user_remove")

    unlock = sub.add_parser("unlock", parents=[common], help="reset a supervisor's password")
    unlock.add_argument("--recovery-key", action="store_true", required=True)
    unlock.add_argument("--recovery-key-file", default=None)
    unlock.set_defaults(handler="commands:unlock_with_recovery_key")

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="action", required=True
    )
    audit.add_parser("verify", parents=[common]).set_defaults(handler="commands:audit_verify")
    audit_list = audit.add_parser("list", parents=[common])
    audit_list.add_argument("--limit", type=int, default=50)
    audit_list.add_argument("--action", dest="audit_action", default=None)
    audit_list.set_defaults(handler="commands:audit_list")


def _record_filters(*, paged: bool = True) -> argparse.ArgumentParser:
    """The Records page's filters, shared by `record list`, `record search` and `export`
    (which writes every match: no --limit)."""
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--form", dest="filter_form", default=None)
    filters.add_argument(
        "--status", choices=LazyChoices(_record_statuses), metavar="STATUS", help="%(choices)s"
    )
    filters.add_argument("--author", default=None)
    filters.add_argument("--commune", default=None, help="5-digit commune code")
    filters.add_argument("--from", dest="date_from", default=None, help="event date, dd/mm/yyyy")
    filters.add_argument("--to", dest="date_to", default=None, help="event date, dd/mm/yyyy")
    if paged:
        filters.add_argument("--limit", type=int, default=50)
    return filters


def _add_records(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `form` and `record` command groups."""
    form = sub.add_parser("form", help="the form catalogue").add_subparsers(
        dest="action", required=True
    )
    form.add_parser("list", parents=[common]).set_defaults(handler="record_commands:form_list")
    show = form.add_parser("show", parents=[common])
    show.add_argument("form")
    show.set_defaults(handler="record_commands:form_show")

    filters = _record_filters()
    record = sub.add_parser("record", help="records").add_subparsers(dest="action", required=True)
    new = record.add_parser("new", parents=[common])
    new.add_argument("form")
    new.add_argument("--data", required=True, help="JSON file (see docs/examples)")
    new.add_argument("--draft", action="store_true", help="store even with errors, as a draft")
    new.set_defaults(handler="record_commands:record_new")
    record.add_parser("list", parents=[common, filters]).set_defaults(
        handler="record_commands:record_list"
    )
    search = record.add_parser("search", parents=[common, filters])
    search.add_argument("text", nargs="+")
    search.set_defaults(handler="record_commands:record_search")
    for name in ("show", "complete"):
        cmd = record.add_parser(name, parents=[common])
        cmd.add_argument("record")
        if name == "complete":
            cmd.add_argument("--override", action="append", default=[], metavar="PATH=CODE:REASON")
        cmd.set_defaults(handler=f"record_commands:record_{name}")
    approve = record.add_parser("approve", parents=[common])
    approve.add_argument("records", nargs="+")
    approve.set_defaults(handler="record_commands:record_approve")
    amend = record.add_parser("amend", parents=[common])
    amend.add_argument("record")
    amend.add_argument("--data", required=True)
    amend.add_argument("--reason", required=True)
    amend.add_argument("--override", action="append", default=[], metavar="PATH=CODE:REASON")
    amend.set_defaults(handler="record_commands:record_amend")
    back = record.add_parser("return", parents=[common], help="send back to the author")
    back.add_argument("record")
    back.add_argument("--comment", required=True, help="what the author must correct")
    back.set_defaults(handler="record_commands:record_return")
    void = record.add_parser("void", parents=[common])
    void.add_argument("record")
    void.add_argument("--reason", required=True)
    void.set_defaults(handler="record_commands:record_void")
    _add_attachments(record, common)


def _add_attachments(record: Any, common: argparse.ArgumentParser) -> None:
    """The attachment commands of the `record` group."""
    attach = record.add_parser("attach", parents=[common], help="attach files to a record")
    attach.add_argument("record")
    attach.add_argument("files", nargs="+", metavar="FILE")
    attach.add_argument("--field", default=None, help="the field the files belong to")
    attach.set_defaults(handler="attachment_commands:record_attach")
    listing = record.add_parser("attachments", parents=[common], help="a record's files")
    listing.add_argument("record")
    listing.add_argument("--all", action="store_true", help="removed files too")
    listing.set_defaults(handler="attachment_commands:record_attachments")
    detach = record.add_parser("detach", parents=[common], help="remove a file, with a reason")
    detach.add_argument("record")
    detach.add_argument("name")
    detach.add_argument("--reason", required=True)
    detach.set_defaults(handler="attachment_commands:record_detach")
    extract = record.add_parser("extract", parents=[common], help="(supervisors) decrypt a file")
    extract.add_argument("record")
    extract.add_argument("name")
    extract.add_argument("--out", required=True, help="a new file (never over an existing one)")
    extract.set_defaults(handler="attachment_commands:record_extract")


def _add_report(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "report", parents=[common], help="the periodic report (báo cáo định kỳ; supervisors)"
    )
    cmd.add_argument(
        "--period",
        required=True,
        help="2026-10, 2026-K10 (15/09 to 14/10), 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-W42 "
        "or 01/10/2026-31/10/2026",
    )
    cmd.add_argument("--pdf", default=None, metavar="FILE", help="also write the document as PDF")
    cmd.add_argument("--submit", action="store_true", help="submit: freeze figures and text")
    cmd.add_argument(
        "--narrative",
        default=None,
        metavar="FILE",
        help="JSON with the written parts: political_security, hot_spots, movement, "
        "shortcomings, plans, recommendations",
    )
    cmd.add_argument(
        "--figures",
        default=None,
        metavar="FILE",
        # The keys are listed in docs/reports.md: naming them here would import the report
        # package at every start of cax.
        help="JSON with the period's residence and ID applications (keys: docs/reports.md)",
    )
    cmd.set_defaults(handler="report_command:report")


def _add_export(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "export",
        parents=[common, _record_filters(paged=False)],
        help="records to Excel or CSV (supervisors)",
    )
    cmd.add_argument(
        "--format",
        choices=LazyChoices(_export_formats),
        metavar="FORMAT",
        help="%(choices)s",
        required=True,
    )
    cmd.add_argument("--out", required=True, metavar="FILE")
    cmd.add_argument("--search", default=None, metavar="TEXT", help="as the search box")
    cmd.add_argument(
        "--include-sensitive",
        action="store_true",
        help="also export sensitive personal data (needs the permission to see it)",
    )
    cmd.set_defaults(handler="export_command:export")


def _add_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("backup", help="encrypted backups").add_subparsers(
        dest="action", required=True
    )
    create = group.add_parser("create", parents=[common], help="back up the station to FILE")
    create.add_argument("file", metavar="FILE")
    create.set_defaults(handler="backup_commands:backup_create")
    check = group.add_parser("check", parents=[common], help="check a backup file's contents")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(handler="backup_commands:backup_check")
    restore = group.add_parser(
        "restore", parents=[common], help="replace the station with FILE (close CAX Desk first)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--other-station", action="store_true", help="accept a backup of another station"
    )
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help="allow the restore with the current station's recovery key instead of --user",
    )
    restore.add_argument("--recovery-key-file", default=None)
    restore.add_argument(
        "--backup-user", default="", help="a supervisor in the backup (default: --user)"
    )
    restore.add_argument(
        "--backup-password-file",
        default=None,
        help="their password in the backup (else $CAX_BACKUP_PASSWORD, else --user's)",
    )
    restore.set_defaults(handler="backup_commands:backup_restore")


def _add_print(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser("print", parents=[common], help="a record as its document (PDF)")
    cmd.add_argument("record", help="record id")
    cmd.add_argument("--pdf", required=True, metavar="FILE", help="write the PDF here")
    cmd.add_argument(
        "--document",
        metavar="NAME",
        help="which paper of a form that prints several (F1: intake or transfer)",
    )
    cmd.set_defaults(handler="print_command:print_record")


def _add_law(sub: Any, common: argparse.ArgumentParser) -> None:
    law = sub.add_parser("law", help="the legal catalogue").add_subparsers(
        dest="action", required=True
    )
    search = law.add_parser("search", parents=[common], help="find violations by words")
    search.add_argument("text", help="words of the behaviour, accents optional")
    when = search.add_mutually_exclusive_group()
    when.add_argument(
        "--date", default=None, help="provisions in force on DD/MM/YYYY (default: today)"
    )
    when.add_argument("--all", action="store_true", help="every version, repealed ones too")
    search.set_defaults(handler="law_command:search_command")
    show = law.add_parser("show", parents=[common], help="one entry in full")
    show.add_argument("entry", help="catalogue id, e.g. nd282.8.1.a")
    show.set_defaults(handler="law_command:show_command")


def _add_sync(sub: Any, common: argparse.ArgumentParser) -> None:
    """The `sync` command group: online sync, its settings, and bundles on removable media."""
    sync = sub.add_parser("sync", help="sync with the central server").add_subparsers(
        dest="action", required=True
    )
    enroll = sync.add_parser("enroll", parents=[common], help="enrol with the server (once)")
    enroll.add_argument("--server", required=True, help="https://server[:port]")
    enroll.add_argument("--code", required=True, help="one-time code from the centre")
    enroll.add_argument("--ca", default=None, help="the centre's CA certificate (PEM file)")
    enroll.add_argument("--device-name", default="", help="how the centre lists this computer")
    enroll.add_argument(
        "--allow-http",
        action="store_true",
        help="a trial server over plain http on another computer (records travel unencrypted)",
    )
    enroll.set_defaults(handler="sync_commands:sync_enroll")

    run = sync.add_parser("run", parents=[common], help="send and receive now")
    run.add_argument("--batch", type=int, default=0, help="at most this many records a request")
    run.add_argument("--progress", action="store_true", help="a progress line per batch")
    run.add_argument("--retries", type=int, default=None, help="tries per request (default 6)")
    run.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="when the app or another cax is syncing this station, wait this long for it",
    )
    run.set_defaults(handler="sync_commands:sync_run")

    status = sync.add_parser("status", parents=[common], help="what waits, the last syncs")
    status.add_argument("--history", type=int, default=0, help="list this many past syncs")
    status.set_defaults(handler="sync_commands:sync_status")

    settings = sync.add_parser("set", parents=[common], help="sync policy and auto-sync")
    settings.add_argument("--policy", choices=["on-completion", "after-approval"])
    settings.add_argument("--auto-sync", choices=["on", "off"])
    settings.set_defaults(handler="sync_commands:sync_set")

    declare = sync.add_parser(
        "declare-restore",
        parents=[common],
        help="tell the centre this station was restored from a backup (supervisors)",
    )
    declare.add_argument("--reason", required=True, help="why the backup was restored")
    declare.set_defaults(handler="sync_commands:sync_declare_restore")
    _add_bundles(sync, common)


def _add_bundles(sync: Any, common: argparse.ArgumentParser) -> None:
    export = sync.add_parser(
        "export-bundle", parents=[common], help="write every waiting record to a bundle file"
    )
    export.add_argument("file", help="the bundle file to write (e.g. on a USB stick)")
    export.set_defaults(handler="bundle_commands:export_bundle")
    receipt = sync.add_parser(
        "import-receipt", parents=[common], help="apply the server's receipt of a bundle"
    )
    receipt.add_argument("file", help="the receipt written by `cax-server import-bundle`")
    receipt.set_defaults(handler="bundle_commands:import_receipt")


def _add_db(sub: Any, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="database upkeep").add_subparsers(dest="action", required=True)
    db.add_parser("check", parents=[common]).set_defaults(handler="commands:db_check")
    rekey = db.add_parser("rekey", parents=[common])
    rekey.add_argument(
        "--new-recovery-key",
        action="store_true",
        help="also replace the recovery key (the new one is shown once)",
    )
    rekey.set_defaults(handler="commands:db_rekey")
