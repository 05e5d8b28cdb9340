"""The console's record queries and review decisions, below HTTP (pushes still go through the API,
as a station sends them)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select

from domain.forms import load_catalogue
from protocol.messages import ReviewDecision
from server.console.deps import ConsoleUser
from server.console.scope import station_condition
from server.models import Record, RecordReview, Update
from server.services import console_records, record_view, reviews
from server.services.console_records import Cursor, RecordQuery
from server.services.reviews import ReviewRefused
from tests.server.console.records_helpers import (
    FORMS,
    PROVINCE_B_STATION,
    person,
    push,
    station_device,
    wire_record,
)
from tests.server.helpers import STATION_CODE, StationDevice, example_values


def user(scope_kind: str = "all", scope_code: str | None = None) -> ConsoleUser:
    return ConsoleUser(1, "canbo", "Cán bộ", "reviewer", scope_kind, scope_code)


def titles(engine: Engine, query: RecordQuery, who: ConsoleUser | None = None) -> list[str]:
    with engine.connect() as conn:
        page = console_records.list_records(conn, station_condition(who or user()), query)
    return sorted(row.title for row in page.rows)


@pytest.fixture
def device(client: TestClient, engine: Engine) -> StationDevice:
    return station_device(client, engine, STATION_CODE)


def test_tsquery_folds_words_and_drops_operators() -> None:
    """Typed text becomes folded words, all required, the last a prefix; operators vanish."""
    assert console_records.tsquery("Nguyễn Văn Đức") == "nguyen & van & duc:*"
    assert console_records.tsquery("nguyen van d") == "nguyen & van & d:*"
    assert console_records.tsquery("duc & | ! ( ) :* <-> 'x'") == "duc & x:*"
    assert console_records.tsquery("  !&|  ") is None


def test_search_without_accents_finds_the_accented_name(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """ "nguyen van duc" finds "Nguyễn Văn Đức", whole words first and the last one a prefix."""
    push(
        client,
        device,
        [
            wire_record(device, values=person("Nguyễn Văn Đức")),
            wire_record(device, values=person("Lê Thị Hoà")),
            wire_record(device, values=person("Nguyễn Vân Anh")),
        ],
    )
    duc = ["Tố giác: Nguyễn Văn Đức"]
    assert titles(engine, RecordQuery(text="nguyen van duc")) == duc
    assert titles(engine, RecordQuery(text="NGUYEN VAN ĐỨ")) == duc
    assert titles(engine, RecordQuery(text="Nguyễn Văn Đức")) == duc
    assert titles(engine, RecordQuery(text="hoa")) == ["Tố giác: Lê Thị Hoà"]
    assert len(titles(engine, RecordQuery(text="nguyen v"))) == 2
    assert titles(engine, RecordQuery(text="nguye van duc")) == []  # a finished word is whole
    assert titles(engine, RecordQuery(text="duc & | ! :* (")) == duc  # operators are dropped
    assert len(titles(engine, RecordQuery(text="!!!"))) == 3  # nothing to search: no filter


def _other_numbers(values: dict) -> dict:
    """The same person's record with another ID number and no phone."""
    other = {"id_number": "001085067890"}
    values["reporter"] = {k: v for k, v in values["reporter"].items() if k != "phone"} | other
    values["victims"] = [victim | other for victim in values["victims"]]
    return values


def test_console_search_reads_grouped_numbers_and_eth_as_the_station_does(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """The server's projection and query use the domain's search words: a phone found however it
    is grouped, an ID by its spaced form, a name typed with the Eth look-alike Ð by "do"."""
    push(
        client,
        device,
        [
            wire_record(device, values=person("\u00d0ỗ Thị Hạnh")),
            wire_record(device, values=_other_numbers(person("Lê Văn Tám"))),
        ],
    )
    hanh = ["Tố giác: \u00d0ỗ Thị Hạnh"]
    for typed in ("0912 345 678", "0912.345.678", "+84 912 345 678", "001 0 85 012345"):
        assert titles(engine, RecordQuery(text=typed)) == hanh, typed
    assert titles(engine, RecordQuery(text="do thi hanh")) == hanh
    assert console_records.tsquery("+84 912 345 678") == "0912345678:*"


def test_filters_by_form_station_status_and_event_date(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Each filter narrows the list to what it names; together they all hold."""
    push(client, device, [wire_record(device, form) for form in FORMS])
    other = station_device(client, engine, "00025")
    push(client, other, [wire_record(other, "F8")])
    everything = titles(engine, RecordQuery())
    assert len(everything) == 6
    patrols = titles(engine, RecordQuery(form_id="f8"))
    assert len(patrols) == 2 and all(t.startswith("Tổ dân phố 5") for t in patrols)
    assert len(titles(engine, RecordQuery(station_code="00025"))) == 1
    assert titles(engine, RecordQuery(form_id="f8", station_code="00025")) == patrols[:1]
    # Event dates of the examples: F10 01/07/2026, F3 20/11/2026, F1/F4/F8 21/11/2026.
    on_20 = titles(engine, RecordQuery(date_from=date(2026, 11, 20), date_to=date(2026, 11, 20)))
    assert len(on_20) == 1 and on_20[0].startswith("Trần Quốc Bảo: Điểm a")
    assert len(titles(engine, RecordQuery(date_from=date(2026, 11, 21)))) == 4
    assert titles(engine, RecordQuery(date_to=date(2026, 7, 1))) == ["Phan Văn Thắng: Án treo"]
    with engine.connect() as conn:
        f1 = conn.execute(select(Record.record_id).where(Record.form_id == "f1")).scalar_one()
    reviews.review_record(engine, f1, ReviewDecision.RETURNED, "Thiếu số nhà", "canbo")
    assert titles(engine, RecordQuery(status="returned")) == ["Tố giác: Nguyễn Văn Đức"]
    assert len(titles(engine, RecordQuery(status="submitted"))) == 5


@pytest.mark.slow  # pages through hundreds of records
def test_keyset_pages_neither_repeat_nor_skip(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Walking the pages gives every record once, newest received first, even when batches
    share a receipt time and new records arrive between two pages."""
    first = [wire_record(device, "F8") for _ in range(23)]  # one batch: one received_at
    push(client, device, first)
    second = [wire_record(device, "F8") for _ in range(12)]
    push(client, device, second)
    scope = station_condition(user())
    seen: list[uuid.UUID] = []
    after: Cursor | None = None
    while True:
        with engine.connect() as conn:  # one request per page, as the pages run
            page = console_records.list_records(conn, scope, RecordQuery(), after, limit=10)
        seen += [row.record_id for row in page.rows]
        if len(seen) == 10:  # records arriving mid-walk go before the cursor, not into it
            push(client, device, [wire_record(device, "F8") for _ in range(3)])
        if page.next_cursor is None:
            break
        after = Cursor.parse(page.next_cursor.token())  # as the "next page" link carries it
    assert len(seen) == len(set(seen)) == 35
    newest = {uuid.UUID(r["record_id"]) for r in second}
    assert set(seen[:12]) == newest  # the later batch first
    assert set(seen) == newest | {uuid.UUID(r["record_id"]) for r in first}


def test_cursor_tokens_round_trip_and_refuse_garbage() -> None:
    """A next-page token gives back its cursor; anything else is a ValueError for the page."""
    cursor = Cursor(datetime(2026, 12, 4, 3, 2, 1, 123456, tzinfo=UTC), uuid.uuid4())
    assert Cursor.parse(cursor.token()) == cursor
    for bad in ("", "abc", "12.", "12.xyz", "-5." + "0" * 32, "1" * 30 + "." + "0" * 32):
        with pytest.raises(ValueError):
            Cursor.parse(bad)


def test_scope_keeps_other_provinces_out(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A province's user lists and finds only its own stations' records; a unit's user only its
    own; another province's record is not found at all."""
    push(client, device, [wire_record(device, "F8")])
    far = station_device(client, engine, PROVINCE_B_STATION)
    foreign = wire_record(far, "F1")
    push(client, far, [foreign])
    hanoi, binh_duong = user("province", "01"), user("province", "79")
    assert len(titles(engine, RecordQuery(), hanoi)) == 1
    assert titles(engine, RecordQuery(), binh_duong) == ["Tố giác: Nguyễn Văn Đức"]
    assert titles(engine, RecordQuery(), user("station", STATION_CODE)) == titles(
        engine, RecordQuery(), hanoi
    )
    record_id = uuid.UUID(foreign["record_id"])
    with engine.connect() as conn:
        assert console_records.find_record(conn, station_condition(hanoi), record_id) is None
        found = console_records.find_record(conn, station_condition(binh_duong), record_id)
    assert found is not None and found.station_code == PROVINCE_B_STATION


def test_decision_is_kept_and_sent_to_the_station(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A return writes the review row, the head's status and the station's feed entry at once;
    a second decision is kept beside the first, newest first."""
    record = wire_record(device, "F1")
    push(client, device, [record])
    record_id = uuid.UUID(record["record_id"])
    with engine.begin() as conn:
        cursor = reviews.decide(
            conn,
            record_id,
            ReviewDecision.RETURNED,
            "Thiếu số nhà\n<b>gấp</b>",
            "canbo",
            revision=1,
        )
    reviews.review_record(engine, record_id, ReviewDecision.ACCEPTED, "", "truong")
    with engine.connect() as conn:
        history = console_records.reviews_of(conn, record_id)
        status = conn.execute(select(Record.status)).scalar_one()
        feed = conn.execute(select(Update.payload).where(Update.cursor == cursor)).scalar_one()
    assert [(r.decision, r.reviewer) for r in history] == [
        ("accepted", "truong"),
        ("returned", "canbo"),
    ]
    assert history[1].comment == "Thiếu số nhà\n<b>gấp</b>"  # verbatim
    assert status == "accepted"
    assert feed["decision"] == "returned" and feed["record_id"] == str(record_id)


@pytest.mark.parametrize(
    ("decision", "comment", "revision", "reason"),
    [
        (ReviewDecision.RETURNED, "   ", 1, "comment_missing"),
        (ReviewDecision.RETURNED, "x" * 2001, 1, "comment_too_long"),
        (ReviewDecision.ACCEPTED, "", 2, "changed"),
    ],
)
def test_refused_decisions_change_nothing(
    client: TestClient,
    engine: Engine,
    device: StationDevice,
    decision: ReviewDecision,
    comment: str,
    revision: int,
    reason: str,
) -> None:
    """A return without a comment, an over-long comment, or a decision on a revision that is no
    longer current is refused with its reason; no row, no feed entry, status unchanged."""
    record = wire_record(device, "F1")
    push(client, device, [record])
    with engine.connect() as conn:
        feed_before = conn.execute(select(Update.cursor)).all()
    with pytest.raises(ReviewRefused) as refused, engine.begin() as conn:
        reviews.decide(
            conn, uuid.UUID(record["record_id"]), decision, comment, "canbo", revision=revision
        )
    assert refused.value.reason == reason
    with engine.connect() as conn:
        assert conn.execute(select(RecordReview.id)).all() == []
        assert conn.execute(select(Update.cursor)).all() == feed_before
        assert conn.execute(select(Record.status)).scalar_one() == "submitted"


def test_a_voided_record_cannot_be_accepted(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A record deleted at its station keeps its reason and refuses a decision."""
    record_id = uuid.uuid4()
    push(client, device, [wire_record(device, "F8", record_id=record_id)])
    voided = wire_record(
        device, "F8", record_id=record_id, revision=2, deleted=True, delete_reason="Nhập trùng"
    )
    push(client, device, [voided])
    with pytest.raises(ReviewRefused) as refused:
        reviews.review_record(engine, record_id, ReviewDecision.ACCEPTED, "", "canbo")
    assert refused.value.reason == "deleted"
    with engine.connect() as conn:
        head = console_records.find_record(conn, station_condition(user()), record_id)
        history = console_records.revisions(conn, record_id)
    assert head is not None and head.status == "deleted" and head.deleted
    assert [(r.revision, r.deleted, r.delete_reason) for r in history] == [
        (1, False, None),
        (2, True, "Nhập trùng"),
    ]


def test_form_view_labels_and_formats_the_values() -> None:
    """The F1 example reads as the form: section titles, labels, choices by label, dd/mm/yyyy,
    the reporter as a block, suspects and items as tables, sensitive fields marked."""
    form = load_catalogue().get("F1")
    sections = record_view.form_view(form, example_values("F1"), "vi")
    fields = {f.label: f for s in sections for f in s.fields}
    assert sections[0].title == form.sections[0].title.vi
    assert fields["Hình thức tiếp nhận"].text == "Trực tiếp"
    reporter = {c.label: c.text for c in fields["Người tố giác, báo tin"].children}
    assert reporter["Họ, chữ đệm và tên"] == "Nguyễn Văn Đức"
    assert reporter["Ngày, tháng, năm sinh"] == "12/03/1985"
    assert reporter["Nơi thường trú"].startswith("Số 18 ngõ 102 Đội Cấn, Tổ dân phố 7, Phường")
    items = fields["Danh mục tài liệu, đồ vật"]
    assert items.kind == "table" and len(items.rows) == 2
    assert "USB chứa đoạn ghi hình camera" in items.rows[0]
    assert fields["Người bị tố giác, nghi vấn"].sensitive
    assert not fields["Hình thức tiếp nhận"].sensitive
    english = record_view.form_view(form, example_values("F1"), "en")
    assert any(f.text == "In person" for s in english for f in s.fields)


def test_changes_name_the_field_and_both_values() -> None:
    """A revision's changes read "Người tố giác › Họ và tên: old → new", rows numbered."""
    form = load_catalogue().get("F1")
    old = example_values("F1")
    new = person("Nguyễn Văn Đạt")
    new["items"] = new["items"][:1]
    found = {c.label: (c.old, c.new) for c in record_view.changes(form, old, new, "vi")}
    assert found["Người tố giác, báo tin › Họ, chữ đệm và tên"] == (
        "Nguyễn Văn Đức",
        "Nguyễn Văn Đạt",
    )
    removed = [label for label, (_, now) in found.items() if now == ""]
    assert removed and all(label.startswith("Danh mục tài liệu, đồ vật 2") for label in removed)
    assert record_view.changes(form, None, new) == []
    assert record_view.changes(form, old, old) == []


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_selective_filters_give_the_same_page_through_the_indexes(
    client: TestClient, engine: Engine, device: StationDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the newest records hold too few matches, the list takes them through the indexes
    (GIN for words on PostgreSQL, or LIKE among the few the other filters keep): same rows,
    same order, same pages as reading everything."""
    push(client, device, [wire_record(device, values=person("Quách Thị Yến"))])
    push(client, device, [wire_record(device, "F8") for _ in range(8)])
    push(client, device, [wire_record(device, values=person("Quách Thị Yên"))])
    push(client, device, [wire_record(device, "F8") for _ in range(8)])
    queries = [
        RecordQuery(text="quach thi ye"),
        RecordQuery(text="quach", form_id="f1", status="submitted"),
        RecordQuery(date_from=date(2026, 11, 21), form_id="f1"),
        RecordQuery(form_id="f8"),
    ]

    def walk(query: RecordQuery) -> list[list[uuid.UUID]]:
        pages, after = [], None
        while True:
            with engine.connect() as conn:
                page = console_records.list_records(
                    conn, station_condition(user()), query, after, limit=3
                )
            pages.append([row.record_id for row in page.rows])
            if page.next_cursor is None:
                return pages
            after = page.next_cursor

    everything = [walk(query) for query in queries]
    assert [sum(len(p) for p in pages) for pages in everything] == [2, 2, 2, 16]
    monkeypatch.setattr(console_records, "SEARCH_WINDOW", 4)
    monkeypatch.setattr(console_records, "FILTER_WINDOW", 4)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert [walk(query) for query in queries] == everything  # words by LIKE among few
        monkeypatch.setattr(console_records, "FILTERED_CAP", 1)
        assert [walk(query) for query in queries] == everything  # words by the index
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    if engine.dialect.name == "postgresql":  # the index route was taken, through the GIN index
        assert any("MATERIALIZED" in s and "to_tsvector('simple'" in s for s in statements)


def test_a_whole_id_number_goes_straight_to_the_index(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """An ID number is on a handful of records: the list looks it up at once (through the GIN
    index on PostgreSQL) instead of first reading the newest records by LIKE — and finds the
    same records, in scope, the other filters applied."""
    victim_id = example_values("F1")["victims"][0]["id_number"]
    assert victim_id.isdigit() and len(victim_id) == 12
    push(client, device, [wire_record(device, values=person("Quách Thị Yến"))])
    push(client, device, [wire_record(device, "F8") for _ in range(3)])
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert titles(engine, RecordQuery(text=victim_id)) == titles(
            engine, RecordQuery(text="quach thi yen")
        )
        assert len(titles(engine, RecordQuery(text=victim_id))) == 1
        assert titles(engine, RecordQuery(text=victim_id, form_id="f8")) == []
        assert titles(engine, RecordQuery(text=victim_id[:-1] + "9")) == []
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    if engine.dialect.name == "postgresql":
        numbers = [s for s in statements if "to_tsvector('simple'" in s]
        assert numbers and all("MATERIALIZED" in s and "LIKE" not in s for s in numbers)
