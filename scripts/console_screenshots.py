"""Screenshots of every console page at 1366×768, in Vietnamese and English, from a real server
with demo data that real stations synced: docs/screenshots/console/{vi,en}/*.png.

    .venv/bin/python scripts/console_screenshots.py [--db URL | --pg] [--out DIR] [--whole DIR]

The centre is set up as docs/deployment.md says (`cax-server db upgrade`, `station add`,
`enroll-code`, `user add`), served by `cax-server serve`; three stations in two provinces are real
`cax` stations (init, sync enroll, the docs/examples records entered, completed, approved, one of
them amended, a periodic report submitted, `cax sync run`). Without --db or --pg the centre is a
one-machine trial's SQLite file in a temporary folder; the committed pictures are made with --pg
(PostgreSQL, as in production). Needs Chromium (scripts/system-deps.sh browser)."""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.integration.browser import (  # noqa: E402
    EXAMPLES,
    WINDOW,
    Centre,
    StationCli,
    chromium,
    chromium_missing,
    enter_password,
    fresh_profile,
    read_enrolment_secret,
    remove_profile,
    sign_in,
    submit,
    wait_for,
)

# The PostgreSQL server the tests use (tests/server/conftest.py); --pg makes a database there.
PG_ADMIN_URL = os.environ.get(
    "CAX_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# (code, name, records from docs/examples) — two Hà Nội wards and one in Hồ Chí Minh City sync;
# one more Hà Nội ward is registered but has never synced (the overview shows it).
STATIONS = (
    ("00004", "Công an phường Ba Đình", ("F1", "F2", "F3", "F5", "F6")),
    ("00025", "Công an phường Giảng Võ", ("F4", "F7", "F8")),
    ("26824", "Công an phường Thủ Đức", ("F9", "F10")),
)
SILENT_STATION = "00070"  # Phường Hoàn Kiếm
NARRATIVE = {
    "political_security": "Tình hình an ninh chính trị trên địa bàn ổn định.",
    "hot_spots": "Không phát sinh “điểm nóng” về an ninh, trật tự.",
    "plans": "Tiếp tục tuần tra đêm, vận động thu hồi vũ khí.",
}
RETURN_COMMENT = "Đề nghị bổ sung lời khai của người làm chứng và ảnh chụp hiện trường."


@dataclass
class Demo:
    """What the pages are about: ids found while seeding."""

    records: dict[str, str]  # form → record id
    report_station: str = "00004"


def seed(centre: Centre, work: Path) -> Demo:
    """The centre's set-up and the stations' work, every step a real command."""
    centre.cax_server("db", "upgrade")
    for code, name, _ in STATIONS:
        centre.cax_server("station", "add", code, name)
    centre.cax_server("station", "add", SILENT_STATION)
    centre.add_user("quantri", "admin", "all", full_name="Nguyễn Thị Minh Thu")
    centre.add_user("duyet.hanoi", "reviewer", "province:01", full_name="Trần Văn Hùng")
    centre.add_user("duyet.hcm", "reviewer", "province:79", full_name="Lê Thị Ngọc Ánh")
    centre.start()
    records: dict[str, str] = {}
    for code, name, forms in STATIONS:
        station = StationCli(work / f"station-{code}", code, name)
        station.init()
        station.cax("sync", "enroll", "--server", centre.url, "--code", centre.enrolment_code(code))
        for form in forms:
            records[form] = station.approved_record(EXAMPLES / f"{form}.json")
        if code == "00004":
            _amend(station, records["F1"], work)
            narrative = work / "narrative.json"
            narrative.write_text(json.dumps(NARRATIVE, ensure_ascii=False), encoding="utf-8")
            station.cax("report", "--period", "2026-11", "--submit", "--narrative", str(narrative))
        print(station.cax("sync", "run").strip())
    centre.cax_server("review", records["F2"], "--decision", "returned", "--comment",
                      RETURN_COMMENT, "--reviewer", "duyet.hanoi")  # fmt: skip
    centre.cax_server("review", records["F4"], "--decision", "accepted", "--reviewer", "quantri")
    return Demo(records)


def _amend(station: StationCli, record_id: str, work: Path) -> None:
    """A second revision of F1: the check's result written out after the camera was checked."""
    document = json.loads((EXAMPLES / "F1.json").read_text(encoding="utf-8"))
    document["values"]["check_result"] += " Đã trích xuất hình ảnh, chuyển Cơ quan CSĐT."
    changed = work / "F1-amended.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    reason = "Bổ sung kết quả kiểm tra camera"
    station.cax("record", "amend", record_id, "--data", str(changed), "--reason", reason)
    station.cax("record", "approve", record_id)


def viewport(driver: WebDriver, height: int = WINDOW[1]) -> None:
    """The page area itself 1366 wide and `height` high (a window's size includes its frame)."""
    metrics = {"width": WINDOW[0], "height": height, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def shoot(driver: WebDriver, path: Path, whole: Path | None) -> None:
    """The 1366×768 page area as the user sees it; with `whole`, also the page's full height at
    the same width there (to check what lies below the fold)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    for problem in problems(driver):
        print(f"    ! {problem}")
    if whole is not None:
        target = whole / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        scrolled = driver.execute_script("return window.scrollY")
        viewport(driver, max(WINDOW[1], driver.execute_script("return document.body.scrollHeight")))
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(target))
        viewport(driver)
        driver.execute_script("window.scrollTo(0, arguments[0])", scrolled)


# A message key shown as is (i18n returns the key when a text is missing): "records.status.x".
_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z_]+(?:\.[a-z0-9_]+)*\b")
_NOT_KEYS = re.compile(r"\.(?:json|png|csv|xlsx|pdf|md|html|py|vn|com)\b")


def problems(driver: WebDriver) -> list[str]:
    """What a person would notice at once: the page wider than the window, a raw message key."""
    found = []
    width = driver.execute_script("return document.documentElement.scrollWidth")
    if width > WINDOW[0]:
        found.append(f"the page is {width} px wide: it scrolls sideways at {WINDOW[0]}")
    text = driver.execute_script(  # what is read as words, not ids shown as code
        "const b = document.body.cloneNode(true);"
        "b.querySelectorAll('code, pre, kbd, style, script').forEach(e => e.remove());"
        "return b.textContent;"
    )
    keys = {k for k in _KEY.findall(text) if not _NOT_KEYS.search(k)}
    keys = {k for k in keys if not k.startswith(("cli.", "duyet.", "quantri."))}  # user names
    if keys:
        found.append(f"untranslated message keys: {', '.join(sorted(keys))}")
    return found


def _settle(driver: WebDriver) -> None:
    """Fonts and layout done before the picture."""
    driver.execute_script("return document.fonts ? document.fonts.ready : null")
    time.sleep(0.2)


def pages(centre: Centre, demo: Demo) -> list[tuple[str, Callable[[WebDriver], None]]]:
    """(file name, how to get there) for every signed-in page."""

    def go(path: str) -> Callable[[WebDriver], None]:
        return lambda d: d.get(centre.url + path)

    def searched(d: WebDriver) -> None:
        d.get(f"{centre.url}/console/records")
        box = wait_for(d, "input[name=q]")
        box.send_keys("nguyen van duc")
        submit(d, box)

    def record(d: WebDriver) -> None:
        d.get(f"{centre.url}/console/records/{demo.records['F1']}")

    def report(d: WebDriver) -> None:
        d.get(f"{centre.url}/console/reports")
        links = d.find_elements(By.CSS_SELECTOR, "a[href^='/console/reports/']")
        if not links:
            raise RuntimeError("no submitted report is listed on /console/reports")
        submit(d, links[0])

    def returned(d: WebDriver) -> None:
        """The returned record scrolled to its review history (the comment the unit gets)."""
        d.get(f"{centre.url}/console/records/{demo.records['F2']}")
        d.execute_script(
            "document.getElementById('reviews').scrollIntoView(); window.scrollBy(0, -120)"
        )

    return [
        ("03-overview", go("/console/")),
        ("04-stations", go("/console/stations")),
        ("05-station", go("/console/stations/00004")),
        ("06-records-search", searched),
        ("07-record", record),
        ("08-reports", go("/console/reports")),
        ("09-report", report),
        ("10-forms", go("/console/forms")),
        ("11-form-version", go("/console/forms/f1/1")),
        ("12-audit", go("/console/audit")),
        ("13-account", go("/console/account")),
        ("14-error-404", go("/console/records/01890000-0000-7000-8000-000000000000")),
        ("15-record-returned", returned),
    ]


def set_language(driver: WebDriver, centre: Centre, lang: str) -> None:
    driver.get(f"{centre.url}/console/lang/{lang}?next=/console/login")


def capture(centre: Centre, demo: Demo, out: Path, whole: Path | None) -> None:
    for lang, enrolling in (("vi", "duyet.hanoi"), ("en", "duyet.hcm")):
        profile = fresh_profile()
        driver = chromium(profile, "vi-VN" if lang == "vi" else "en-GB")
        viewport(driver)
        try:
            print(f"{lang}:")
            set_language(driver, centre, lang)
            _settle(driver)
            shoot(driver, out / lang / "01-login.png", whole)
            # The second factor's enrolment, as a new account's first sign-in shows it.
            enter_password(driver, centre, enrolling)
            read_enrolment_secret(driver, centre, enrolling)
            _settle(driver)
            shoot(driver, out / lang / "02-totp-enrolment.png", whole)
            driver.delete_all_cookies()
            set_language(driver, centre, lang)
            sign_in(driver, centre, "quantri")
            for name, open_page in pages(centre, demo):
                open_page(driver)
                _settle(driver)
                shoot(driver, out / lang / f"{name}.png", whole)
        finally:
            driver.quit()
            remove_profile(profile)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="the centre's database URL (default: SQLite in a temp dir)")
    where.add_argument(
        "--pg", action="store_true", help="a throwaway database on $CAX_TEST_PG_URL's server"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "console")
    parser.add_argument("--whole", type=Path, help="also save each page's full height here")
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="cax-console-shots-") as tmp:
        work = Path(tmp)
        home = work / "centre"
        home.mkdir()
        with database(args) as db_url:
            centre = Centre(db_url or f"sqlite:///{home / 'cax-server.sqlite3'}", home)
            try:
                demo = seed(centre, work)
                capture(centre, demo, args.out.resolve(), args.whole)
            finally:
                failures = server_failures(centre)
                centre.stop()
    if failures:
        print(
            f"the server logged failures while the pages were shown:\n{failures}", file=sys.stderr
        )
        return 1
    return 0


@contextmanager
def database(args: argparse.Namespace) -> Iterator[str | None]:
    """The database URL asked for; with --pg a fresh PostgreSQL database, dropped afterwards."""
    if not args.pg:
        yield args.db
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"cax_screenshots_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def server_failures(centre: Centre) -> str:
    """The server log's tracebacks: a page that showed "System error" must not pass unseen."""
    if centre.process is None or not centre.process.log_path.exists():
        return ""
    log = centre.process.log_path.read_text(encoding="utf-8", errors="replace")
    start = log.find("Traceback")
    return log[start:] if start >= 0 else ""


if __name__ == "__main__":
    sys.exit(main())
