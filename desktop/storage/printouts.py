"""Printing a record, storage side: the record as its document (values, station, content hash)
and the audit entry every printout and PDF leaves. The drawing itself is desktop/render."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import PermissionDenied, RecordNotFound, UnknownForm
from desktop.core.permissions import Permission
from desktop.storage import attachments, audit, record_store
from desktop.storage.revision_wire import attachment_list, revision_metadata
from desktop.storage.station import StationSession
from domain.documents import IssuingBody, PrintedDocument, RecordFacts, build_document
from domain.documents.builder import choose_template, document_day
from domain.documents.verification import short_hash
from domain.forms.catalogue import Catalogue
from domain.forms.summaries import redact_sensitive
from domain.records import StoredRecord
from protocol.canonical import content_hash_with_values

OUTPUTS = ("pdf", "printer")


# In the order revision_metadata takes, then the values.
_REVISION_ROW = (
    "SELECT r.id, v.revision, r.form_id, r.form_version, r.author, r.created_at, v.status, "
    "v.changed_at, v.reason, v.values_json FROM records r JOIN record_revisions v "
    "ON v.record_id = r.id AND v.revision = :revision WHERE r.id = :id"
)
# A draft has no revision snapshot yet: its current row stands in (it is never sent anyway).
_DRAFT_ROW = (
    "SELECT id, revision, form_id, form_version, author, created_at, status, updated_at, "
    "void_reason, values_json FROM records WHERE id = :id"
)


def revision_content_hash(
    conn: Connection, record_id: str, revision: int, station_code: str
) -> str:
    """The content hash of the record's `revision` exactly as the outbox sends it (one
    definition: `revision_wire.revision_metadata`), so a printout can be checked against the station's
    database and the central server's copy alike. Read from the rows, never a redacted view."""
    row = conn.execute(text(_REVISION_ROW), dict(id=record_id, revision=revision)).one_or_none()
    if row is None:
        row = conn.execute(text(_DRAFT_ROW), dict(id=record_id)).one()
    metadata = revision_metadata(tuple(row[:-1]), station_code)
    listed = attachment_list(conn, record_id, int(row[1]))
    if listed:  # hashed with the revision when it has any, as the outbox sends it
        metadata["attachments"] = listed
    return content_hash_with_values(metadata, str(row[-1]).encode("utf-8"))


def _full_name(session: StationSession, username: str) -> str:
    with session.db.read() as conn:
        name = conn.execute(
            text("SELECT full_name FROM users WHERE username = :u"), dict(u=username)
        ).scalar_one_or_none()
    return name or username


def prepare_printout(
    session: StationSession, catalogue: Catalogue, record_id: str, document: str | None = None
) -> PrintedDocument:
    """The record's document as the logged-in user may see it (opening it is audited as a view;
    others' sensitive data stays hidden without the permission, on paper too). `document` is
    one of `domain.documents.documents_for(form)` (F1: "intake" or "transfer"); None, the
    form's first. A name the form does not print is INVALID_INPUT."""
    info = session.info()
    stored, content_hash, files = _read_record(session, record_id, info.code)
    s = stored.summary
    if s.form_id not in catalogue:
        raise UnknownForm(form=s.form_id)
    form = catalogue.get(s.form_id)
    if s.author != session.user.username and not _may_see_sensitive(session):
        stored = replace(stored, values=redact_sensitive(form, stored.values))
    facts = RecordFacts(
        record_id=s.id,
        form_id=s.form_id,
        revision=s.revision,
        status=s.status,
        values=stored.values,
        content_hash=content_hash,
        number=s.document_number,
        created_at=s.created_at,
        completed_at=stored.completed_at,
        author_name=_full_name(session, s.author),
        attachments=files,
    )
    # The unit's name in force on the document's own date, as the report's header is.
    day = document_day(choose_template(form, facts.values, document), facts)
    issuer = IssuingBody.from_station(info.name, info.code, on=day)
    return build_document(form, facts, issuer, rules=catalogue.rules, document=document)


def _read_record(
    session: StationSession, record_id: str, station_code: str
) -> tuple[StoredRecord, str, tuple[str, ...]]:
    """The record, the content hash of the very revision it is at and the names of its files,
    in one transaction (a change in between would print one revision's values beside another's
    hash, or another revision's files); the opening is audited as a view, as `RecordService.get`
    does."""
    with session.db.write() as conn:
        stored = record_store.load(conn, record_id)
        if stored is None:
            raise RecordNotFound(record=record_id)
        content_hash = revision_content_hash(conn, record_id, stored.summary.revision, station_code)
        files = tuple(a.name for a in attachments.current(conn, record_id))
        audit.append(conn, session.user.username, AuditAction.RECORD_VIEWED, record_id)
    return stored, content_hash, files


def _may_see_sensitive(session: StationSession) -> bool:
    try:
        session.require(Permission.VIEW_SENSITIVE)
    except PermissionDenied:
        return False
    return True


def log_printout(
    session: StationSession, document: PrintedDocument, output: str, pages: int
) -> None:
    """RECORD_PRINTED: which revision left the station, on paper or as a PDF, and as what."""
    if output not in OUTPUTS:
        raise ValueError(f"unknown printout kind {output!r}")
    facts = document.facts
    details = {
        "output": output,
        "document": document.template,  # which paper: "TT119-M01" (intake) or "TT119-M03"
        "revision": facts.revision,
        "number": facts.number,
        "hash": short_hash(facts.content_hash),
        "draft": document.watermark is not None,
        "pages": pages,
    }
    with session.db.write() as conn:
        audit.append(
            conn, session.user.username, AuditAction.RECORD_PRINTED, facts.record_id, details
        )
