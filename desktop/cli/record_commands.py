"""`cax form …` and `cax record …`: the form catalogue and the record lifecycle from a terminal."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli import attachment_commands
from desktop.cli.commands import EXIT_FAILED, EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.core.errors import InvalidInput, UnknownForm, ValidationFailed
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.records import RecordService
from domain.forms.catalogue import Catalogue, load_catalogue
from domain.forms.model import FieldDefinition, FormDefinition, walk_fields
from domain.forms.record_file import parse_record_file
from domain.records import RecordFilter, RecordStatus, RecordSummary
from domain.validation import Code, Override
from domain.validation.formats import parse_date


def _lang(args: argparse.Namespace, messages: Messages) -> str:
    return "en" if messages.index == 1 else "vi"


def form_list(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    catalogue = load_catalogue()
    lang = _lang(args, messages)
    if getattr(args, "json", False):
        print_json(
            [{"id": f.id, "version": f.version, "title": f.title.get(lang)} for f in catalogue]
        )
        return EXIT_OK
    for form in catalogue:
        print(f"{form.id:<5} v{form.version:<3} {form.numbering or '':<9} {form.title.get(lang)}")
    return EXIT_OK


def form_show(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    form = _form(load_catalogue(), args.form)
    lang = _lang(args, messages)
    if getattr(args, "json", False):
        print_json(
            {
                "id": form.id,
                "version": form.version,
                "fields": [_field_json(path, f, lang) for path, f in form.walk()],
            }
        )
        return EXIT_OK
    print(f"{form.id} v{form.version} — {form.title.get(lang)}")
    if form.legal_basis:
        print(form.legal_basis)
    for section in form.sections:
        print(f"\n[{section.title.get(lang)}]")
        for path, field in walk_fields(section.fields, ""):
            mark = "*" if field.required else " "
            print(f"  {mark} {path:<40} {field.type:<13} {field.label.get(lang)}")
    return EXIT_OK


def _field_json(path: str, field: FieldDefinition, lang: str) -> dict[str, Any]:
    return {
        "path": path,
        "type": str(field.type),
        "label": field.label.get(lang),
        "required": field.required,
        "sensitivity": str(field.sensitivity),
        "options": [o.value for o in field.options],
    }


def _form(catalogue: Catalogue, form_id: str) -> FormDefinition:
    if form_id not in catalogue:
        raise UnknownForm(form=form_id)
    return catalogue.get(form_id)


def _read_values(path: str, form_id: str | None = None) -> dict[str, Any]:
    """Values from a record file `{"form": …, "values": {…}}` (the format of docs/examples)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        # RecursionError: JSON nested thousands deep, which the parser refuses that way.
        raise InvalidInput(field="data", reason="data_file", value=path) from exc
    return parse_record_file(document, form_id=form_id).values


def _print_problems(problems: list[dict[str, Any]], messages: Messages) -> None:
    for p in problems:
        params = ", ".join(f"{k}={v}" for k, v in p.get("params", {}).items())
        tail = f" ({params})" if params else ""
        print(f"{p['severity']:<7} {p['path'] or '-'}: {p['code']}{tail}")


def record_new(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    values = _read_values(args.data, args.form)
    with open_session(args, home, messages) as session:
        service = RecordService(session, load_catalogue())
        try:
            record_id = service.create(args.form, values, draft_ok=args.draft)
        except ValidationFailed as failed:
            _print_problems(failed.params["problems"], messages)
            return EXIT_FAILED
        _, problems = service.check(args.form, values)
    warnings = [p.to_dict() for p in problems if not p.is_error]
    if getattr(args, "json", False):
        print_json({"id": record_id, "warnings": warnings})
    else:
        _print_problems(warnings, messages)
        print(record_id)
    return EXIT_OK


def filters_from_args(args: argparse.Namespace, text: str = "") -> RecordFilter:
    """The RecordFilter the Records page would build from the same choices (--form, --status,
    --author, --commune, --from, --to); a date that is not dd/mm/yyyy is INVALID_INPUT."""

    def iso(value: str | None, name: str) -> str | None:
        if not value:
            return None
        day = parse_date(value)
        if day is None:
            raise InvalidInput(field=name, reason="date_format", value=value)
        return day.isoformat()

    return RecordFilter(
        form_id=args.filter_form,
        status=args.status,
        author=args.author,
        commune_code=args.commune,
        date_from=iso(args.date_from, "from"),
        date_to=iso(args.date_to, "to"),
        text=text,
        include_voided=args.status == RecordStatus.VOIDED,
    )


def _print_rows(rows: list[RecordSummary], args: argparse.Namespace) -> None:
    if getattr(args, "json", False):
        print_json([asdict(r) for r in rows])
        return
    for r in rows:
        date = "/".join(reversed(r.event_date.split("-"))) if r.event_date else ""
        print(
            f"{r.id}  {r.form_id:<4} {r.status:<9} {r.document_number or '':<12} {date:<10} {r.title}"
        )


def record_list(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        rows = RecordService(session, load_catalogue()).page(
            filters_from_args(args), limit=args.limit
        )
    _print_rows(rows, args)
    return EXIT_OK


def record_search(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        rows = RecordService(session, load_catalogue()).page(
            filters_from_args(args, " ".join(args.text)), limit=args.limit
        )
    _print_rows(rows, args)
    return EXIT_OK


def record_show(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        stored = RecordService(session, load_catalogue()).get(args.record)
        files = AttachmentService(session).list(args.record)
    if getattr(args, "json", False):
        print_json(asdict(stored) | {"attachments": [asdict(a) for a in files]})
        return EXIT_OK
    s = stored.summary
    print(f"{s.id}  {s.form_id} v{s.form_version}  {s.status}  {s.document_number or ''}")
    print(f"{s.title}\n")
    print(json.dumps(stored.values, ensure_ascii=False, indent=2))
    for rev in stored.revisions:
        print(
            f"rev {rev.revision}  {rev.status:<9} {rev.changed_at[:16]}  {rev.changed_by}  {rev.reason}"
        )
    if files:
        print("\nattachments:")
        attachment_commands.print_rows(files, args)
    return EXIT_OK


def _overrides(raw: list[str]) -> list[Override]:
    """`--override PATH=CODE:reason`, as a supervisor accepts a flagged ID mismatch."""
    overrides = []
    for item in raw:
        path, _, rest = item.partition("=")
        code, _, reason = rest.partition(":")
        try:
            overrides.append(Override(path, Code(code), reason))
        except ValueError as exc:
            raise InvalidInput(field="override", reason="override_format", value=item) from exc
    return overrides


def record_complete(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        service = RecordService(session, load_catalogue())
        try:
            number = service.complete(args.record, _overrides(args.override))
        except ValidationFailed as failed:
            _print_problems(failed.params["problems"], messages)
            return EXIT_FAILED
    print(number or args.record)
    return EXIT_OK


def record_approve(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        service = RecordService(session, load_catalogue())
        for record_id in args.records:
            service.approve(record_id)
    return EXIT_OK


def record_amend(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        service = RecordService(session, load_catalogue())
        values = _read_values(args.data, service.get(args.record).summary.form_id)
        try:
            revision = service.amend(args.record, values, args.reason, _overrides(args.override))
        except ValidationFailed as failed:
            _print_problems(failed.params["problems"], messages)
            return EXIT_FAILED
    print(revision)
    return EXIT_OK


def record_void(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        RecordService(session, load_catalogue()).void(args.record, args.reason)
    return EXIT_OK


def record_return(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    """The chief sends a completed record back to its author with a comment."""
    with open_session(args, home, messages) as session:
        RecordService(session, load_catalogue()).return_to_author(args.record, args.comment)
    return EXIT_OK
