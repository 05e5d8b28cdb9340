"""A real headless Chromium driving the console of a real `cax-server serve`, set up the way an
operator does it (`db upgrade`, `station add`, `enroll-code`, `user add` as child processes), and a
real station (`cax init`, `cax sync enroll`, `cax record ...`, `cax sync run`).

Shared by tests/integration/test_console_browser.py and scripts/console_screenshots.py."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.integration.servers import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
CHROMIUM = Path(os.environ.get("CAX_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CAX_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"))
WINDOW = (1366, 768)  # the smallest screen the console is made for
CONSOLE_PASSWORD = "Mật-khẩu trung tâm 2026"
STATION_PASSWORD = "Trạm-trưởng 2026!"
SESSION_COOKIE = "cax_console"


def chromium_missing() -> str | None:
    """Why no browser can be started here (None when both programs are installed)."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not (program.is_file() and os.access(program, os.X_OK)):
            return f"{program} is missing (scripts/system-deps.sh browser installs it)"
    return None


def chromium(profile: Path, lang: str = "vi-VN") -> WebDriver:
    """Headless Chromium at 1366×768 with a fresh profile, nothing fetched in the background."""
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # as root in a container the sandbox cannot start
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--lang={lang}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    return driver


def run(command: list[str], env: dict[str, str], timeout: float = 120) -> str:
    """A child process whose success is required; its standard output."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CAX_")} | env
    result = subprocess.run(
        command, env=full_env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if result.returncode != 0 or "Traceback" in result.stderr:
        raise AssertionError(f"{' '.join(command[2:])} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def totp_code(secret: str, when: float) -> str:
    """What an authenticator app shows for the secret at `when` (RFC 6238, SHA-1, 6 digits)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return TOTP(key, 6, SHA1(), 30, enforce_key_length=False).generate(int(when)).decode()


@dataclass
class Centre:
    """A `cax-server` home and database, and the `cax-server serve` process once started."""

    db_url: str
    home: Path
    process: ServerProcess | None = None
    secrets: dict[str, str] = field(default_factory=dict)  # user → TOTP secret read at enrolment
    used_steps: dict[str, int] = field(default_factory=dict)  # a code is good only once

    @property
    def env(self) -> dict[str, str]:
        return {"CAX_SERVER_DB": self.db_url, "CAX_SERVER_HOME": str(self.home)}

    @property
    def url(self) -> str:
        assert self.process is not None
        return self.process.url

    def cax_server(self, *args: str) -> str:
        return run([sys.executable, "-m", "server.cli", *args], self.env)

    def start(self) -> None:
        self.process = ServerProcess(self.db_url, self.home)
        self.process.start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process = None

    def enrolment_code(self, station: str) -> str:
        found = re.search(r"code: (\S+)", self.cax_server("enroll-code", station))
        assert found is not None
        return found.group(1)

    def add_user(self, name: str, role: str, scope: str, full_name: str = "") -> None:
        """`cax-server user add` with the password in a file, as the deployment guide says."""
        password_file = self.home / f"{name}.password"
        password_file.write_text(CONSOLE_PASSWORD + "\n", encoding="utf-8")
        password_file.chmod(0o600)
        args = ["user", "add", name, "--role", role, "--scope", scope]
        self.cax_server(*args, "--full-name", full_name, "--password-file", str(password_file))
        password_file.unlink()

    def next_code(self, name: str) -> str:
        """The user's current code. A code is good once: when this step's was used, the next
        step's (the server allows one step of clock drift), else wait for a fresh step."""
        used = self.used_steps.get(name, -1)
        step = int(time.time() // 30)
        if used > step:  # even the next step's code was used: wait until it is the current one
            time.sleep(used * 30 - time.time() + 0.5)
            step = int(time.time() // 30)
        if used >= step:
            step += 1
        self.used_steps[name] = step
        return totp_code(self.secrets[name], step * 30)


@dataclass
class StationCli:
    """A station's `cax` as its chief runs it (Vietnamese unless told otherwise)."""

    home: Path
    code: str
    name: str
    lang: str = "vi"

    @property
    def env(self) -> dict[str, str]:
        return {
            "CAX_HOME": str(self.home),
            "CAX_USER": "truong",
            "CAX_PASSWORD": STATION_PASSWORD,
            "CAX_LANG": self.lang,
        }

    def cax(self, *args: str) -> str:
        return run([sys.executable, "-m", "desktop.cli.main", *args], self.env)

    def init(self) -> None:
        args = ["init", "--station-code", self.code, "--station-name", self.name]
        self.cax(*args, "--supervisor", "truong")

    def approved_record(self, data: Path) -> str:
        """Entered, completed and approved: what the station sends to the centre."""
        form = json.loads(data.read_text(encoding="utf-8"))["form"]
        record_id = json.loads(self.cax("record", "new", form, "--data", str(data), "--json"))["id"]
        self.cax("record", "complete", record_id)
        self.cax("record", "approve", record_id)
        return record_id


def wait_for(driver: WebDriver, css: str, timeout: float = 15) -> WebElement:
    return WebDriverWait(driver, timeout).until(lambda d: d.find_element(By.CSS_SELECTOR, css))


def submit(driver: WebDriver, element: WebElement) -> None:
    """Press the button or link (or submit the field's form) and wait for the next page."""
    driver.execute_script("window.caxLeaving = true")  # gone once another page is loaded
    element.click() if element.tag_name in ("a", "button") else element.submit()
    # Mid-navigation the driver may answer with odd errors ("node does not belong to the
    # document"): ask again until the new page answers, or time out.
    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.caxLeaving === undefined && document.readyState === 'complete'"
        )
    )


def enter_password(driver: WebDriver, centre: Centre, name: str) -> None:
    """The sign-in page: name and password typed, the button pressed."""
    if "/console/login" not in driver.current_url:
        driver.get(f"{centre.url}/console/login")
    wait_for(driver, "input[name=name]").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "input[name=password]").send_keys(CONSOLE_PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def read_enrolment_secret(driver: WebDriver, centre: Centre, name: str) -> str:
    """The secret the enrolment page shows for typing into an app by hand."""
    shown = wait_for(driver, ".secret").text
    secret = "".join(shown.split())
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), shown
    centre.secrets[name] = secret
    return secret


def enter_code(driver: WebDriver, centre: Centre, name: str) -> None:
    field = wait_for(driver, "input[name=code]")
    field.send_keys(centre.next_code(name))
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))


def sign_in(driver: WebDriver, centre: Centre, name: str) -> None:
    """Password, then the second factor: enrolment at the first sign-in, the code afterwards
    (a viewer without a second factor is in after the password)."""
    enter_password(driver, centre, name)
    if "/console/login/enrol" in driver.current_url:
        read_enrolment_secret(driver, centre, name)
        enter_code(driver, centre, name)
    elif "/console/login/totp" in driver.current_url:
        enter_code(driver, centre, name)
    assert "/console/login" not in driver.current_url, page_text(driver)


def page_text(driver: WebDriver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def cookie_client(driver: WebDriver, centre: Centre) -> httpx.Client:
    """An HTTP client holding the browser's cookies (the session included), not following
    redirects, for what a page cannot do: a request the page would never send."""
    client = httpx.Client(base_url=centre.url, follow_redirects=False, timeout=15)
    for cookie in driver.get_cookies():
        client.cookies.set(cookie["name"], cookie["value"], path=cookie.get("path", "/"))
    return client


def fresh_profile() -> Path:
    return Path(tempfile.mkdtemp(prefix="cax-chromium-"))


def remove_profile(profile: Path) -> None:
    shutil.rmtree(profile, ignore_errors=True)
