"""`cax-server`, the central server's command line: serving and administration."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from domain.logsafe import RedactingFormatter
from protocol.errors import ErrorCode
from protocol.messages import ReviewDecision
from server import cli_commands as cmd
from server import cli_users
from server.api.routes.health import product_version
from server.core.config import Settings
from server.errors import ServerError

Handler = Callable[[argparse.Namespace, Settings], int]


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line with a stable code, like every other failure."""

    def error(self, message: str) -> NoReturn:
        print(f"Error [{ErrorCode.BAD_ARGUMENT}]: {message}", file=sys.stderr)
        sys.exit(2)


def _add(
    sub: argparse._SubParsersAction, name: str, handler: Handler, help_: str
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_)
    parser.set_defaults(handler=handler)
    return parser


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cax-server", description="CAX central server")
    parser.add_argument("--version", action="version", version=f"cax-server {product_version()}")
    top = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    db = top.add_parser("db", help="database schema").add_subparsers(dest="db_cmd", required=True)
    _add(db, "upgrade", cmd.db_upgrade, "schema, server keys, administrative units, bundled forms")

    serve = _add(top, "serve", cmd.serve, "run the HTTP API (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--certfile", help="TLS certificate (PEM); without it, plain HTTP")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--access-log", action="store_true", help="log every request")

    station = top.add_parser("station", help="stations").add_subparsers(
        dest="st_cmd", required=True
    )
    add = _add(station, "add", cmd.station_add, "add a station (a commune's 5-digit code)")
    add.add_argument("code")
    add.add_argument("name", nargs="?", help="default: 'Công an' + the unit's name")

    code = _add(top, "enroll-code", cmd.enroll_code, "issue a one-time enrolment code")
    code.add_argument("station")
    code.add_argument("--hours", type=int, default=72, help="validity (default 72)")

    device = top.add_parser("device", help="devices").add_subparsers(dest="dev_cmd", required=True)
    listing = _add(device, "list", cmd.device_list, "list enrolled devices")
    listing.add_argument("--station")
    revoke = _add(device, "revoke", cmd.device_revoke, "revoke a device")
    revoke.add_argument("device_id")
    revoke.add_argument("--reason", default="")

    rec = top.add_parser("records", help="stored records").add_subparsers(
        dest="rec_cmd", required=True
    )
    count = _add(rec, "count", cmd.records_count, "count records and revisions")
    count.add_argument("--station")
    export = _add(rec, "export", cmd.records_export, "export every revision")
    export.add_argument("--format", choices=("csv", "jsonl"), default="jsonl")
    export.add_argument("--station")
    export.add_argument("--output", help="file to write (default: standard output)")
    export.add_argument(
        "--with-attachments",
        metavar="DIR",
        help="also list each revision's attachments and write their files to DIR",
    )

    reports = top.add_parser("reports", help="periodic reports from stations").add_subparsers(
        dest="reports_cmd", required=True
    )
    listed = _add(reports, "list", cmd.reports_list, "a station's submitted reports")
    listed.add_argument("--station", required=True)

    form = top.add_parser("form", help="form versions").add_subparsers(
        dest="form_cmd", required=True
    )
    publish = _add(form, "publish", cmd.form_publish, "publish a new form version to every station")
    publish.add_argument("file", help="the form's JSON definition (as in resources/forms)")
    _add(form, "list", cmd.form_list, "the form versions the server knows")

    law = top.add_parser("law", help="the legal catalogue").add_subparsers(
        dest="law_cmd", required=True
    )
    law_publish = _add(law, "publish", cmd.law_publish, "publish a legal catalogue to stations")
    law_publish.add_argument("file", help="the catalogue's JSON (as resources/law/catalogue.json)")

    bundle = _add(top, "import-bundle", cmd.import_bundle, "import an offline bundle file")
    bundle.add_argument("file")
    bundle.add_argument("--receipt", required=True, help="where to write the signed receipt")
    keys = top.add_parser("keys", help="the server's public keys").add_subparsers(
        dest="keys_cmd", required=True
    )
    _add(keys, "show", cmd.keys_show, "keys stations seal bundles to and check receipts with")

    review = _add(top, "review", cmd.review, "accept a record or return it for correction")
    review.add_argument("record_id")
    decisions = [str(decision) for decision in ReviewDecision]
    review.add_argument("--decision", choices=decisions, required=True)
    review.add_argument("--comment", default="")
    review.add_argument("--reviewer", default="admin")
    cli_users.register(top, _add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    handler = logging.StreamHandler()
    # An exception's message may quote a record: class, SQLSTATE and frames only (logsafe).
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    try:
        return args.handler(args, Settings.from_env())
    except ServerError as exc:
        print(f"Error [{exc.code}]: {exc.detail}", file=sys.stderr)
    except OperationalError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else "cannot connect"
        print(f"Error [{ErrorCode.DATABASE_UNAVAILABLE}]: {detail}", file=sys.stderr)
    except SQLAlchemyError as exc:
        print(f"Error [{ErrorCode.INTERNAL_ERROR}]: {exc.__class__.__name__}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
