"""Records: the list in the user's scope (filters, accent-free search, keyset pages) and one
record's page — its form, every revision and what it changed, the review history, and for
reviewers Accept / Return with a comment, which reaches the station through the pull feed."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from sqlalchemy import Connection

from domain.forms import FormDefinition
from protocol.messages import ReviewDecision
from server.console.deps import ConsoleUser, CsrfUser, CurrentUser
from server.console.errors import PageError, not_found
from server.console.i18n import lang_of
from server.console.scope import station_condition
from server.console.templating import parse_date, render
from server.services import (
    blobs,
    catalog,
    console_audit,
    console_records,
    record_view,
    reviews,
)
from server.services.console_records import Cursor, RecordQuery
from server.services.reviews import MAX_COMMENT, ReviewRefused

router = APIRouter()

# A province has about a hundred units: a list to pick from. The whole country's 3,321 would
# make every page heavy, so there the unit is typed by its code.
STATION_CHOICES = 400
ShortText = Annotated[str, Query(max_length=20)]


def _query_string(filters: dict[str, str], **extra: str) -> str:
    return urlencode({k: v for k, v in {**filters, **extra}.items() if v})


@router.get("/console/records")
def records_page(
    request: Request,
    user: CurrentUser,
    q: Annotated[str, Query(max_length=200)] = "",
    form: Annotated[str, Query(max_length=64)] = "",
    station: Annotated[str, Query(max_length=32)] = "",
    status: ShortText = "",
    date_from: Annotated[str, Query(alias="from", max_length=20)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=20)] = "",
    after: Annotated[str, Query(max_length=60)] = "",
) -> Response:
    engine = request.app.state.engine
    lang = lang_of(request)
    errors: list[tuple[str, str]] = []
    days: dict[str, date | None] = {}
    for key, text in (("from", date_from), ("to", date_to)):
        try:
            days[key] = parse_date(text)
        except ValueError:
            days[key] = None
            errors.append(("common.bad_date", text))
    if days["from"] and days["to"] and days["from"] > days["to"]:
        errors.append(("records.bad_range", ""))
    if status and status not in console_records.STATUSES:
        errors.append(("records.bad_status", status))
    cursor = None
    if after:
        try:
            cursor = Cursor.parse(after)
        except ValueError:
            raise PageError(400, "records.bad_cursor") from None
    filters = {
        "q": q.strip(),
        "form": form.strip(),
        "station": station.strip(),
        "status": status,
        "from": date_from.strip(),
        "to": date_to.strip(),
    }
    scope = station_condition(user)
    page = None
    with engine.begin() as conn:
        if not errors:
            query = RecordQuery(
                form_id=filters["form"] or None,
                station_code=filters["station"] or None,
                status=status or None,
                date_from=days["from"],
                date_to=days["to"],
                text=filters["q"],
            )
            page = console_records.list_records(conn, scope, query, cursor)
            if filters["q"] and cursor is None:
                # Who looked for whom: a search for a person is an access to personal data.
                details = {k: v for k, v in filters.items() if v}
                console_audit.append(conn, user.name, "records.searched", "records", details)
        titles = console_records.form_titles(conn)
        stations = console_records.stations_in_scope(conn, scope, STATION_CHOICES)
    forms = sorted({form_id: text for (form_id, _v), text in titles.items()}.items())
    context: dict[str, Any] = {
        "filters": filters,
        "errors": errors,
        "rows": page.rows if page else [],
        "next_link": (
            f"/console/records?{_query_string(filters, after=page.next_cursor.token())}"
            if page and page.next_cursor
            else ""
        ),
        "first_link": f"/console/records?{_query_string(filters)}" if cursor else "",
        "titles": {key: text[lang] for key, text in titles.items()},
        "forms": [(form_id, text[lang]) for form_id, text in forms],
        "stations": stations,
        "statuses": console_records.STATUSES,
    }
    return render(request, "records.html", context, status_code=400 if errors else 200)


def _record_id(text: str) -> uuid.UUID:
    record_id = console_records.parse_record_id(text)
    if record_id is None:
        raise not_found()  # a malformed id is as unknown as a missing one
    return record_id


def _definition(
    conn: Connection, cache: dict[tuple[str, int], FormDefinition | None], form_id: str, v: int
) -> FormDefinition | None:
    if (form_id, v) not in cache:
        cache[(form_id, v)] = catalog.form_definition(conn, form_id, v)
    return cache[(form_id, v)]


def _record_context(conn: Connection, head: console_records.RecordHead, lang: str) -> dict:
    """Everything the record page shows, read in the caller's transaction."""
    history = console_records.revisions(conn, head.record_id)
    forms: dict[tuple[str, int], FormDefinition | None] = {}
    current = next((r for r in history if r.revision == head.revision), None)
    if current is None:  # a head is stored with its revision: only a damaged database has none
        raise not_found()
    form = _definition(conn, forms, head.form_id, current.form_version)
    revisions: list[dict[str, Any]] = []
    previous = None
    for revision in history:
        definition = _definition(conn, forms, head.form_id, revision.form_version)
        changes = None
        if definition is not None and previous is not None:
            changes = record_view.changes(definition, previous.values, revision.values, lang)
        revisions.append({"revision": revision, "changes": changes, "first": previous is None})
        previous = revision
    titles = console_records.form_titles(conn).get((head.form_id, head.form_version), {})
    return {
        "head": head,
        "form_title": titles.get(lang, head.form_id.upper()),
        "form_full_title": form.title.get(lang) if form else head.form_id.upper(),
        "sections": record_view.form_view(form, current.values, lang) if form else None,
        # Only when the form cannot be rebuilt: the values as sent, readable (not \u escapes).
        "raw_values": json.dumps(current.values, ensure_ascii=False, indent=2) if not form else "",
        "current": current,
        "revisions": list(reversed(revisions)),  # newest first, as the reviews
        "reviews": console_records.reviews_of(conn, head.record_id),
        "void_reason": current.delete_reason if head.deleted else None,
        "max_comment": MAX_COMMENT,
        "attachments": blobs.of_revision(conn, head.record_id, head.revision),
    }


def _record_response(
    request: Request,
    user: ConsoleUser,
    record_id: uuid.UUID,
    *,
    done: str = "",
    refused: str = "",
    comment: str = "",
    status_code: int = 200,
) -> Response:
    engine = request.app.state.engine
    with engine.begin() as conn:
        head = console_records.find_record(conn, station_condition(user), record_id)
        if head is None:
            raise not_found()
        context = _record_context(conn, head, lang_of(request))
        if not refused:  # a refused POST already wrote nothing; its re-display is not a view
            details = {"station": head.station_code, "revision": head.revision}
            console_audit.append(conn, user.name, "record.viewed", str(record_id), details)
    latest = context["reviews"][0].decision if context["reviews"] else None
    context |= {
        # Only a notice the history bears out: a hand-made "?done=accepted" shows nothing.
        "done": done if done in tuple(ReviewDecision) and done == latest else "",
        "refused": refused,
        "comment": comment,
    }
    return render(request, "record.html", context, status_code=status_code)


@router.get("/console/records/{record_id}")
def record_page(
    request: Request, user: CurrentUser, record_id: str, done: ShortText = ""
) -> Response:
    return _record_response(request, user, _record_id(record_id), done=done)


@router.get("/console/records/{record_id}/attachments/{sha256}")
def record_attachment(
    request: Request, user: CurrentUser, record_id: str, sha256: str, inline: int = 0
) -> Response:
    """A file the record lists, streamed chunk by chunk from its station's blob, to a user whose
    scope holds the record; audited (a thumbnail's inline fetch too: it shows the content)."""
    wanted = _record_id(record_id)
    engine = request.app.state.engine
    with engine.begin() as conn:
        head = console_records.find_record(conn, station_condition(user), wanted)
        found = blobs.listed_file(conn, wanted, sha256) if head is not None else None
        if head is None or found is None or not found[1].complete:
            raise not_found()
        station_id, listed = found
        details = {"station": head.station_code, "name": listed.name, "sha256": sha256[:12]}
        console_audit.append(conn, user.name, "record.attachment_opened", str(wanted), details)
    disposition = "inline" if inline and listed.is_image else "attachment"
    filename = quote(listed.name)
    return StreamingResponse(
        blobs.read(engine, station_id, sha256),
        media_type=listed.media_type,
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{filename}",
            "Content-Length": str(listed.size),
            "X-Content-Type-Options": "nosniff",
            # Opened directly, a file the station sent runs nothing on the console's origin.
            "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'",
            "Cache-Control": "private, no-store",
        },
    )


# Why a decision was refused → the status of the page that says so.
_REFUSED_STATUS = {"comment_missing": 400, "comment_too_long": 400, "changed": 409, "deleted": 409}


@router.post("/console/records/{record_id}/review")
def record_review(
    request: Request,
    user: CsrfUser,
    record_id: str,
    revision: Annotated[int, Form(ge=1, le=2**31)],
    decision: Annotated[str, Form(max_length=16)] = "",
    comment: Annotated[str, Form(max_length=MAX_COMMENT * 4)] = "",
) -> Response:
    """Accept or return the revision the reviewer saw: the record_reviews row, the station's
    feed entry and the audit entry are written together or not at all."""
    if not user.can_review:
        raise PageError(403)
    wanted = _record_id(record_id)
    try:
        chosen = ReviewDecision(decision)
    except ValueError:
        raise PageError(400) from None
    engine = request.app.state.engine
    reviewer = f"{user.full_name} ({user.name})" if user.full_name else user.name
    try:
        with engine.begin() as conn:
            head = console_records.find_record(conn, station_condition(user), wanted)
            if head is None:
                raise not_found()
            cursor = reviews.decide(
                conn, wanted, chosen, comment, reviewer[:128], revision=revision
            )
            console_audit.append(
                conn,
                user.name,
                f"record.{chosen.value}",
                str(wanted),
                {
                    "station": head.station_code,
                    "revision": revision,
                    "comment": comment,
                    "feed_cursor": cursor,
                },
            )
    except ReviewRefused as refused:
        return _record_response(
            request,
            user,
            wanted,
            refused=refused.reason,
            comment=comment,
            status_code=_REFUSED_STATUS.get(refused.reason, 400),
        )
    return RedirectResponse(f"/console/records/{wanted}?done={chosen.value}", status_code=303)
