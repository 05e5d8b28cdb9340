"""The web console in a real headless Chromium against a real `cax-server serve` on PostgreSQL,
set up as an operator does it, with a real station syncing with it: what a reviewer sees and does,
and that the station gets the decision."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.integration.browser import (
    EXAMPLES,
    SESSION_COOKIE,
    Centre,
    StationCli,
    chromium,
    chromium_missing,
    cookie_client,
    enter_code,
    enter_password,
    fresh_profile,
    page_text,
    read_enrolment_secret,
    remove_profile,
    sign_in,
    submit,
    wait_for,
)
from tests.server.conftest import PG_ADMIN_URL, _pg_admin

# Chromium and a server per test, TOTP steps waited for: `make test`, not `make check`.
pytestmark = pytest.mark.slow

HANOI, HCMC = "00004", "26824"  # Ba Đình (province 01) and a ward of Hồ Chí Minh City (79)


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """An empty PostgreSQL database made a centre by the operator's commands, then served."""
    admin = _pg_admin()  # fails in CI, skips elsewhere, when PostgreSQL is not there
    name = f"cax_console_{secrets.token_hex(5)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    centre = Centre(url, tmp_path_factory.mktemp("centre"))
    try:
        centre.cax_server("db", "upgrade")
        assert "Công an phường Ba Đình" in centre.cax_server("station", "add", HANOI)
        centre.cax_server("station", "add", HCMC)
        centre.start()
        yield centre
    finally:
        centre.stop()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def station(centre: Centre, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Ba Đình's station enrolled with the centre, an F1 and an F6 approved and synced: the
    record ids by form."""
    cli = StationCli(tmp_path_factory.mktemp("station"), HANOI, "Công an phường Ba Đình")
    cli.init()
    cli.cax("sync", "enroll", "--server", centre.url, "--code", centre.enrolment_code(HANOI))
    ids = {form: cli.approved_record(EXAMPLES / f"{form}.json") for form in ("F1", "F6")}
    synced = cli.cax("sync", "run")
    assert "gửi 2, trung tâm đã nhận 2" in synced, synced
    return ids | {"home": str(cli.home)}


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    missing = chromium_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: CI must not skip the browser tests", pytrace=False)
        pytest.skip(missing)
    profile = fresh_profile()
    driver = chromium(profile)
    try:
        yield driver
    finally:
        driver.quit()
        remove_profile(profile)


def _user(centre: Centre, role: str, scope: str) -> str:
    """A new console account (a new name per test: each enrols its own second factor)."""
    name = f"{role[:3]}{secrets.token_hex(3)}"
    centre.add_user(name, role, scope, full_name="Trần Thị Hạnh")
    return name


def _today() -> str:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y")


def _db(centre: Centre):  # type: ignore[no-untyped-def]
    return create_engine(centre.db_url)


def test_first_sign_in_enrols_the_second_factor_then_the_code_is_asked(
    centre: Centre, browser: WebDriver
) -> None:
    """First sign-in shows a QR code and a key; the code from it opens the console; the next
    sign-in asks only for the code, and a wrong code is refused with a clear message."""
    name = _user(centre, "reviewer", "province:01")
    enter_password(browser, centre, name)
    assert browser.current_url.endswith("/console/login/enrol")
    assert "Thiết lập xác thực hai bước" in page_text(browser)
    assert browser.find_element(By.CSS_SELECTOR, ".qr svg").is_displayed()
    read_enrolment_secret(browser, centre, name)
    enter_code(browser, centre, name)
    assert browser.current_url == f"{centre.url}/console/"
    header = browser.find_element(By.CSS_SELECTOR, "header.topbar").text
    assert "Trần Thị Hạnh" in header and "Cán bộ duyệt" in header and "Hà Nội" in header

    browser.delete_all_cookies()
    enter_password(browser, centre, name)
    assert browser.current_url.endswith("/console/login/totp")
    code = wait_for(browser, "input[name=code]")
    code.send_keys("000000")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    assert "Mã không đúng hoặc đã được dùng" in page_text(browser)
    enter_code(browser, centre, name)
    assert browser.current_url == f"{centre.url}/console/"


@pytest.mark.parametrize("width", [1366, 768])
def test_enrolment_code_field_is_on_screen_without_scrolling(
    centre: Centre, browser: WebDriver, width: int
) -> None:
    """The QR code sits beside the steps: at 1366×768, and on a 768 px wide screen of the same
    height, the code field and its button are in view at once, and nothing scrolls sideways."""
    metrics = {"width": width, "height": 768, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    enter_password(browser, centre, _user(centre, "reviewer", "province:01"))
    assert browser.current_url.endswith("/console/login/enrol")
    for selector in (".qr svg", "input[name=code]", "form.stack button[type=submit]"):
        box = browser.execute_script(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
            "return [r.top, r.bottom, r.right, innerHeight, innerWidth];",
            selector,
        )
        top, bottom, right, height, shown_width = box
        assert top >= 0 and bottom <= height and right <= shown_width, (selector, box)
    scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width


def test_the_synced_station_is_seen_today_and_its_returned_record_reaches_it(
    centre: Centre, station: dict[str, str], browser: WebDriver
) -> None:
    """The overview shows Ba Đình synced today; "nguyen van duc" (no accents) finds the F1; the
    reviewer returns it with a comment; the station's next sync pulls it with the comment."""
    name = _user(centre, "reviewer", "province:01")
    sign_in(browser, centre, name)
    browser.get(f"{centre.url}/console/")
    card = browser.find_element(By.CSS_SELECTOR, "a.card[href$='health=today']")
    assert card.text.split("\n")[:2] == ["1", "Đồng bộ hôm nay"], card.text
    submit(browser, card)
    row = _row_with(wait_for_rows(browser), "Công an phường Ba Đình")
    assert _today() in row.text and "Đồng bộ hôm nay" in row.text, row.text

    browser.get(f"{centre.url}/console/records")
    search = wait_for(browser, "input[name=q]")
    # The event-date range stays on one line with the other filters at 1366×768.
    tops = browser.execute_script(
        "return ['from', 'to', 'status'].map(n => Math.round("
        "document.querySelector(`[name=${n}]`).getBoundingClientRect().top));"
    )
    assert len(set(tops)) == 1, tops
    search.send_keys("nguyen van duc")
    submit(browser, search)
    results = browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert len(results) == 1, page_text(browser)
    assert "Nguyễn Văn Đức" in results[0].text
    submit(browser, results[0].find_element(By.CSS_SELECTOR, "a"))
    assert station["F1"] in browser.current_url
    assert "Nguyễn Văn Đức" in page_text(browser)

    comment = "Đề nghị bổ sung lời khai của người làm chứng và ảnh chụp hiện trường."
    browser.find_element(By.CSS_SELECTOR, "textarea[name=comment]").send_keys(comment)
    returned = browser.find_element(By.CSS_SELECTOR, "button[name=decision][value=returned]")
    submit(browser, returned)
    assert "Đã trả lại hồ sơ để sửa" in browser.find_element(By.CSS_SELECTOR, ".notice.ok").text
    status_badge = browser.find_element(By.CSS_SELECTOR, "table.facts .badge")
    assert status_badge.text == "Trả lại để sửa"
    [decision] = browser.find_elements(By.CSS_SELECTOR, "#reviews tbody tr")
    assert "Trả lại để sửa" in decision.text and comment in decision.text, decision.text

    cli = StationCli(Path(station["home"]), HANOI, "Công an phường Ba Đình")
    cli.cax("sync", "run")
    status = json.loads(cli.cax("sync", "status", "--json"))
    assert status["open_returns"] == 1, status
    entries = json.loads(cli.cax("audit", "list", "--action", "record.returned", "--json"))
    assert [(e["actor"], e["target"], e["details"]["comment"]) for e in entries] == [
        ("centre", station["F1"], comment)
    ]


def test_another_provinces_reviewer_gets_404_for_the_record_by_url(
    centre: Centre, station: dict[str, str], browser: WebDriver
) -> None:
    """A reviewer of Hồ Chí Minh City opening Ba Đình's record by its address sees the 404 page,
    and the records search does not find it either."""
    name = _user(centre, "reviewer", "province:79")
    sign_in(browser, centre, name)
    browser.get(f"{centre.url}/console/records/{station['F6']}")
    shown = page_text(browser)
    assert "Không tìm thấy trang" in shown, shown
    assert "Phan Văn Thắng" not in shown and station["F6"] not in shown
    client = cookie_client(browser, centre)
    assert client.get(f"/console/records/{station['F6']}").status_code == 404
    browser.get(f"{centre.url}/console/stations/{HANOI}")  # nor Ba Đình's station page
    assert "Không tìm thấy trang" in page_text(browser)
    assert client.get(f"/console/stations/{HANOI}").status_code == 404
    assert client.get(f"/console/stations/{HCMC}").status_code == 200  # its own is there

    browser.get(f"{centre.url}/console/records?q=phan+van+thang")
    assert "Phan Văn Thắng" not in page_text(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, "table tbody tr a")


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(
    centre: Centre, station: dict[str, str], browser: WebDriver
) -> None:
    """The review form with its hidden token removed gets the 403 page; so does the browser's
    own session posting without it; the record has no decision afterwards."""
    name = _user(centre, "reviewer", "province:01")
    sign_in(browser, centre, name)
    record = f"/console/records/{station['F6']}"
    browser.get(centre.url + record)
    form = wait_for(browser, "form textarea[name=comment]").find_element(
        By.XPATH, "./ancestor::form"
    )
    browser.execute_script("arguments[0].querySelector('input[name=csrf_token]').remove()", form)
    form.find_element(By.CSS_SELECTOR, "textarea[name=comment]").send_keys("Không có mã")
    submit(browser, form.find_element(By.CSS_SELECTOR, "button[name=decision][value=returned]"))
    shown = page_text(browser)
    assert "Không có quyền" in shown and "không có gì thay đổi" in shown, shown

    browser.get(centre.url + record)  # the same form, sent by hand with the session cookie
    form = wait_for(browser, "form textarea[name=comment]").find_element(
        By.XPATH, "./ancestor::form"
    )
    action = form.get_attribute("action").removeprefix(centre.url)
    client = cookie_client(browser, centre)
    fields = {"decision": "accepted", "revision": "1", "comment": ""}
    refused = client.post(action, data=fields)
    assert refused.status_code == 403 and "không có gì thay đổi" in refused.text
    forged = client.post(action, data=fields | {"csrf_token": "x" * 43})
    assert forged.status_code == 403

    engine = _db(centre)
    with engine.connect() as conn:
        decisions = conn.execute(
            text("SELECT count(*) FROM record_reviews WHERE record_id = :id"),
            {"id": station["F6"]},
        ).scalar_one()
        status = conn.execute(
            text("SELECT status FROM records WHERE record_id = :id"), {"id": station["F6"]}
        ).scalar_one()
    engine.dispose()
    assert (decisions, status) == (0, "submitted")
    browser.get(centre.url + record)
    assert "Không có mã" not in page_text(browser)


def test_sign_out_ends_the_session_for_the_old_cookie_too(
    centre: Centre, browser: WebDriver
) -> None:
    """After "Đăng xuất", the cookie the browser had no longer opens a page: sign-in again."""
    name = _user(centre, "viewer", "province:01")
    sign_in(browser, centre, name)
    browser.get(f"{centre.url}/console/account")
    old = browser.get_cookie(SESSION_COOKIE)
    assert old is not None
    before = cookie_client(browser, centre)
    assert before.get("/console/account").status_code == 200

    logout = browser.find_element(By.CSS_SELECTOR, "form[action='/console/logout'] button")
    submit(browser, logout)
    assert browser.current_url.endswith("/console/login")
    assert browser.get_cookie(SESSION_COOKIE) is None

    after = before.get("/console/account")  # the very same cookie, sent again
    assert after.status_code == 303 and after.headers["location"].startswith("/console/login")
    browser.add_cookie({"name": SESSION_COOKIE, "value": old["value"], "path": "/console"})
    browser.get(f"{centre.url}/console/account")
    assert "/console/login" in browser.current_url
    assert "Đăng nhập" in page_text(browser)


def wait_for_rows(driver: WebDriver) -> WebDriver:
    wait_for(driver, "table tbody tr")
    return driver


def _row_with(driver: WebDriver, text_in_row: str):  # type: ignore[no-untyped-def]
    """The table row naming `text_in_row` (a station, a record)."""
    for row in driver.find_elements(By.CSS_SELECTOR, "tr"):
        if text_in_row in row.text:
            return row
    raise AssertionError(f"no row with {text_in_row!r}:\n{page_text(driver)}")
