"""The console audit log: filter it, page through it, verify its hash chain.

Administrators see every entry; everyone else sees only the entries they made themselves (their
own sign-ins and actions), since the log also names other users and what they looked at."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from server.console.audit_details import detail_pairs
from server.console.deps import AdminUser, ConsoleUser, CsrfUser, CurrentUser
from server.console.templating import parse_date, render
from server.services import console_audit

router = APIRouter()
PAGE_SIZE = 50


def _page(
    request: Request,
    user: ConsoleUser,
    *,
    actor: str = "",
    action: str = "",
    date_from: str = "",
    date_to: str = "",
    page: int = 1,
    verification: console_audit.Verification | None = None,
) -> Response:
    engine = request.app.state.engine
    errors: list[tuple[str, str]] = []
    days: dict[str, date | None] = {}
    for key, text in (("from", date_from), ("to", date_to)):
        try:
            days[key] = parse_date(text)
        except ValueError:
            days[key] = None
            errors.append(("common.bad_date", text))
    if not user.is_admin:
        actor = user.name  # a non-admin's filter is always themselves
    entries, total = console_audit.list_entries(
        engine,
        actor=actor.strip() or None,
        action=action or None,
        date_from=days["from"],
        date_to=days["to"],
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    pages = max(1, -(-total // PAGE_SIZE))
    filters = {"actor": actor, "action": action, "from": date_from, "to": date_to}
    context: dict[str, Any] = {
        "entries": entries,
        "total": total,
        "page": page,
        "pages": pages,
        "filters": filters,
        "query_base": urlencode({k: v for k, v in filters.items() if v}),
        "actions": console_audit.actions(engine),
        "errors": errors,
        "verification": verification,
        "detail_pairs": detail_pairs,
    }
    return render(request, "audit.html", context, status_code=400 if errors else 200)


@router.get("/console/audit")
def audit_page(
    request: Request,
    user: CurrentUser,
    actor: Annotated[str, Query(max_length=64)] = "",
    action: Annotated[str, Query(max_length=64)] = "",
    date_from: Annotated[str, Query(alias="from", max_length=20)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> Response:
    return _page(
        request,
        user,
        actor=actor,
        action=action,
        date_from=date_from,
        date_to=date_to,
        page=page,
    )


@router.post("/console/audit/verify")
def audit_verify(request: Request, user: AdminUser, _checked: CsrfUser) -> Response:
    engine = request.app.state.engine
    result = console_audit.verify(engine)
    with engine.begin() as conn:
        details: dict[str, Any] = {"intact": result.intact, "count": result.count}
        if not result.intact:
            details |= {"broken_seq": result.broken_seq, "reason": result.reason}
        console_audit.append(conn, user.name, "audit.verified", "console_audit", details)
    return _page(request, user, verification=result)
