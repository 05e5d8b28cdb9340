"""The console audit log: hash chain, verification naming the first bad entry, the page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from itertools import pairwise

from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select, update

from server.models import ConsoleAuditEntry
from server.services import console_audit
from tests.server.console.helpers import create_user, csrf_of, login


def write(engine: Engine, count: int, actor: str = "quan") -> None:
    with engine.begin() as conn:
        for i in range(count):
            console_audit.append(conn, actor, "record.viewed", f"r{i}", {"n": i, "tên": "Đức"})


def test_append_chains_and_verify_says_intact(engine: Engine) -> None:
    """Entries are numbered from 1, each holding the previous hash; verify walks them all."""
    write(engine, 5)
    with engine.connect() as conn:
        rows = conn.execute(select(ConsoleAuditEntry).order_by(ConsoleAuditEntry.seq)).all()
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in pairwise(rows))
    assert console_audit.verify(engine) == console_audit.Verification(5)
    assert console_audit.verify(engine).intact


def test_verify_names_an_edited_entry(engine: Engine) -> None:
    """Changing any field of entry 3 is found at entry 3."""
    write(engine, 5)
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleAuditEntry)
            .where(ConsoleAuditEntry.seq == 3)
            .values(details={"n": 99, "tên": "Đức"})
        )
    result = console_audit.verify(engine)
    assert (result.intact, result.broken_seq, result.reason) == (False, 3, "altered")


def test_verify_names_an_edited_entry_whose_hash_was_recomputed(engine: Engine) -> None:
    """Rewriting entry 2 with a matching hash breaks the link from entry 3."""
    write(engine, 4)
    with engine.connect() as conn:
        row = conn.execute(select(ConsoleAuditEntry).where(ConsoleAuditEntry.seq == 2)).one()
    forged = console_audit.entry_hash(
        2, row.at, "someone-else", row.action, row.target, row.details, row.prev_hash
    )
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleAuditEntry)
            .where(ConsoleAuditEntry.seq == 2)
            .values(actor="someone-else", hash=forged)
        )
    result = console_audit.verify(engine)
    assert (result.broken_seq, result.reason) == (3, "chain")


def test_verify_names_a_removed_entry(engine: Engine) -> None:
    """Deleting entry 2 is reported as entry 2 missing."""
    write(engine, 4)
    with engine.begin() as conn:
        conn.execute(delete(ConsoleAuditEntry).where(ConsoleAuditEntry.seq == 2))
    result = console_audit.verify(engine)
    assert (result.broken_seq, result.reason) == (2, "missing")


def test_list_filters_by_actor_action_and_vietnamese_days(engine: Engine) -> None:
    """Filters combine; a day is a day in Vietnam (UTC+7), newest entries first."""
    write(engine, 3, actor="quan")
    write(engine, 2, actor="lan")
    # Entry 1 at 23:30 on 1 March in Vietnam = 16:30 UTC; it belongs to 1 March, not 2 March.
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleAuditEntry)
            .where(ConsoleAuditEntry.seq == 1)
            .values(at=datetime(2026, 3, 1, 16, 30, tzinfo=UTC))
        )
    entries, total = console_audit.list_entries(engine, actor="lan")
    assert (total, [e.seq for e in entries]) == (2, [5, 4])
    _, total = console_audit.list_entries(engine, action="record.viewed", actor="quan")
    assert total == 3
    entries, total = console_audit.list_entries(
        engine, date_from=date(2026, 3, 1), date_to=date(2026, 3, 1)
    )
    assert [e.seq for e in entries] == [1]
    _, total = console_audit.list_entries(engine, date_from=date(2026, 3, 2))
    assert total == 4
    entries, total = console_audit.list_entries(engine, limit=2, offset=2)
    assert (total, [e.seq for e in entries]) == (5, [3, 2])


def test_audit_page_for_an_admin(engine: Engine, client: TestClient) -> None:
    """An admin sees every entry, filters by actor, and Verify says intact or names the entry."""
    admin = create_user(engine, "quan", "admin")
    write(engine, 2, actor="lan")
    login(client, admin)
    page = client.get("/console/audit")
    assert "Nhật ký thao tác" in page.text
    assert page.text.count("<td>lan</td>") == 2 and "<td>quan</td>" in page.text
    only_lan = client.get("/console/audit?actor=lan")
    assert "<td>quan</td>" not in only_lan.text and "2 mục" in only_lan.text
    verified = client.post("/console/audit/verify", data={"csrf_token": csrf_of(client)})
    assert "Nhật ký nguyên vẹn: 4 mục" in verified.text  # added, 2 writes, sign-in
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleAuditEntry).where(ConsoleAuditEntry.seq == 2).values(target="r9")
        )
    broken = client.post("/console/audit/verify", data={"csrf_token": csrf_of(client)})
    assert "Nhật ký KHÔNG nguyên vẹn: mục số 2 đã bị sửa." in broken.text
    entries, _ = console_audit.list_entries(engine, action="audit.verified")
    assert entries[0].details == {
        "intact": False,
        "count": 2,
        "broken_seq": 2,
        "reason": "altered",
    }


def test_audit_page_for_others_shows_their_own_entries(engine: Engine, client: TestClient) -> None:
    """A reviewer sees only entries they made, even when asking for someone else's."""
    reviewer = create_user(engine, "lan", "reviewer")
    write(engine, 2, actor="quan")
    login(client, reviewer)
    page = client.get("/console/audit?actor=quan")
    assert "Bạn đang xem các thao tác của chính mình." in page.text
    assert "<td>quan</td>" not in page.text and "<td>lan</td>" in page.text
    assert 'action="/console/audit/verify"' not in page.text


def test_audit_page_dates(engine: Engine, client: TestClient) -> None:
    """Dates are typed dd/mm/yyyy and shown dd/mm/yyyy HH:MM in Vietnam's time; a bad one is
    said plainly."""
    admin = create_user(engine, "quan", "admin")
    login(client, admin)
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleAuditEntry)
            .where(ConsoleAuditEntry.seq == 1)
            .values(at=datetime(2026, 1, 5, 2, 15, tzinfo=UTC))
        )
    page = client.get("/console/audit?from=05/01/2026&to=5/1/2026")
    assert "05/01/2026 09:15" in page.text and "1 mục" in page.text
    bad = client.get("/console/audit?from=31/02/2026")
    assert bad.status_code == 400
    assert "Ngày «31/02/2026» không hợp lệ; hãy nhập theo dạng dd/mm/yyyy." in bad.text


def test_concurrent_appends_keep_one_chain(engine: Engine) -> None:
    """Workers appending at once never chain onto the same head: numbers 1..n, chain intact."""
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> int:
        with engine.begin() as conn:
            return console_audit.append(conn, f"worker{i % 4}", "record.viewed", str(i), {})

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = sorted(pool.map(one, range(40)))
    assert numbers == list(range(1, 41))
    assert console_audit.verify(engine) == console_audit.Verification(40)


def test_audit_details_are_said_in_the_readers_language(engine: Engine, client: TestClient) -> None:
    """An entry's details show as translated "label: value" pairs, codes and times included,
    never as the stored English keys; a key the page does not know is shown as stored."""
    admin = create_user(engine, "quan", "admin")
    with engine.begin() as conn:
        console_audit.append(
            conn,
            "quan",
            "device.revoked",
            "device:1",
            {
                "station": "00004",
                "device": "PC-1",
                "reason": "Mất máy",
                "at": "2026-01-05T02:15:00+00:00",
            },
        )
        console_audit.append(
            conn, "quan", "user.added", "lan", {"role": "reviewer", "scope": "province:01"}
        )
        console_audit.append(
            conn, "quan", "record.viewed", "r1", {"station": "00004", "new_key": 7}
        )
    login(client, admin)
    vi = client.get("/console/audit").text
    assert "Đơn vị: 00004; Máy: PC-1; Lý do: Mất máy; Lúc: 05/01/2026 09:15" in strip_tags(vi)
    assert "Vai trò: Cán bộ duyệt; Phạm vi: Tỉnh 01" in strip_tags(vi)
    assert "Cách xác thực: Mật khẩu và mã xác thực" in strip_tags(vi)  # the sign-in itself
    assert "new_key: 7" in strip_tags(vi)
    assert "station:" not in strip_tags(vi).replace("device:1", "") and "{'" not in vi
    client.cookies.set("cax_lang", "en")
    en = strip_tags(client.get("/console/audit").text)
    assert "Unit: 00004; PC: PC-1; Reason: Mất máy; At: 05/01/2026 09:15" in en
    assert "Role: Reviewer; Scope: Province 01" in en


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
